"""Load: concurrent clients asking `POST /api/ask` over loopback.

    python -m bench.load [--clients 20] [--questions 50] [--heavy 2] [--url http://127.0.0.1:PORT]

Without --url it starts `rag serve --rate 0` on the default corpus in a child process (every
client here is one loopback address, which a rate limit would hold back as one).
First every question is asked once by a single client (the reference answers);
then `clients` threads each ask `questions` of them, cycling through the pool
from different offsets, and every reply is compared with the reference. Prints
errors, mismatches, p50/p95 latency and throughput. tests/test_load.py runs
the same function and asserts zero errors and zero mismatches.

`--heavy N` adds N clients that, while the others run, send nothing but the largest request
the API takes: a history of MAX_TURNS messages of MAX_TURN_CHARS characters, its questions
new each time (so no answer is remembered); the others' latency is then compared with a run
without them.
"""
from __future__ import annotations

import argparse
import json
import platform
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ODD = ["😀😀😀", "<script>alert(1)</script>", "Who chaired the 49th meeting?", "的了吗呢",
       "区政府第49次常务会议在哪天召开?", "北碚区有多少只大熊猫?"]


def question_pool() -> list[dict]:
    """Seed dev questions (follow-ups with their earlier turns) and some odd ones."""
    pool = []
    for line in open(SHARED / "eval" / "seed_qa_dev.jsonl", encoding="utf-8"):
        item = json.loads(line)
        pool.append({"turns": item.get("turns") or [item["question"]]})
    return pool + [{"turns": [q]} for q in ODD]


def post(url: str, question: str, history: list[dict]) -> dict:
    req = urllib.request.Request(url.rstrip("/") + "/api/ask", method="POST",
                                 headers={"Content-Type": "application/json"},
                                 data=json.dumps({"question": question, "history": history},
                                                 ensure_ascii=False).encode())
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.load(r)


def ask_item(url: str, item: dict) -> dict:
    """Ask a conversation's turns in order; the reply to the last one."""
    history: list[dict] = []
    for q in item["turns"]:
        reply = post(url, q, history)
        history += [{"role": "user", "content": q}, {"role": "assistant", "content": reply["text"]}]
    return reply


def heavy_history(k: int) -> list[dict]:
    """The largest history the API takes (MAX_TURNS messages, as long as MAX_BODY allows: about
    2,000 characters each), its questions new for each `k`."""
    from ui.app import MAX_BODY, MAX_TURN_CHARS, MAX_TURNS
    chars = min(MAX_TURN_CHARS, (MAX_BODY - 4096) // (3 * MAX_TURNS))     # UTF-8: 3 bytes a character
    seed = [json.loads(l) for l in open(SHARED / "eval" / "seed_qa_dev.jsonl", encoding="utf-8")]
    qs = [d["question"] for d in seed if "question" in d]
    out = []
    for i in range(MAX_TURNS // 2):
        q = f"{qs[(k + i) % len(qs)]}({k}-{i})"
        out += [{"role": "user", "content": (q + "。" + "北碚" * chars)[:chars]},
                {"role": "assistant", "content": ("没有找到。" * chars)[:chars]}]
    return out


def run_load(url: str, clients: int = 20, per_client: int = 50, heavy: int = 0) -> dict:
    pool = question_pool()
    reference = [ask_item(url, item) for item in pool]
    latencies, errors, mismatches, posts = [], [], [], [0]
    guard = threading.Lock()
    done = threading.Event()
    heavy_sent = [0]

    def hog(h: int) -> None:
        k = 0
        while not done.is_set():
            k += 1
            try:
                post(url, "他是谁?", heavy_history(1000 * h + k))
                with guard:
                    heavy_sent[0] += 1
            except (OSError, urllib.error.HTTPError, ValueError) as e:
                with guard:
                    errors.append(f"heavy: {e}")
    hogs = [threading.Thread(target=hog, args=(h,)) for h in range(heavy)]
    for t in hogs:
        t.start()

    def client(c: int) -> None:
        for j in range(per_client):
            i = (c * 7 + j) % len(pool)
            t = time.perf_counter()
            try:
                reply = ask_item(url, pool[i])
            except (OSError, urllib.error.HTTPError, ValueError) as e:
                with guard:
                    errors.append(f"{pool[i]['turns'][-1]}: {e}")
                continue
            ms = 1000 * (time.perf_counter() - t)
            with guard:
                latencies.append(ms)
                posts[0] += len(pool[i]["turns"])
                if reply != reference[i]:
                    mismatches.append(pool[i]["turns"][-1])

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - t0
    done.set()
    for t in hogs:
        t.join()
    return {"clients": clients, "per_client": per_client, "requests": clients * per_client, "posts": posts[0],
            "heavy": heavy, "heavy_sent": heavy_sent[0],
            "errors": errors, "mismatches": mismatches, "seconds": seconds,
            "p50": float(np.percentile(latencies, 50)) if latencies else None,
            "p95": float(np.percentile(latencies, 95)) if latencies else None,
            "throughput": len(latencies) / seconds}


def start_server() -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "rag.cli", "serve", "--port", str(port), "--rate", "0"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(1200):
        try:
            with urllib.request.urlopen(url + "/api/health", timeout=1):
                return proc, url
        except OSError:
            time.sleep(0.25)
    proc.kill()
    raise RuntimeError("rag serve did not start")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--questions", type=int, default=50, help="conversations per client")
    ap.add_argument("--heavy", type=int, default=0, help="clients sending the largest history, alongside")
    ap.add_argument("--url", help="a running server (default: start `rag serve`)")
    args = ap.parse_args()
    proc, url = (None, args.url) if args.url else start_server()
    try:
        if args.heavy:                  # the same clients alone first: what the heavy ones are compared with
            alone = run_load(url, args.clients, args.questions)
            print(f"without heavy clients: p50 {alone['p50']:.0f} ms, p95 {alone['p95']:.0f} ms, "
                  f"{alone['throughput']:.1f} conversations/s")
        r = run_load(url, args.clients, args.questions, args.heavy)
    finally:
        if proc:
            proc.terminate()
            proc.wait(10)
    print(f"# {platform.node()} {platform.machine()}, {time.strftime('%Y-%m-%d')}")
    print(f"{r['clients']} clients x {r['per_client']} conversations = {r['requests']} in "
          f"({r['posts']} POSTs) in {r['seconds']:.1f} s: {len(r['errors'])} errors, {len(r['mismatches'])} answers differing "
          f"from the single-client answer; latency per conversation p50 {r['p50']:.0f} ms, "
          f"p95 {r['p95']:.0f} ms; throughput {r['throughput']:.1f} conversations/s, {r['posts'] / r['seconds']:.1f} POST/s")
    if args.heavy:
        print(f"with {args.heavy} heavy clients ({r['heavy_sent']} largest requests answered meanwhile): "
              f"p95 {r['p95']:.0f} ms, {r['p95'] / alone['p95']:.2f}x the run without them")
    for e in r["errors"][:5] + r["mismatches"][:5]:
        print("  ", e)


if __name__ == "__main__":
    main()
