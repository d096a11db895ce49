"""A newspaper page's text lines, wherever they were positioned, -> the page's text in reading order.

The PDF text layer (rag/pdfpages.py) and OCR of a scan (rag/ocr.py) both give `Line`s: a
run of text on one baseline with its box on the page. A page is read by recursive XY-cut,
the way a reader's eye moves over a paper laid out in rectangles:
- a band of white wider than any line spacing, between rows of stories, is cut first;
- then a column gutter, left before right, where the two sides start level (columns of a
  body, stories side by side); where one side starts higher, a headline or subtitle stands
  over the columns, and the cut is under it, across;
- a region with neither is one column, read top to bottom.
Running heads and feet (the paper's name, the page number, the editors) are left out.
Lines then join into paragraphs as the paper prints them: a paragraph opens with an indented
line (or a larger type size: a headline), and runs on, across a column or a page, while each
line fills its column. The result is text of the shape the OCR'd .txt issues have —
headlines and paragraphs one a line, blank lines between — for `rag.segment`.
"""
from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

from .normalize import fold_punct

HEAD_SIZE = 1.4      # a line this many times the body's type size is a headline (OCR boxes vary ±15%)
BAND = 1.5           # a horizontal gap this wide (line heights) parts rows of stories: cut first
ALIGN = 0.8          # columns side by side start within this many line heights of each other
GUTTER = 1.0         # a vertical cut needs an empty strip this many line heights wide
INDENT = 0.9         # a line starting this far (in line heights) in opens a paragraph
SHORT = 1.2          # a line stopping this far short of its column's edge ends one


@dataclass(frozen=True)
class Line:
    """One line of text on a page. Box in page units, y growing downwards."""
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float          # type size (PDF) or box height (OCR)


@dataclass
class Block:
    """A paragraph or headline as printed: its text, the lines it came from, its kind."""
    kind: str                                   # "head" or "body"
    lines: list[Line] = field(default_factory=list)
    text: str = ""
    page: int = 1                                       # where it starts
    pages: list[int] = field(default_factory=list)      # each line's page

    @property
    def boxes(self) -> list[tuple[int, float, float, float, float]]:
        """The block's outline: (page, x0, y0, x1, y1) per column (and page) it runs through."""
        runs: list[tuple[int, list[Line]]] = []
        for page, ln in zip(self.pages or [self.page] * len(self.lines), self.lines):
            if runs and runs[-1][0] == page and ln.x0 < runs[-1][1][-1].x1 and ln.y0 >= runs[-1][1][-1].y0:
                runs[-1][1].append(ln)              # the same column, further down
            else:
                runs.append((page, [ln]))
        return [(p, min(ln.x0 for ln in r), min(ln.y0 for ln in r), max(ln.x1 for ln in r),
                 max(ln.y1 for ln in r)) for p, r in runs]


def body_size(lines: list[Line]) -> float:
    """The body's type size: the median line size (most lines on a page are body text)."""
    return statistics.median(ln.size for ln in lines) if lines else 1.0


def _gaps(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Empty intervals between the union of `spans`, in order."""
    out, end = [], None
    for a, b in sorted(spans):
        if end is not None and a > end:
            out.append((end, a))
        end = b if end is None else max(end, b)
    return out


@dataclass
class Column:
    """Lines read top to bottom, and the width of the region they stand in: a story's box
    for its headline (a horizontal cut keeps the width), a column's own for body text."""
    lines: list[Line]
    left: float
    right: float


def _gutters(lines: list[Line], unit: float) -> list[tuple[float, float]]:
    return [g for g in _gaps([(ln.x0, ln.x1) for ln in lines]) if g[1] - g[0] >= GUTTER * unit]


def _crosses(these: list[Line], those: list[Line], unit: float) -> bool:
    """Whether a line of `these` reaches into a gutter of `those` (a line of the same columns
    never does)."""
    return any(ln.x0 < b - 0.5 * unit and ln.x1 > a + 0.5 * unit
               for a, b in _gutters(those, unit) for ln in these)


def _cut(lines: list[Line], y: float, unit: float, width) -> list[Column]:
    return (order([ln for ln in lines if ln.y1 <= y], unit, width)
            + order([ln for ln in lines if ln.y1 > y], unit, width))


def order(lines: list[Line], unit: float | None = None,
          width: tuple[float, float] | None = None) -> list[Column]:
    """Lines in reading order, as columns, each read top to bottom."""
    if not lines:
        return []
    unit = unit or body_size(lines)
    width = width or (min(ln.x0 for ln in lines), max(ln.x1 for ln in lines))
    h = _gaps([(ln.y0, ln.y1) for ln in lines])
    if h:                                     # a band of white between rows of stories
        a, b = max(h, key=lambda g: g[1] - g[0])
        if b - a >= BAND * unit:
            return _cut(lines, (a + b) / 2, unit, width)
    sides = []
    for a, b in sorted(_gutters(lines, unit), key=lambda g: g[0] - g[1]):
        cut = (a + b) / 2
        left, right = [ln for ln in lines if ln.x1 <= cut], [ln for ln in lines if ln.x1 > cut]
        # columns stand side by side: a short last line beside the next paragraph's indent
        # leaves a gap too, but one line is above the other
        if max(ln.y1 for ln in left) > min(ln.y0 for ln in right) and \
                max(ln.y1 for ln in right) > min(ln.y0 for ln in left):
            sides.append((left, right))
    for left, right in sides:
        tops = sorted(min(ln.y0 for ln in side) for side in (left, right))
        if tops[1] - tops[0] < ALIGN * unit:  # columns, or stories side by side, start level
            return order(left, unit) + order(right, unit)
        # one side starts higher: a headline or subtitle stands over the columns; cut under it
        above = [g for g in h if g[1] <= tops[1] + 0.1 * unit and g[0] >= tops[0]]
        if above:
            a, b = max(above)
            return _cut(lines, (a + b) / 2, unit, width)
    # no gutter runs through: a headline over columns spans them all; cut under it, where the
    # lines below have gutters a line above runs across
    for a, b in sorted(h, key=lambda g: g[0] - g[1]):
        cut = (a + b) / 2
        top, bottom = [ln for ln in lines if ln.y1 <= cut], [ln for ln in lines if ln.y1 > cut]
        if _crosses(top, bottom, unit) or _crosses(bottom, top, unit):
            return order(top, unit, width) + order(bottom, unit, width)
    if sides:
        return order(sides[0][0], unit) + order(sides[0][1], unit)
    return [Column(sorted(lines, key=lambda ln: (ln.y0, ln.x0)), *width)]


def _join(a: str, b: str) -> str:
    """Two pieces of one paragraph: no space between CJK, one between Latin words."""
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return f"{a} {b}"
    return a + b


def _punct(ch: str) -> bool:
    """Punctuation, whose ink is narrow in a wide cell: a gap beside it is not a space."""
    return bool(ch) and not ch.isalnum()


def rows(column: list[Line]) -> list[Line]:
    """One column's lines top to bottom, the pieces of one printed line made one `Line`: a
    text layer may break a justified line into runs, and OCR a line at a wide space (a
    headline's two parts, kept as a space)."""
    out: list[Line] = []
    for ln in sorted(column, key=lambda ln: ((ln.y0 + ln.y1) / 2, ln.x0)):
        prev = out[-1] if out else None
        if prev is not None and abs((prev.y0 + prev.y1) - (ln.y0 + ln.y1)) / 2 < 0.4 * max(prev.size, ln.size):
            a, b = (prev, ln) if prev.x0 <= ln.x0 else (ln, prev)
            space = " " if (b.x0 - a.x1 > 0.8 * max(a.size, b.size)
                            and not _punct(a.text[-1:]) and not _punct(b.text[:1])) else ""
            out[-1] = Line(a.text + space + b.text, a.x0, min(a.y0, b.y0), max(a.x1, b.x1),
                           max(a.y1, b.y1), max(a.size, b.size))
            continue
        out.append(ln)
    return out


def blocks(pages: list[list[Column]], unit: float) -> list[Block]:
    """Each page's columns of lines, in reading order -> its paragraphs and headlines. A
    paragraph that fills the last line of a column (or page) goes on in the next one."""
    out: list[Block] = []
    open_para = False        # the last line filled its column: the paragraph may go on
    for page_no, columns in enumerate(pages, 1):
        # a column of a line or two (what is left of one after a cut) has no edges of its own
        # to tell an indent or a short line by: it takes those of the page's fuller columns
        lefts = [c.left for c in columns if len(c.lines) >= 3]
        rights = [c.right for c in columns if len(c.lines) >= 3]
        for col in columns:
            left, right = col.left, col.right
            if len(col.lines) < 3:
                left = max((x for x in lefts if col.left - 4 * unit <= x <= col.left + 0.5 * unit), default=left)
                right = min((x for x in rights if col.right - 0.5 * unit <= x <= col.right + 4 * unit), default=right)
            for ln in rows(col.lines):
                head = ln.size >= HEAD_SIZE * unit
                indented = ln.x0 - left >= INDENT * unit
                last = out[-1] if out else None
                # body lines differ in measured height (OCR boxes); a headline in type size
                same_type = last is not None and last.kind == ("head" if head else "body") and (
                    not head or abs(last.lines[-1].size - ln.size) < 0.15 * ln.size)
                if open_para and same_type and (head or not indented):
                    last.lines.append(ln)                 # the paragraph (or headline) runs on
                    last.pages.append(page_no)
                    last.text = _join(last.text, ln.text)
                else:
                    out.append(Block("head" if head else "body", [ln], ln.text, page_no, [page_no]))
                open_para = right - ln.x1 < SHORT * (ln.size if head else unit)
    return out


def _running(pages: list[list[Line]]) -> set[tuple[int, int]]:
    """(page, index) of the running heads and feet: a line printed at the same height on
    other pages too with the same words, numbers aside ("北碚报 第2版", the editors' names)."""
    import re
    seen: dict[str, list[tuple[int, int, float]]] = {}
    for p, page in enumerate(pages):
        if not page:
            continue
        top, bottom = min(ln.y0 for ln in page), max(ln.y1 for ln in page)
        band = 0.08 * (bottom - top)                  # the margins a running line stands in
        for i, ln in enumerate(page):
            if ln.y0 <= top + band or ln.y1 >= bottom - band:
                seen.setdefault(re.sub(r"\d+", "#", "".join(ln.text.split())), []).append((p, i, ln.y0))
    out = set()
    for where in seen.values():
        if len({p for p, _, _ in where}) < 2:
            continue
        for p, i, y in where:
            if sum(1 for q, _, z in where if q != p and abs(z - y) < 2 * pages[p][i].size) >= 1:
                out.add((p, i))
    return out


def read_pages(pages: list[list[Line]]) -> list[Block]:
    """An issue's pages, each a list of its lines -> its headlines and paragraphs in
    reading order, each with its page number. Running heads and feet are left out."""
    furniture = _running(pages)
    pages = [[ln for i, ln in enumerate(page) if ln.text.strip() and (p, i) not in furniture]
             for p, page in enumerate(pages)]
    every = [ln for page in pages for ln in page]
    if not every:
        return []
    unit = body_size(every)
    return blocks([order(page, unit) for page in pages], unit)


def text(blocks_: list[Block]) -> str:
    """Headlines and paragraphs one a line, a blank line between: the shape of an OCR'd issue,
    punctuation folded to the half-width forms the segmenter's patterns are written in."""
    return fold_punct("\n\n".join(b.text.strip() for b in blocks_))


def skew(boxes: list[list[tuple[float, float]]]) -> float:
    """A scan's rotation (radians) from its text line boxes (four corners, clockwise from the
    top left): the median slope of the long lines' top edges."""
    angles = []
    for (x0, y0), (x1, y1), *_ in boxes:
        if x1 - x0 > 8 * abs(y1 - y0) and x1 - x0 > 50:
            angles.append(math.atan2(y1 - y0, x1 - x0))
    return statistics.median(angles) if angles else 0.0


def straighten(points: list[tuple[float, float]], angle: float, centre: tuple[float, float]
               ) -> list[tuple[float, float]]:
    """Points turned by -angle about `centre`: a skewed scan's boxes as if it were straight."""
    c, s = math.cos(-angle), math.sin(-angle)
    cx, cy = centre
    return [(cx + (x - cx) * c - (y - cy) * s, cy + (x - cx) * s + (y - cy) * c) for x, y in points]
