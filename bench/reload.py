"""Live index updates: the time from `rag index` finishing to the server answering from it.

    python -m bench.reload [--rounds 5]

A server on a copy of the default corpus less one issue follows its index (as `rag serve`
does); each round adds or removes that issue, builds the new generation as `rag index`
would, and times until /api/health shows the new issue count, while a client keeps asking
(every request must succeed).
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    import sys
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import serving
    from rag import Assistant
    from rag.index import build_index
    from ui.app import build_app, follow_index
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus, idx = Path(tmp) / "corpus", Path(tmp) / "idx"
        shutil.copytree(ROOT / "corpus", corpus)
        moved = sorted(corpus.iterdir())[-1]
        spare = Path(tmp) / moved.name
        moved.rename(spare)
        bot = Assistant.open(corpus, idx, quiet=True)
        with serving(build_app(bot, feedback_path=Path(tmp) / "fb.jsonl")) as url:
            stop = follow_index(bot, watch=False)
            done, failed, asked = threading.Event(), [], [0]

            def client():
                while not done.is_set():
                    req = urllib.request.Request(url + "api/ask", data=json.dumps({"question": "区长是谁?"}).encode(),
                                                 headers={"Content-Type": "application/json"})
                    try:
                        with urllib.request.urlopen(req, timeout=30) as r:
                            ok = r.status == 200 and json.loads(r.read())["found"]
                    except Exception as e:              # counted, not raised: the figure is the count
                        ok = False
                        failed.append(repr(e))
                    asked[0] += 1
                    if not ok and not failed:
                        failed.append("not found")
            t = threading.Thread(target=client)
            t.start()
            waits, builds = [], []
            for _ in range(args.rounds):
                if spare.exists():
                    shutil.copy(spare, corpus / moved.name)
                    spare.unlink()
                else:
                    (corpus / moved.name).rename(spare)
                want = len(list(corpus.iterdir()))
                t0 = time.time()
                build_index(corpus, idx, bot.encoder)
                t1 = time.time()
                while json.loads(urllib.request.urlopen(url + "api/health").read())["issues"] != want:
                    time.sleep(0.05)
                builds.append(t1 - t0)
                waits.append(time.time() - t1)
            done.set()
            t.join()
            stop.set()
    print(f"{args.rounds} rounds: index build {statistics.median(builds):.1f} s (median); from the build "
          f"finishing to answering from it: median {statistics.median(waits):.2f} s, max {max(waits):.2f} s "
          f"(the server looks every 2 s); {asked[0]} requests during the rounds, {len(failed)} failed")


if __name__ == "__main__":
    main()
