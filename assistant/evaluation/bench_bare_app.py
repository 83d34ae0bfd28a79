"""The HTTP floor: a bare FastAPI app that encodes the message and searches the same indexes.

Served exactly like `csp-assistant serve` (uvicorn, one worker, its own process), so the
benchmark's HTTP ratio measures the assistant's own work, not the web stack.
"""
from __future__ import annotations

from fastapi import FastAPI
from pydantic import BaseModel

from assistant.evaluation.bench_latency import library_encode
from assistant.settings import Settings
from index.bm25 import BM25Index  # noqa: F401 - loaded through the store
from index.dense import DenseIndex
from index.encoder import load_encoder
from index.search import CANDIDATES
from index.store import IndexStore


class Message(BaseModel):
    message: str
    session_id: str | None = None


def create_bare_app(settings: Settings) -> FastAPI:
    encoder = load_encoder(settings.embedding_model)
    encode = library_encode(encoder)  # as a bare app calls the library
    loaded = IndexStore(settings.index_dir).load(encoder.name, encoder.dim)
    dense = DenseIndex(encoder.dim, loaded.vectors, exact_max=settings.dense_exact_max)
    app = FastAPI()

    @app.get("/healthz")
    def healthz() -> dict:
        return {"ok": True}

    @app.post("/api/chat")
    def chat(body: Message) -> dict:
        vec = encode(body.message)
        hits = dense.search(vec, CANDIDATES)
        keyword = loaded.bm25.search(body.message, CANDIDATES)
        return {"dense": [i for i, _ in hits[:5]], "keyword": [i for i, _ in keyword[:5]]}

    return app


def main(port: int) -> None:  # pragma: no cover - run in a subprocess by the benchmark
    import uvicorn

    uvicorn.run(create_bare_app(Settings()), host="127.0.0.1", port=port, workers=1, log_level="warning")


if __name__ == "__main__":  # pragma: no cover
    import sys

    main(int(sys.argv[1]))
