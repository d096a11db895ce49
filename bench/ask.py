"""`ask` latency on the seed corpus (warm), and time from `rag serve` to a usable page.

    python -m bench.ask

One-fact questions are the seed dev set; lists and timelines (reports about a topic, a
person's activities, key points, counts over the corpus) are FORMS, timed apart: their bar
is higher (issue 31: 50 ms and 300 ms at p95).
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


FORMS = ["乡村振兴", "有哪些关于招商引资的报道?", "缙云山 相关新闻", "黄祖英最近在忙什么?", "王俊做了哪些事?",
         "区政府第49次常务会议强调了什么?", "王俊对全区青年人才提出了什么希望?", "报纸上报道了几次区政府常务会议?",
         "王俊主持了几次会议?", "黄祖英主持过哪些会议?"]


def ask_latency() -> None:
    from rag import Assistant
    bot = Assistant.open(quiet=True)
    lat = seed_latencies(bot, rounds=5)
    print(f"ask latency over {len(lat)} warm asks (seed dev questions, follow-ups include their first turn): "
          f"p50 {np.percentile(lat, 50):.1f} ms, p95 {np.percentile(lat, 95):.1f} ms, max {max(lat):.1f} ms")
    forms = []
    for q in FORMS:                     # warm, as the seed questions are
        bot.ask(q)
    for _ in range(5):
        for q in FORMS:
            t = time.perf_counter()
            bot.ask(q)
            forms.append(1000 * (time.perf_counter() - t))
    print(f"lists and timelines over {len(forms)} warm asks ({len(FORMS)} questions: reports, activities, key "
          f"points, counts): p50 {np.percentile(forms, 50):.1f} ms, p95 {np.percentile(forms, 95):.1f} ms, "
          f"max {max(forms):.1f} ms")


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
                                     headers={"Content-Type": "application/json"},
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
