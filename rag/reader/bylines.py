"""Who wrote or photographed a report: "那篇“挑刺”的报道是哪位记者写的?", "这组照片 摄影记者".

A report's reporters are its byline: the segmenter reads them from the paper's byline, credit
and dateline lines (`Article.reporters`); a news item's text says them in brackets
(…(记者:杨子岩)). The question names the report by its topic, or leans on the one the
conversation is on (这篇报道是谁写的?). The tables below are the whole of it: another way to
ask for the writer is a row, not a branch.
"""
from __future__ import annotations

import re

from ..chunk import sentences
from ..segment import REPORTER_ROLES, parse_reporters
from ..types import Article

# the words that name a report, and those that ask for whoever wrote or photographed it
REPORT_WORDS = ["报道", "稿子", "稿件", "文章", "新闻", "消息", "通讯", "照片", "图片", "组图", "这篇", "那篇", "该文"]
WRITER_WORDS = ["摄影记者", "报道记者", "文字记者", "记者", "作者", "撰稿人", "撰稿", "执笔人", "通讯员", "摄影", "拍摄者"]
_REPORT = "|".join(REPORT_WORDS)
_WRITER = "|".join(WRITER_WORDS)
# the writer is what is asked: the question ends on the writer word (…稿子 记者, 记者是谁),
# or asks who wrote or took it (哪位记者写的, 谁拍的)
ASKED_WRITER = re.compile(rf"(?:{_WRITER})(?:是谁|是哪位|叫什么(?:名字)?|有哪些|有谁|都有谁)?$|"
                          rf"(?:谁|哪位|哪个|哪些)(?:记者|作者|通讯员)?(?:写|采写|撰写|拍|拍摄|报道)的")
# a byline in a news item's text: (记者:杨子岩), (记者 熊辉 实习记者 关楚凡)
TEXT_BYLINE = re.compile(rf"[(（]\s*((?:{REPORTER_ROLES.pattern})[\s ::]*[^()（）]{{2,30}})[)）]")
MAX_NAMES = 6               # more "names" than this in one bracket is no byline


def asks(question: str) -> bool:
    """The question asks who wrote (or photographed) a report it names or leans on."""
    q = re.sub(r"[?？。!！\s]+$", "", question)
    return bool(ASKED_WRITER.search(q)) and (bool(re.search(_REPORT, q)) or " " in q.strip()
                                             or bool(re.match(r"^(?:这|那|该)", q)))


def topic(question: str) -> str:
    """The question without its ask: the words that name the report."""
    q = re.sub(r"[?？。!！]+$", "", question)
    q = ASKED_WRITER.sub(" ", q)
    q = re.sub(rf"(?:那|这|该)?(?:一)?(?:篇|组|条|张|则)?(?:{_REPORT})(?:的|是)?", " ", q)
    return re.sub(r"\s+", " ", q).strip(" 的是")


def reporters(article: Article) -> tuple[list[str], tuple[int, int] | None]:
    """The article's reporters and where its text says them: (start, end) of the sentence
    holding them (本报讯(记者 霍吕)…), or None when only the byline the segmenter took out of
    the text does."""
    names = list(article.reporters)
    if not names:
        for m in TEXT_BYLINE.finditer(article.text):
            found = parse_reporters(re.sub(r"[::]", " ", m.group(1)))
            if 0 < len(found) <= MAX_NAMES:
                names += [n for n in found if n not in names]
    if not names:
        return [], None
    said = next(((a, b) for a, b in sentences(article.text) if all(n in article.text[a:b] for n in names)), None)
    return names, said
