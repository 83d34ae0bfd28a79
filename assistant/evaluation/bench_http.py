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


@contextmanager
def server(kind: str, env: dict, timeout: float = 180):
    """`csp-assistant serve` (kind "chat") or the bare app, on 127.0.0.1; yields (url, start-up seconds)."""
    port = free_port()
    if kind == "chat":
        cmd = [sys.executable, "-c", SERVE, "serve", "--host", "127.0.0.1", "--port", str(port)]
    else:
        cmd = [sys.executable, "-m", "assistant.evaluation.bench_bare_app", str(port)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{kind} server exited: {proc.stderr.read().decode()[-2000:]}")
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"{kind} server did not start within {timeout:.0f} s")
            time.sleep(0.05)
        yield url, time.perf_counter() - started
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _post(http: httpx.Client, message: str) -> bool:
    try:
        return http.post("/api/chat", json={"message": message, "session_id": None}).status_code == 200
    except httpx.HTTPError:
        return False


def sequential(url: str, messages: list[str]) -> dict:
    latencies, errors = [], 0
    with httpx.Client(base_url=url, timeout=30) as http:
        for m in messages[:3]:  # warm the connection and the server's first-use paths
            _post(http, m)
        for m in messages[3:]:
            start = time.perf_counter()
            errors += not _post(http, m)
            latencies.append(time.perf_counter() - start)
    return {**percentiles(latencies), "errors": errors}


def load(url: str, messages: list[str], clients: int, seconds: float) -> dict:
    """`clients` keep-alive clients posting back to back for `seconds`; requests/second and errors."""
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
    wall = time.perf_counter() - start
    return {"rps": round(done[0] / wall, 2), "requests": done[0], "errors": errors[0], "clients": clients,
            "seconds": round(wall, 1)}


def measure_http(env: dict, plan: Plan) -> dict:
    """Sequential latency and throughput under load for the bare app and for /api/chat."""
    pool = distinct(fact_questions() + calculator_questions(), 2 * plan.http_requests + 1600, offset=11)
    out = {}
    for n, kind in enumerate(("bare", "chat")):
        # Each server gets its own phrasings: neither sees text the other's cache could hold.
        mine = pool[n::2]
        with server(kind, env) as (url, startup):
            seq = sequential(url, mine[:plan.http_requests + 3])
            under_load = load(url, mine[plan.http_requests + 3:], plan.clients, plan.load_seconds)
        out[kind] = {**seq, "load": under_load, "server_start_s": round(startup, 2)}
    return out
