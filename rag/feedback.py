"""The feedback log: one JSON line per rated answer, bounded, and its summary.

    rag feedback [--index-dir DIR]        counts, and the disliked answers with their questions

Each entry has an `id` (the conversation and the answer's place in it): rating the same
answer again replaces its line rather than adding one. Past `max_bytes` the log is rotated
(feedback.jsonl -> feedback.jsonl.1 -> .2 ..., `keep` files), and a rotated file older than
`retain_days` is deleted, so it never grows without bound nor keeps questions for ever. Writes
are serialised by a lock and replace the file atomically: concurrent clicks lose nothing and a
crash leaves a whole file.

The log keeps what people typed, so it is readable by its owner only (0600), and digits that
look like a phone, ID or card number are masked before they are written (`MASKS`); the page
says ratings keep the question (`NOTICE`).
"""
from __future__ import annotations

import json
import os
import re
import threading
import time
from pathlib import Path

FILE = "feedback.jsonl"             # in the index folder
MAX_BYTES = 2 * 1024 * 1024
KEEP = 3
RETAIN_DAYS = 180
NOTICE = "对回答点赞或点踩时,评价会连同问题和回答保存在服务器上,用来改进问答;问题里的手机号、身份证号等会打码,请不要输入个人信息。"
# (what looks like a personal number, how it is written to the log): the first and last digits
# kept, so a rating can still be told apart from another
MASKS = [
    (re.compile(r"(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?![\dXx])"), r"\1********\2"),   # 18-digit ID
    (re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)"), r"\1****\2"),               # mobile phone
    (re.compile(r"(?<!\d)(\d{4})\d{7,11}(\d{4})(?!\d)"), r"\1****\2"),               # card, 15-digit ID
    (re.compile(r"(?<!\d)(0\d{2,3})[- ]?\d{7,8}(?!\d)"), r"\1-********"),              # landline
]
TYPED = ("question", "rewritten")     # the entry's fields a person typed


class FeedbackLog:
    def __init__(self, path: str | os.PathLike, max_bytes: int = MAX_BYTES, keep: int = KEEP,
                 retain_days: float = RETAIN_DAYS):
        self.path, self.max_bytes, self.keep, self.retain_days = Path(path), max_bytes, keep, retain_days
        self._lock = threading.Lock()

    def record(self, entry: dict) -> None:
        """Add `entry` (a dict with an "id"), or replace the line with the same id. What a
        person typed is masked first."""
        entry = {k: mask(v) if k in TYPED and isinstance(v, str) else v for k, v in entry.items()}
        line = json.dumps(entry, ensure_ascii=False)
        with self._lock:
            self._expire()
            lines = self._lines()
            same = [i for i, old in enumerate(lines) if _id(old) == entry.get("id")]
            if same:
                lines[same[-1]] = line
                self._write(lines)
                return
            if self.path.exists() and self.path.stat().st_size + len(line.encode()) > self.max_bytes:
                self._rotate()
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as f:
                f.write(line + "\n")
            os.chmod(self.path, 0o600)          # a log made before this rule, too

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
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write("".join(l + "\n" for l in lines))
        os.replace(tmp, self.path)

    def _expire(self) -> None:
        """Delete the rotated files last written more than `retain_days` ago."""
        cutoff = time.time() - self.retain_days * 86400
        for k in range(1, self.keep + 1):
            old = self.path.with_name(f"{self.path.name}.{k}")
            try:
                if old.stat().st_mtime < cutoff:
                    old.unlink()
            except FileNotFoundError:
                pass

    def _rotate(self) -> None:
        for k in range(self.keep - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{k}")
            if older.exists():
                os.replace(older, self.path.with_name(f"{self.path.name}.{k + 1}"))
        os.replace(self.path, self.path.with_name(f"{self.path.name}.1"))


def mask(text: str) -> str:
    """`text` with every number that looks like a phone, ID or card number masked."""
    for rx, to in MASKS:
        text = rx.sub(to, text)
    return text


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
