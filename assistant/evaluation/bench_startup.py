"""Start-up: seconds from process start to the first answer, beside importing and loading the model.

Each probe runs in a fresh interpreter (`python -m assistant.evaluation.bench_startup MODE`), timed
from the parent from spawn to exit, and reports its peak resident memory.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

PROBES = ("bare", "first-answer")


def _probe(mode: str) -> None:  # runs in the child
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from assistant.settings import Settings

    cfg = Settings()
    if mode == "bare":
        # The least a process can do to answer anything: import the libraries, load the model, encode once.
        import bm25s  # noqa: F401
        import faiss  # noqa: F401

        from index.encoder import load_encoder

        load_encoder(cfg.embedding_model).encode(["What does DPOR stand for?"])
    else:
        from assistant.core import Assistant

        Assistant.from_settings(cfg).answer("What does DPOR stand for?", channel="bench")
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork and exec.
    status = dict(line.split(":", 1) for line in open("/proc/self/status").read().splitlines() if ":" in line)
    print(json.dumps({"peak_mb": round(int(status["VmHWM"].split()[0]) / 1024, 1)}))


def measure_startup(env: dict, rounds: int = 1) -> dict:
    """Each probe `rounds` times, alternating; the fastest run of each counts (the least disturbed)."""
    out: dict[str, dict] = {}
    for r in range(rounds):
        for mode in (PROBES if r % 2 == 0 else PROBES[::-1]):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "assistant.evaluation.bench_startup", mode],
                                  env={**os.environ, **env}, capture_output=True, text=True, timeout=300)
            seconds = time.perf_counter() - start
            if done.returncode != 0:
                raise RuntimeError(f"start-up probe {mode} failed: {done.stderr[-2000:]}")
            result = {"seconds": round(seconds, 2), **json.loads(done.stdout.strip().splitlines()[-1])}
            if mode not in out or result["seconds"] < out[mode]["seconds"]:
                out[mode] = result
    return out


if __name__ == "__main__":  # pragma: no cover - the child side
    _probe(sys.argv[1])
