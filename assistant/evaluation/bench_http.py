"""HTTP: servers the benchmark starts in their own processes, driven by clients in this one."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

import httpx

from assistant.evaluation.bench_common import Plan, distinct, fact_questions, percentiles, calculator_questions

SERVE = "from assistant.cli import main; main()"  # the `csp-assistant` entry point


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _command(kind: str, port: int) -> list[str]:
    if kind == "chat":
        return [sys.executable, "-c", SERVE, "serve", "--host", "127.0.0.1", "--port", str(port)]
    return [sys.executable, "-m", "assistant.evaluation.bench_bare_app", str(port)]


@contextmanager
def servers(kinds: tuple[str, ...], env: dict, timeout: float = 300):
    """`csp-assistant serve` ("chat") and the bare app ("bare") on 127.0.0.1, started together.

    Yields {kind: (url, seconds until it answered /healthz)}; every server is stopped on exit.
    """
    started = time.perf_counter()
    procs, urls, ready = {}, {}, {}
    try:
        for kind in kinds:
            port = free_port()
            procs[kind] = subprocess.Popen(_command(kind, port), env={**os.environ, **env},
                                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            urls[kind] = f"http://127.0.0.1:{port}"
        while len(ready) < len(kinds):
            for kind, proc in procs.items():
                if kind in ready:
                    continue
                if proc.poll() is not None:
                    raise RuntimeError(f"{kind} server exited: {proc.stderr.read().decode()[-2000:]}")
                try:
                    if httpx.get(urls[kind] + "/healthz", timeout=1).status_code == 200:
                        ready[kind] = time.perf_counter() - started
                except httpx.HTTPError:
                    pass
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"servers did not start within {timeout:.0f} s")
            time.sleep(0.05)
        yield {k: (urls[k], ready[k]) for k in kinds}
    finally:
        for proc in procs.values():
            proc.terminate()
        for proc in procs.values():
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


def _post(http: httpx.Client, message: str) -> bool:
    try:
        return http.post("/api/chat", json={"message": message, "session_id": None}).status_code == 200
    except httpx.HTTPError:
        return False


def sequential(urls: dict[str, str], messages: list[str]) -> dict[str, dict]:
    """Requests one at a time, alternating between the servers so load from elsewhere hits both alike.

    Both get the same messages: the bare app caches nothing, and each server is its own process.
    """
    latencies = {k: [] for k in urls}
    errors = dict.fromkeys(urls, 0)
    clients = {k: httpx.Client(base_url=u, timeout=30) for k, u in urls.items()}
    try:
        for k, http in clients.items():  # warm the connection and the server's first-use paths
            for m in messages[-3:]:
                _post(http, m)
        for i, m in enumerate(messages[:-3]):
            for k in (list(clients) if i % 2 == 0 else list(clients)[::-1]):
                start = time.perf_counter()
                errors[k] += not _post(clients[k], m)
                latencies[k].append(time.perf_counter() - start)
    finally:
        for http in clients.values():
            http.close()
    return {k: {**percentiles(latencies[k]), "errors": errors[k]} for k in urls}


def load(url: str, messages: list[str], clients: int, seconds: float) -> dict:
    """`clients` keep-alive clients posting back to back for `seconds`; completed requests and errors."""
    done, errors, lock = [0], [0], threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(k: int) -> None:
        with httpx.Client(base_url=url, timeout=30) as http:
            i = k
            while time.perf_counter() < deadline:
                ok = _post(http, messages[i % len(messages)])
                with lock:
                    done[0] += ok
                    errors[0] += not ok
                i += clients

    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"requests": done[0], "errors": errors[0], "wall": time.perf_counter() - start}


ROUNDS = 2  # each server's load test is split into turns, alternating, for the same reason


def measure_http(env: dict, plan: Plan) -> dict:
    """Both servers up at once; sequential latency and throughput under load, taking turns."""
    pool = distinct(fact_questions() + calculator_questions(), 2 * plan.http_requests + 1600, offset=11)
    seq_msgs, load_msgs = pool[:plan.http_requests + 3], pool[plan.http_requests + 3:]
    with servers(("bare", "chat"), env) as up:
        urls = {k: url for k, (url, _) in up.items()}
        out = sequential(urls, seq_msgs)
        totals = {k: {"requests": 0, "errors": 0, "wall": 0.0} for k in urls}
        for r in range(ROUNDS):
            for k in (list(urls) if r % 2 == 0 else list(urls)[::-1]):
                # Each server gets its own phrasings: neither sees text a cache could already hold.
                mine = load_msgs[(k == "chat")::2]
                part = load(urls[k], mine[r * len(mine) // ROUNDS:], plan.clients, plan.load_seconds / ROUNDS)
                for key in part:
                    totals[k][key] += part[key]
    for k, t in totals.items():
        out[k]["load"] = {"rps": round(t["requests"] / t["wall"], 2), "requests": t["requests"],
                          "errors": t["errors"], "clients": plan.clients, "seconds": round(t["wall"], 1)}
    for k, (_, seconds) in up.items():
        out[k]["server_start_s"] = round(seconds, 2)
    return out
