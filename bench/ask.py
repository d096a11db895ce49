"""`ask` latency on the seed corpus (warm), and time from `rag serve` to a usable page.

    python -m bench.ask
"""
from __future__ import annotations

import json
import platform
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def seed_latencies(bot, rounds: int, warm: bool = True) -> list[float]:
    """Milliseconds per seed dev item, `rounds` times over (a follow-up includes its first turn)."""
    from rag.evaluate import run_item
    rows = [json.loads(l) for l in open(SHARED / "eval" / "seed_qa_dev.jsonl", encoding="utf-8")]
    for r in rows if warm else []:
        run_item(bot, r)
    lat = []
    for _ in range(rounds):
        for r in rows:
            t = time.perf_counter()
            run_item(bot, r)
            lat.append(1000 * (time.perf_counter() - t))
    return lat


def ask_latency() -> None:
    from rag import Assistant
    lat = seed_latencies(Assistant.open(quiet=True), rounds=5)
    print(f"ask latency over {len(lat)} warm asks (seed dev questions, follow-ups include their first turn): "
          f"p50 {np.percentile(lat, 50):.1f} ms, p95 {np.percentile(lat, 95):.1f} ms, max {max(lat):.1f} ms")


def serve_startup() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    t0 = time.time()
    proc = subprocess.Popen([sys.executable, "-m", "rag.cli", "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        while time.time() - t0 < 120:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        page_s = time.time() - t0
        req = urllib.request.Request(f"http://127.0.0.1:{port}/api/ask", method="POST",
                                     data=json.dumps({"question": "谁主持了区政府第49次常务会议?"}).encode())
        with urllib.request.urlopen(req, timeout=30) as r:
            assert json.load(r)["found"]
        print(f"rag serve -> page served: {page_s:.1f} s; first answer at {time.time() - t0:.1f} s "
              "(existing index)")
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    print(f"# {platform.node()} {platform.machine()}, {time.strftime('%Y-%m-%d')}")
    ask_latency()
    serve_startup()
