"""A scanned page image -> its text lines with their positions (OCR).

RapidOCR (rapidocr_onnxruntime, Apache-2.0; its wheel ships the PP-OCRv4 Chinese detection
and recognition models, Apache-2.0) finds each text line's box and reads it, on onnxruntime:
no torch, nothing downloaded. A scan's slight rotation is measured from the line boxes and
taken out of their positions, so rag/layout.py reads straight lines. Each line's size is its
box height, which sets headlines (larger type) apart from body text as a PDF's type size does.
"""
from __future__ import annotations

import threading

from .layout import Line, skew, straighten

MIN_SCORE = 0.5          # a line the recognizer is less sure of than this is noise (a rule, a photo)

_engine = None
_lock = threading.Lock()


def engine():
    """One RapidOCR engine per process (loading its models takes a second)."""
    global _engine
    with _lock:
        if _engine is None:
            from rapidocr_onnxruntime import RapidOCR
            # whole pages: no down-scaling of a 200-300 dpi page (small type must stay legible);
            # no angle classifier (a newspaper page is upright)
            _engine = RapidOCR(max_side_len=5000, use_cls=False)
    return _engine


def image_lines(image, timings: dict | None = None) -> list[Line]:
    """The text lines of a page image (a PIL image or a numpy array), page pixels, y
    downwards, as if the page were straight. `timings`, if given, gets the seconds spent in
    detection and recognition."""
    import numpy as np
    if not isinstance(image, np.ndarray):
        # PIL RGB -> OpenCV BGR, contiguous: OpenCV copies a strided view whole for every crop
        image = np.ascontiguousarray(np.asarray(image.convert("RGB"))[:, :, ::-1])
    found, spent = engine()(image, use_cls=False)
    if timings is not None and spent:
        timings["detection"] = timings.get("detection", 0.0) + spent[0]
        timings["recognition"] = timings.get("recognition", 0.0) + spent[2]
    if not found:
        return []
    h, w = image.shape[:2]
    angle = skew([box for box, _, _ in found])
    centre = (w / 2, h / 2)
    lines = []
    for box, text, score in found:
        if float(score) < MIN_SCORE or not text.strip():
            continue
        pts = straighten([tuple(p) for p in box], angle, centre)
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        lines.append(Line(text.strip(), min(xs), min(ys), max(xs), max(ys), max(ys) - min(ys)))
    return lines
