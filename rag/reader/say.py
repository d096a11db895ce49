"""The answer sentence: the question said back with the span in place of its wh-phrase, and
a numbered citation for each supporting sentence (谁主持了区政府第49次常务会议? ->
区委副书记、区长黄祖英主持了区政府第49次常务会议[1]。)."""
from __future__ import annotations

import re

from ..question import Question
from ..types import Answer
from .sentence import Extraction, Sentence, cite


def say(q: Question, ext: Extraction, support: list[Sentence]) -> Answer:
    cites = [cite(i + 1, s) for i, s in enumerate(support)]
    stem = re.sub(r"[??。!!\s]+$", "", q.text)
    if q.wh and q.wh in stem:
        at = stem.find(q.wh)
        after, said = stem[at + len(q.wh):], ext.say
        # 以什么形式召开 + 现场调研办公形式: the noun after the wh-word is said once
        k = next((k for k in range(min(len(after), len(said) - 1), 1, -1) if said.endswith(after[:k])), 0)
        stem = stem[:at] + said[:len(said) - k] + after
    else:
        stem = f"{stem}:{ext.say}"
    text = f"{stem}{''.join(f'[{c.n}]' for c in cites)}。"
    return Answer(text=text, span=ext.span, found=True, citations=cites, by="rules")
