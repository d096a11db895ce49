"""PDF pages -> text lines with their positions (the text layer), or page images to OCR.

pypdfium2 (PDFium, BSD-3/Apache-2.0) reads each character with its box and type size; a
line is a run of characters on one baseline in the order the page's text stream gives them.
A page with (almost) no text layer is a scan: `render()` gives its image for rag/ocr.py.
"""
from __future__ import annotations

from pathlib import Path

from .layout import Line

MIN_TEXT_CHARS = 20          # fewer characters than this on a page: it is an image, OCR it
OCR_DPI = 200


class PdfError(ValueError):
    """A PDF that cannot be read (damaged, encrypted, not a PDF)."""


def open_pdf(path: str | Path):
    import pypdfium2 as pdfium
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        reason = str(e)
        if "password" in reason.lower():
            raise PdfError("encrypted PDF (a password is needed): not read") from None
        raise PdfError(f"not a readable PDF ({reason})") from None


def _chars(textpage, height: float):
    """(char, x0, x1, baseline, type size) per character in stream order, y downwards; None
    for a line break. Ink boxes are no guide to a line (一 is a hair high, a comma sits low,
    a quote high): the baseline and the type size are, the size in page units taken from how
    tall CJK ink is against the font size on this page."""
    import ctypes

    import pypdfium2.raw as raw
    rows, ratios = [], []
    x, y = ctypes.c_double(), ctypes.c_double()
    for i in range(textpage.count_chars()):
        ch = textpage.get_text_range(i, 1)
        if ch in ("\r", "\n", ""):
            rows.append(None)
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        raw.FPDFText_GetCharOrigin(textpage.raw, i, x, y)
        size = raw.FPDFText_GetFontSize(textpage.raw, i)
        if "\u4e00" <= ch <= "\u9fff" and ch not in "一二三" and size > 0:
            ratios.append((top - bottom) / size)
        rows.append((ch, left, right, height - y.value, size))
    k = sorted(ratios)[len(ratios) // 2] / 0.9 if ratios else 1.0     # CJK ink is ~0.9 em
    return [r if r is None else (r[0], r[1], r[2], r[3], r[4] * k) for r in rows]


def text_lines(page) -> list[Line]:
    """The text layer of one PDF page as lines (page units, y downwards)."""
    height = page.get_size()[1]
    tp = page.get_textpage()
    lines, run = [], []

    def close():
        glyphs = [c for c in run if c[0].strip()]
        if glyphs:
            em = sorted(c[4] for c in glyphs)[len(glyphs) // 2]
            base = sorted(c[3] for c in glyphs)[len(glyphs) // 2]
            lines.append(Line("".join(c[0] for c in run).strip(), min(c[1] for c in glyphs),
                              base - 0.88 * em, max(c[2] for c in glyphs), base + 0.12 * em, em))
        run.clear()

    try:
        for c in _chars(tp, height):
            if c is None:
                close()
                continue
            last = next((p for p in reversed(run) if p[0].strip()), None)
            if last is not None and c[0].strip():
                em = max(last[4], c[4], 1e-3)
                # a gutter is wider than an em; a space as wide is a character of its own
                wide = 2.0 if not run[-1][0].strip() else 1.0
                if not (abs(c[3] - last[3]) < 0.3 * em and -0.5 * em < c[1] - last[2] < wide * em):
                    close()
            run.append(c)
        close()
    finally:
        tp.close()
    return lines


def render(page, dpi: int = OCR_DPI):
    """A PDF page as a PIL image at `dpi`."""
    return page.render(scale=dpi / 72).to_pil()
