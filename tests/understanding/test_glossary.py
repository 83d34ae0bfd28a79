"""A question in Spanish, Portuguese, French, German, Italian or Dutch is searched in the documents' English; English stays."""
import pytest

from assistant.understanding.glossary import in_english, language_of, without_false_friends


@pytest.mark.parametrize("text,lang", [
    ("¿Qué significa DPOR y para qué sirve en CSP?", "es"),
    ("Somos um provedor indireto com MPN ativa e dados bancários completos no PIExp", "pt"),
    ("Quel est le seuil d'utilisation du co-op maintenant ?", "fr"),
    ("Wie viele Mitarbeiter brauchen wir für Gold?", "de"),
    ("Hoeveel nieuwe klanten hebben wij nodig voor Gold?", "nl"),
    ("What is the co-op usage threshold now?", None),
    # English with one foreign word is still English
    ("Is the umbral for co-op 10k?", None),
])
def test_the_language_is_read_from_its_function_words(text, lang):
    assert language_of(text) == lang


@pytest.mark.parametrize("text,words", [
    ("Wie viele Mitarbeiter mit bestandener Zertifizierungsprüfung brauchen wir für Gold?",
     ["how many", "employees", "passed", "certification exam", "need", "Gold"]),
    ("Quel est le seuil d'utilisation du co-op maintenant, et depuis quand il s'applique ?",
     ["what is", "usage threshold", "now", "since when", "applies"]),
    ("Welche Business-Anforderungen muss ein CSP Indirect Provider erfüllen?", ["which", "business requirements", "meet"]),
    ("Wat was de co-op drempel voordat die werd verhoogd?", ["threshold", "raised"]),
    ("Quais são os requisitos operacionais depois dos requisitos de negócio?", ["operational", "business"]),
    ("¿Podemos demandar a Microsoft por el retraso?", ["sue"]),
])
def test_a_foreign_question_reads_in_the_documents_english(text, words):
    english = in_english(text)
    for w in words:
        assert w.lower() in english.lower()  # a sentence-initial capital is kept


def test_english_is_left_as_written():
    text = "What do we do with the co-op funds, and is there a deadline?"
    assert in_english(text) == text


def test_a_portuguese_no_is_masked_at_the_same_length():
    text = "dados bancários e fiscais completos no PIExp, já integrados"
    masked = without_false_friends(text + " com MPN ativa, somos um provedor")
    assert len(masked) == len(text + " com MPN ativa, somos um provedor")
    assert " no PIExp" not in masked
    assert without_false_friends("No tenemos MPN activo, somos revendedor") == "No tenemos MPN activo, somos revendedor"


def test_a_capital_that_starts_a_sentence_stays_so_sentences_still_split():
    english = in_english("Olá! Somos uma revenda pequena. A partir de quanto faturamento mensal o nível Silver já pode valer a pena?")
    assert ". From how much monthly billing" in english and english.startswith("Olá! We are")
    # a German noun's capital mid-sentence is no name
    assert "new customers" in in_english("Was ist für Gold nötig — wie viele neue Kunden und wie viele Mitarbeiter?")



@pytest.mark.parametrize("text,lang", [
    # full sentences with few question words: the language model decides where the markers fall short
    ("Quel pourcentage touche un revendeur indirect CSP sur le chiffre d'affaires Office 365 facturé ?", "fr"),
    ("Notre ID MPN a été désactivé le mois dernier suite à un problème administratif.", "fr"),
    ("Quanto incentivo riceviamo sul fatturato di Dynamics 365?", "it"),
    # English with a name written with an accent stays English
    ("José from our finance team asks what the co-op threshold is now.", None),
])
def test_a_sentence_without_marker_words_is_still_read_in_its_language(text, lang):
    assert language_of(text) == lang


@pytest.mark.parametrize("text,words", [
    ("Nuestro fondo co-op de este periodo no llegó al umbral mínimo. ¿Lo perdemos?",
     ["our", "this period", "did not reach", "minimum threshold", "lose"]),
    ("Quel pourcentage touche un revendeur indirect CSP sur le chiffre d'affaires Office 365 facturé ?",
     ["percentage", "indirect reseller", "revenue", "billed"]),
    # a German compound of the program's words
    ("Welche Mindestumsatzschwelle (TTM) müssen indirekte CSP-Reseller seit Oktober 2021 erreichen?",
     ["minimum revenue threshold", "since", "reach"]),
    # an elided article is a word of its own
    ("Combien de jours après l'invitation ?", ["how many days", "after", "the invitation"]),
    # Dutch, whose short words keep their Dutch meaning over the shared Spanish or French reading
    ("Wat is de drempel voor co-op en hoe lang duurt een verdienperiode?", ["what is", "threshold", "and", "how long"]),
    ("Hoeveel incentive krijgen we op 40.000 dollar aan Dynamics 365 gefactureerd?", ["how much", "billed"]),
    # a suspended German compound names both of its words; a plural ending leaves the glossary's noun
    ("Sind unsere Bank- und Steuerprofile vollständig genug?", ["bank profile", "tax profile", "complete"]),
    # an exchange rate, however it is named
    ("Os incentivos são pagos em dólar. Qual taxa de câmbio a Microsoft usa no pagamento para nós?", ["exchange rate"]),
    ("Welchen Wechselkurs verwendet Microsoft für die Auszahlung?", ["exchange rate"]),
    # the noun before "co-op" in Romance word order, and the split of the incentive
    ("Qual é a divisão entre rebate e fundos co-op?", ["split", "co-op funds"]),
])
def test_everyday_words_are_read_in_english_too(text, words):
    english = in_english(text).lower()
    for w in words:
        assert w in english


def test_plain_english_is_not_sent_to_the_language_model(monkeypatch):
    # the model is loaded on first use; an English message with no foreign word never needs it
    from assistant.understanding import glossary

    def refuse(text):
        raise AssertionError(f"language model asked about {text!r}")

    monkeypatch.setattr(glossary, "identify", refuse)
    glossary.language_of.cache_clear()
    assert glossary.language_of("What is the co-op usage threshold for partners like us this year?") is None
    glossary.language_of.cache_clear()
