"""Which language a message is written in, by a character n-gram model (py3langid) behind one function.

The glossary's marker words catch the usual question words; a message written in full sentences of
French or Spanish may use none of them ("Quel pourcentage touche un revendeur…" has one), so the
model decides when the markers alone do not.
"""
from __future__ import annotations

from functools import lru_cache

#: languages the model chooses between: English, those the glossary translates, and near neighbours
#: (an Italian message must not be read as Spanish and half-translated)
CANDIDATES = ("en", "es", "pt", "fr", "de", "it", "nl", "pl")


@lru_cache(maxsize=1)
def _identifier():
    # loaded on first use: most messages are English and never need it
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(CANDIDATES))
    return identifier


def identify(text: str) -> tuple[str, float]:
    """The likeliest language code among ``CANDIDATES`` and its probability."""
    language, probability = _identifier().classify(text)
    return language, float(probability)
