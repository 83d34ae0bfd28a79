"""The packaged model run through ONNX Runtime: same vectors as sentence-transformers, optionally int8.

The transformer is exported once from the local weights (no download) into a cache folder;
pooling (mean over real tokens) and L2 normalisation are done here, as the model's own
sentence-transformers modules do.
"""
from __future__ import annotations

import hashlib
import tempfile
import warnings
from pathlib import Path

import numpy as np

from index.encoder import PACKAGED_MODEL, QUANTIZE_CHOICES, SentenceTransformerEncoder, variant_name

INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def _export(st_model, target: Path) -> None:
    """Write the transformer as ONNX with dynamic batch and sequence axes."""
    import torch

    bert = st_model[0].auto_model.eval()

    class LastHidden(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    sample = st_model.tokenizer(["an example sentence"], return_tensors="pt")
    tmp = target.with_suffix(".tmp")
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(LastHidden(bert), tuple(sample[k] for k in INPUTS), str(tmp),
                          input_names=list(INPUTS), output_names=["last_hidden_state"],
                          dynamic_axes={k: {0: "batch", 1: "tokens"} for k in (*INPUTS, "last_hidden_state")},
                          opset_version=17, dynamo=False)
    tmp.replace(target)  # a killed export never leaves a half-written model behind


def _quantize(source: Path, target: Path) -> None:
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    tmp = target.with_suffix(".tmp")
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    logging.disable(logging.WARNING)  # its advice to pre-process the model is for image models
    try:
        # Per-channel weights keep cosine similarity to fp32 near 0.99; per-tensor loses more.
        quantize_dynamic(str(source), str(tmp), weight_type=QuantType.QInt8, per_channel=True)
    finally:  # the quantizer reconfigures the root logger; give the application its logging back
        logging.disable(logging.NOTSET)
        root.setLevel(level)
        root.handlers[:] = handlers
    tmp.replace(target)


class OnnxEncoder:
    """Encodes with ONNX Runtime on the CPU; batches are sorted by length to pad little."""

    def __init__(self, model: str = PACKAGED_MODEL, quantize: str = "none", max_seq_length: int | None = None,
                 cache_dir: Path | None = None, batch_size: int = 32, threads: int | None = None):
        if quantize not in QUANTIZE_CHOICES:
            raise ValueError(f"quantize must be one of {', '.join(QUANTIZE_CHOICES)}, not {quantize!r}.")
        import onnxruntime as ort
        import torch

        st = SentenceTransformerEncoder(model, max_seq_length=max_seq_length)
        self.tokenizer = st.model.tokenizer
        self.max_seq_length = st.model.max_seq_length
        self.dim, self.batch_size = st.dim, batch_size
        self.name = variant_name(model, "onnx", quantize, max_seq_length)
        tag = hashlib.sha256(model.encode()).hexdigest()[:12]
        folder = Path(cache_dir or Path(tempfile.gettempdir()) / "csp-onnx") / tag
        folder.mkdir(parents=True, exist_ok=True)
        fp32 = folder / "model.onnx"
        if not fp32.exists():
            _export(st.model, fp32)
        path = fp32
        if quantize == "int8":
            path = folder / "model-int8.onnx"
            if not path.exists():
                _quantize(fp32, path)
        options = ort.SessionOptions()
        # Same thread budget as torch (OMP_NUM_THREADS), so comparisons with it are like for like.
        options.intra_op_num_threads = threads or torch.get_num_threads()
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            rows = order[start:start + self.batch_size]
            batch = self.tokenizer([texts[i] for i in rows], padding=True, truncation=True,
                                   max_length=self.max_seq_length, return_tensors="np")
            hidden = self._session.run(None, {k: batch[k].astype(np.int64) for k in INPUTS})[0]
            mask = batch["attention_mask"][..., None].astype(np.float32)
            pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
            out[rows] = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return out
