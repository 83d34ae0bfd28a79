"""Benchmark: the assistant's latency and throughput as ratios to a bare encode+search baseline.

Both are measured in the same run on the same machine, so the ratios hold where absolute
milliseconds do not.
"""
from __future__ import annotations

import socket
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx
import numpy as np
import uvicorn
from fastapi import FastAPI

QUESTIONS = [
    "What does DPOR stand for?",
    "When did the TTM revenue threshold start?",
    "How much incentive on $50k of Office 365 and $20k of Dynamics 365?",
    "Is a reseller with an active MPN, gold competency, bank and tax done and $30k TTM eligible?",
    "What is the co-op usage threshold?",
    "How much of a $30,000 incentive is co-op?",
    "What do I need for a Gold competency?",
    "What rate do Azure reserved instances earn?",
]


PREFIXES = ["", "Quick question: ", "Hi, ", "Hello! ", "Please tell me: ", "Can you check: ", "Help: ",
            "One more: ", "Team asks: ", "FYI ", "Question - ", "Hey, ", "Urgent: ", "Curious: ", "Partner asks: ",
            "Sorry, ", "Also, ", "Thanks! ", "Morning! ", "Query: ", "Ok, ", "So, ", "Right, ", "Now: ", "Next: "]


def unique_questions() -> list[str]:
    """Distinct phrasings, so no embedding is reused across requests (a real stream of users)."""
    return [p + q for p in PREFIXES for q in QUESTIONS]


@dataclass
class Row:
    name: str
    n: int
    p50_ms: float
    p95_ms: float
    per_s: float
    baseline: str = ""
    ratio: float | None = None


def _stats(name: str, latencies: list[float], wall: float) -> Row:
    ms = sorted(x * 1000 for x in latencies)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return Row(name, len(ms), statistics.median(ms), p95, len(ms) / wall if wall else 0.0)


def time_calls(name: str, fn, items: list, repeat: int) -> Row:
    latencies = []
    start = time.perf_counter()
    for i in range(repeat):
        t = time.perf_counter()
        fn(items[i % len(items)])
        latencies.append(time.perf_counter() - t)
    return _stats(name, latencies, time.perf_counter() - start)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerThread:
    """uvicorn on 127.0.0.1 in a thread, stopped when the benchmark ends."""

    def __init__(self, app):
        self.port = _free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port,
                                                    log_level="warning", workers=1))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=10)


def baseline_app(assistant) -> FastAPI:
    """The floor: encode the query and search the dense index, nothing else."""
    app = FastAPI()
    encoder, dense = getattr(assistant.encoder, "inner", assistant.encoder), assistant.searcher._dense

    @app.post("/api/chat")
    def chat(body: dict) -> dict:
        vec = encoder.encode([body["message"]])[0]
        return {"hits": [i for i, _ in dense.search(np.asarray(vec), 5)]}

    return app


def load_test(name: str, base_url: str, requests: int, clients: int) -> Row:
    """`requests` POSTs to /api/chat from `clients` keep-alive clients; bounded in count and time."""
    per_client = max(1, requests // clients)
    pool = unique_questions()
    latencies: list[float] = []
    lock = threading.Lock()

    def client(k: int) -> None:
        with httpx.Client(base_url=base_url, timeout=30) as http:
            for i in range(per_client):
                message = pool[(k * per_client + i) % len(pool)]
                t = time.perf_counter()
                http.post("/api/chat", json={"message": message, "session_id": None}).raise_for_status()
                with lock:
                    latencies.append(time.perf_counter() - t)

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as executor:
        list(executor.map(client, range(clients)))
    return _stats(name, latencies, time.perf_counter() - start)


def run_benchmark(assistant, requests: int = 160, clients: int = 8, repeat: int = 80) -> list[Row]:
    from assistant.web.app import create_app

    enc = getattr(assistant.encoder, "inner", assistant.encoder)
    vec_search = lambda q: assistant.searcher._dense.search(enc.encode([q])[0], 5)  # noqa: E731
    for q in QUESTIONS:  # warm lazy imports before timing
        assistant.answer(q)
    pool = unique_questions()
    # Each measurement gets its own slice of phrasings, so none reuses another's cached embedding.
    slices = [pool[i::4] for i in range(4)]
    base = time_calls("encode + dense search (baseline)", vec_search, slices[0], repeat)
    rows = [base,
            time_calls("hybrid search", lambda q: assistant.search(q, 5), slices[1], repeat),
            time_calls("route() (embed + kNN + slots)", lambda q: assistant.router.route(q), slices[2], repeat),
            time_calls("answer()", lambda q: assistant.answer(q), slices[3], repeat)]
    for row in rows[1:]:
        row.baseline, row.ratio = base.name, row.p50_ms / base.p50_ms
    with ServerThread(baseline_app(assistant)) as url:
        http_base = load_test(f"HTTP bare encode+search, {clients} clients (baseline)", url, requests, clients)
    with ServerThread(create_app(assistant.settings, assistant=assistant)) as url:
        http_real = load_test(f"HTTP POST /api/chat, {clients} clients", url, requests, clients)
    http_real.baseline, http_real.ratio = http_base.name, http_real.p50_ms / http_base.p50_ms
    return rows + [http_base, http_real]


def format_table(rows: list[Row]) -> str:
    head = f"{'measurement':<48} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'per s':>8} {'p50 ratio':>10}"
    lines = [head, "-" * len(head)]
    for r in rows:
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "1.00x"
        lines.append(f"{r.name:<48} {r.n:>5} {r.p50_ms:>8.1f} {r.p95_ms:>8.1f} {r.per_s:>8.1f} {ratio:>10}")
    lines.append("Ratios compare p50 latency with the baseline measured in this same run.")
    return "\n".join(lines)
