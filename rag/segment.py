"""Newspaper page text -> articles.

OCR'd pages are messy: paragraphs broken across blank lines, headlines printed
after their article or in the middle of it, subtitle lines ("黄祖英主持"),
photo captions and credits, slogans, tables of contents. The reader works in
passes over classified lines, each pass one rule:

1. classify every line (dateline, byline, credit, body, headline, subtitle,
   slogan, furniture);
2. repair OCR breaks: a body paragraph that stops mid-sentence continues with
   the next body line; headline lines met in between were misplaced and belong
   to that paragraph's article;
3. cut the paragraphs into pieces at datelines, bylines, credits and headline
   groups;
4. merge pieces that are not articles of their own (captions before their
   dateline, feature-story section heads, stray captions) and give headline
   groups printed after a headless article back to it, by word overlap;
5. build `Article`s: title, subtitles, date, reporters, kind, text.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from .types import Article

CJK = r"\u4e00-\u9fff"
TERMINAL = re.compile(r"[。!?！？…;；:：][”’」』\"')）)]*$")
MD_HEADING = re.compile(r"^#{1,6}\s*")
DATELINE = re.compile(r"^本报讯")
BYLINE = re.compile(rf"^本报(?:记者|通讯员)[\s ]*([{CJK}][{CJK}\s ]{{1,20}})$")
CREDIT = re.compile(rf"^(?:本报)?(?:记者|通讯员)[\s ]*([{CJK}][{CJK}\s ]*?)[\s ]*(?:摄|摄影|文/图|图/文)$")
ROLE = r"(?:主持并讲话|出席并讲话|主持会议|主持|出席|讲话|参加|陪同|致辞)"
SUBTITLE = re.compile(rf"^[{CJK}·]{{2,15}}?{ROLE}(?:[\s ]+[{CJK}·]{{2,15}}?{ROLE})*$")
SLOGAN_START = re.compile(r"^(?:热烈庆祝|热烈祝贺|喜迎|庆祝|祝贺|欢迎)")
LABELS = {"相关新闻", "新闻链接", "延伸阅读", "相关链接", "本期导读", "导读"}
TOC_PAGE = re.compile(r"^第?\s*\d{1,2}\s*版$")
LEAD_DATE = re.compile(r"^(?:本报讯[(（][^)）]*[)）])?\s*(\d{1,2})月(\d{1,2})日")
YEAR = re.compile(r"(?<!\d)((?:19[5-9]|20[0-9])\d)年")
REPORTER_ROLES = re.compile(r"(?:本报)?(?:实习记者|特约记者|首席记者|记者|通讯员|见习记者)")
NAME = re.compile(rf"^[{CJK}]{{2,4}}$")
NOT_NAMES = {"文图", "摄影", "图文", "报道"}


@dataclass
class Line:
    text: str
    kind: str          # dateline byline credit body head sub slogan furniture
    md: bool = False   # was a Markdown heading


@dataclass
class Para:
    text: str
    kind: str                                        # dateline byline credit body
    displaced: list[Line] = field(default_factory=list)

    @property
    def open(self) -> bool:
        return self.kind in ("dateline", "body") and not TERMINAL.search(self.text)


@dataclass
class Piece:
    heads: list[Line] = field(default_factory=list)   # headline group printed before it
    paras: list[Para] = field(default_factory=list)
    sections: bool = False                            # absorbed feature-section heads

    @property
    def starts_dated(self) -> bool:
        return bool(self.paras) and self.paras[0].kind == "dateline"

    @property
    def starts_new(self) -> bool:
        """Opens with a dateline or byline (after at most a photo caption or two)."""
        return any(p.kind in ("dateline", "byline") for p in self.paras[:3])

    @property
    def is_feature(self) -> bool:
        """A story that opens with a byline or an undated dateline (a long feature)."""
        if not self.paras:
            return False
        first = self.paras[0]
        return first.kind == "byline" or (first.kind == "dateline" and not LEAD_DATE.match(first.text))

    @property
    def has_credit(self) -> bool:
        return any(p.kind == "credit" for p in self.paras)

    @property
    def title_lines(self) -> list[Line]:
        return self.heads + [ln for p in self.paras for ln in p.displaced]

    def body(self) -> str:
        return "".join(p.text for p in self.paras)


# ---------------------------------------------------------------- 1. classify

def is_slogan(text: str) -> bool:
    parts = text.split()
    if SLOGAN_START.match(text):
        return True
    if re.match(r"^\d+\s", text):                        # "100 奋斗百年路 启航新征程 …"
        return True
    return len(parts) >= 3 and all(len(p) <= 5 for p in parts)


def is_headline(text: str) -> bool:
    return (len(text) <= 80 and not TERMINAL.search(text)
            and "," not in text and "。" not in text and not DATELINE.match(text))


def classify(raw: str) -> list[Line]:
    lines: list[Line] = []
    for row in raw.split("\n"):
        md = bool(MD_HEADING.match(row.strip()))
        text = MD_HEADING.sub("", row.strip()).strip(" \u3000\u00a0\t")
        if not text:
            continue
        if text in LABELS:
            kind = "furniture"
        elif DATELINE.match(text):
            kind = "dateline"
        elif BYLINE.match(text):
            kind = "byline"
        elif CREDIT.match(text):
            kind = "credit"
        elif SUBTITLE.match(text):
            kind = "sub"
        elif is_headline(text):
            kind = "slogan" if is_slogan(text) else "head"
        else:
            kind = "body"
        lines.append(Line(text, kind, md))
    _mark_toc(lines)
    return lines


def _mark_toc(lines: list[Line]) -> None:
    """A table of contents (本期导读 … 2版 … 3版) is page furniture."""
    for i, ln in enumerate(lines):
        if ln.text not in ("本期导读", "导读"):
            continue
        end, j = i, i + 1
        while j < len(lines) and j - end <= 6 and lines[j].kind not in ("dateline", "byline"):
            if TOC_PAGE.match(lines[j].text):
                end = j
            j += 1
        if end == i:                                     # no page numbers: up to the next story
            end = j - 1
        for k in range(i, end + 1):
            lines[k].kind = "furniture"


# ------------------------------------------------------------ 2. repair breaks

def paragraphs(lines: list[Line]) -> list[Line | Para]:
    """Join broken paragraphs; headline lines found inside one become `displaced`."""
    out: list[Line | Para] = []
    pending: list[Line] = []        # non-body lines since the last paragraph
    last: Para | None = None
    for ln in lines:
        if ln.kind in ("head", "sub", "slogan", "furniture"):
            pending.append(ln)
            continue
        if ln.kind == "body" and last is not None and last.open:
            last.text += ln.text
            last.displaced += [p for p in pending if p.kind in ("head", "sub")]
            pending = []
            continue
        out += pending
        pending = []
        last = Para(ln.text, ln.kind)
        out.append(last)
    return out + pending


# ------------------------------------------------------------------ 3. pieces

def pieces(items: list[Line | Para]) -> tuple[list[Piece], list[Line]]:
    """Cut into pieces; returns them and the headline group left after the last one."""
    out: list[Piece] = []
    group: list[Line] = []
    for it in items:
        if isinstance(it, Line):
            if it.kind in ("head", "sub"):
                group.append(it)
            continue
        cur = out[-1] if out else None
        new = (cur is None or group or it.kind in ("dateline", "byline")
               or (cur.has_credit and it.kind != "credit"))
        if new:
            out.append(Piece(heads=group))
            group = []
        out[-1].paras.append(it)
    return out, group


# ------------------------------------------------------------------- 4. merge

def bigrams(text: str) -> set[str]:
    han = re.sub(rf"[^{CJK}0-9A-Za-z]", "", text)
    return {han[i:i + 2] for i in range(len(han) - 1)}


def overlap(lines: list[Line], body: str) -> float:
    grams = bigrams("".join(ln.text for ln in lines))
    return len(grams & bigrams(body)) / len(grams) if grams else 0.0


def merge(ps: list[Piece], trailing: list[Line]) -> list[Piece]:
    # a captioned photo printed under the headline, before its dateline story
    i = 0
    while i < len(ps) - 1:
        p, nxt = ps[i], ps[i + 1]
        if (p.heads and not p.starts_new and not p.has_credit and nxt.starts_dated
                and not nxt.heads and len(p.body()) <= 200):
            nxt.heads, nxt.paras = p.heads, p.paras + nxt.paras
            del ps[i]
            continue
        i += 1
    out: list[Piece] = []
    for p in ps:
        prev = out[-1] if out else None
        if prev and not p.starts_new and not prev.has_credit and not p.has_credit:
            one_head = len(p.heads) == 1 and p.heads[0].kind == "head" and len(p.heads[0].text) <= 24
            section = one_head and (prev.is_feature or prev.sections)
            if section:                                   # a feature story's section head
                prev.paras.append(Para(p.heads[0].text, "section"))
                prev.paras += p.paras
                prev.sections = True
                continue
        if prev and not p.heads and not p.starts_new:     # stray caption or continuation
            prev.paras += p.paras
            continue
        out.append(p)
    # headline groups printed after a headless story belong to it
    for i, p in enumerate(out):
        if p.title_lines:
            continue
        nxt = out[i + 1] if i + 1 < len(out) else None
        group = nxt.heads if nxt else trailing
        if not group:
            continue
        best_k, best = 0, -1.0
        for k in range(len(group) + 1):
            if k < len(group) and group[k].kind == "sub":
                continue                                  # a subtitle stays under its headline
            mine, theirs = group[:k], group[k:]
            score = overlap(mine, p.body()) if mine else 0.0
            if nxt is not None:
                score += overlap(theirs, nxt.body()) if theirs else 0.0
            if score > best:
                best_k, best = k, score
        p.heads = group[:best_k]
        if nxt:
            nxt.heads = group[best_k:]
    return out


# ---------------------------------------------------------------- 5. articles

def infer_year(text: str) -> int | None:
    """The issue's year, from the years its own text names ("2023年度…").

    The only year named, or else the latest named at least twice (news looks
    back at last year more often than ahead); None when that is not enough.
    """
    counts = Counter(int(y) for y in YEAR.findall(text))
    if len(counts) == 1:
        return next(iter(counts))
    years = [y for y, n in counts.items() if n >= 2]
    return max(years) if years else None


def parse_reporters(text: str) -> list[str]:
    text = re.sub(r"(?:文/图|图/文|摄影|摄)$", "", text.strip())
    names = []
    for part in REPORTER_ROLES.split(text):
        for tok in part.replace(" ", " ").split():
            if NAME.match(tok) and tok not in NOT_NAMES and tok not in names:
                names.append(tok)
    return names


def build(p: Piece, source: str, year: int | None) -> Article | None:
    lines = [ln for ln in p.title_lines]
    subs = [ln.text for ln in lines if ln.kind == "sub"]
    heads = [ln for ln in lines if ln.kind == "head"]
    body = p.body()
    if heads:
        scores = [overlap([h], body) for h in heads]
        top = max(range(len(heads)), key=lambda i: scores[i])
        heads = [h for i, h in enumerate(heads) if i == top or scores[i] >= 0.15]
    title = " ".join(h.text for h in heads)

    reporters: list[str] = []
    texts: list[str] = []
    for para in p.paras:
        if para.kind == "byline":
            reporters += parse_reporters(BYLINE.match(para.text).group(1))
            continue
        if para.kind == "credit":
            reporters += parse_reporters(CREDIT.match(para.text).group(1))
            continue
        if para.kind == "dateline":
            m = re.match(r"^本报讯[(（]([^)）]*)[)）]", para.text)
            if m:
                reporters += parse_reporters(m.group(1))
        texts.append(para.text)
    text = "\n".join(texts).strip()
    if len(re.sub(r"\s", "", text)) < 20:
        return None                                       # not a story: no body to speak of

    # the dateline's date; a photo story without one is dated by its caption
    date = ""
    lead = next((x for x in p.paras if x.kind == "dateline"), None)
    if lead is None:
        lead = next((x for x in p.paras if x.kind == "body"), None)
    m = LEAD_DATE.match(lead.text) if lead else None
    if m and 1 <= int(m.group(1)) <= 12 and 1 <= int(m.group(2)) <= 31:
        mm, dd = int(m.group(1)), int(m.group(2))
        date = f"{year:04d}-{mm:02d}-{dd:02d}" if year else f"{mm:02d}-{dd:02d}"
    kind = "photo" if p.has_credit and not any(x.kind in ("dateline", "byline") for x in p.paras) else "article"
    if not title:
        kind = "other" if kind == "article" and not p.starts_new else kind
    digest = hashlib.sha1(f"{title}\n{text}".encode()).hexdigest()[:12]
    return Article(id=f"a{digest}", source=source, title=title, subtitles=subs, date=date,
                   reporters=list(dict.fromkeys(reporters)), kind=kind, text=text)


def segment(raw: str, source: str) -> list[Article]:
    """All news articles on one newspaper page (or issue) of OCR'd text."""
    ps, trailing = pieces(paragraphs(classify(raw)))
    year = infer_year(raw)
    arts = [build(p, source, year) for p in merge(ps, trailing)]
    return [a for a in arts if a is not None]
