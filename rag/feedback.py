"""The feedback log: one JSON line per rated answer, bounded, and its summary.

    rag feedback [--index-dir DIR]        counts, and the disliked answers with their questions

Each entry has an `id` (the conversation and the answer's place in it): rating the same
answer again replaces its line rather than adding one. Past `max_bytes` the log is rotated
(feedback.jsonl -> feedback.jsonl.1 -> .2 ..., `keep` files), so it never grows without
bound. Writes are serialised by a lock and replace the file atomically: concurrent clicks
lose nothing and a crash leaves a whole file.
"""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path

FILE = "feedback.jsonl"             # in the index folder
MAX_BYTES = 2 * 1024 * 1024
KEEP = 3


class FeedbackLog:
    def __init__(self, path: str | os.PathLike, max_bytes: int = MAX_BYTES, keep: int = KEEP):
        self.path, self.max_bytes, self.keep = Path(path), max_bytes, keep
        self._lock = threading.Lock()

    def record(self, entry: dict) -> None:
        """Add `entry` (a dict with an "id"), or replace the line with the same id."""
        line = json.dumps(entry, ensure_ascii=False)
        with self._lock:
            lines = self._lines()
            same = [i for i, old in enumerate(lines) if _id(old) == entry.get("id")]
            if same:
                lines[same[-1]] = line
                self._write(lines)
                return
            if self.path.exists() and self.path.stat().st_size + len(line.encode()) > self.max_bytes:
                self._rotate()
            with open(self.path, "a", encoding="utf-8") as f:
                f.write(line + "\n")

    def entries(self) -> list[dict]:
        """Every entry, oldest first, rotated files included; a garbled line is skipped."""
        out = []
        for p in [self.path.with_name(f"{self.path.name}.{k}") for k in range(self.keep, 0, -1)] + [self.path]:
            if p.exists():
                for l in p.read_text(encoding="utf-8").splitlines():
                    try:
                        out.append(json.loads(l))
                    except ValueError:
                        continue
        return out

    def _lines(self) -> list[str]:
        return self.path.read_text(encoding="utf-8").splitlines() if self.path.exists() else []

    def _write(self, lines: list[str]) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text("".join(l + "\n" for l in lines), encoding="utf-8")
        os.replace(tmp, self.path)

    def _rotate(self) -> None:
        for k in range(self.keep - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{k}")
            if older.exists():
                os.replace(older, self.path.with_name(f"{self.path.name}.{k + 1}"))
        os.replace(self.path, self.path.with_name(f"{self.path.name}.1"))


def _id(line: str):
    try:
        return json.loads(line).get("id")
    except ValueError:
        return None


def summary(entries: list[dict]) -> str:
    """Counts, then each disliked answer with its question: what the team should look at."""
    liked = sum(1 for e in entries if e.get("liked"))
    disliked = [e for e in entries if not e.get("liked")]
    out = [f"{len(entries)} rated answers: {liked} 👍, {len(disliked)} 👎"]
    for e in disliked:
        asked = e.get("question", "?")
        if e.get("rewritten"):
            asked += f" (理解为: {e['rewritten']})"
        out.append(f"👎 {e.get('time', '')}  {asked}\n   -> {e.get('answer', '')}")
    return "\n".join(out)
