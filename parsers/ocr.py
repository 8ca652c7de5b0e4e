"""Optional OCR for pages without a text layer (scans).

Installed with the ``ocr`` extra (``pip install -e ".[ocr]"``): rapidocr-onnxruntime, whose
PP-OCR detection and recognition models ship inside the wheel and run offline on the CPU.
Without it, scanned pages are reported (``page N has no text layer``) and give no text.

    render_page      pdfium page → image at OCR_SCALE
    recognise_boxes  image → (text, box) per detected text run, boxes in page points
    group_into_lines runs on one baseline → one line, left to right
"""
from __future__ import annotations

from functools import lru_cache

from parsers.layout import BBox

# render scale (72 dpi × 2.5 = 180 dpi): small print stays legible, time stays reasonable
OCR_SCALE = 2.5
# minimum recognition confidence for a text run to be kept
MIN_SCORE = 0.5


@lru_cache(maxsize=1)
def ocr_engine():
    """The OCR engine, loaded once per process; None when the ``ocr`` extra is not installed."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        return None
    return RapidOCR()


def ocr_available() -> bool:
    return ocr_engine() is not None


def recognise_boxes(image) -> list[tuple[str, BBox]]:
    """Text runs the engine reads on a PIL image, with boxes in image pixels (x0, top, x1, bottom)."""
    import numpy as np

    result, _ = ocr_engine()(np.array(image.convert("RGB")))
    runs = []
    for points, text, score in result or []:
        if float(score) < MIN_SCORE or not text.strip():
            continue
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        runs.append((text.strip(), (min(xs), min(ys), max(xs), max(ys))))
    return runs


def group_into_lines(runs: list[tuple[str, BBox]]) -> list[tuple[str, BBox]]:
    """Runs whose vertical middles fall inside one another's height form a line, read left to
    right; Latin neighbours are joined with a space, Chinese ones directly."""
    lines: list[list[tuple[str, BBox]]] = []
    for run in sorted(runs, key=lambda r: (r[1][1] + r[1][3]) / 2):
        middle = (run[1][1] + run[1][3]) / 2
        if lines and lines[-1][0][1][1] <= middle <= lines[-1][0][1][3]:
            lines[-1].append(run)
        else:
            lines.append([run])
    out = []
    for line in lines:
        line.sort(key=lambda r: r[1][0])
        text = line[0][0]
        for word, _ in line[1:]:
            text += (" " if text[-1].isascii() and word[0].isascii() else "") + word
        boxes = [box for _, box in line]
        out.append((text, (min(b[0] for b in boxes), min(b[1] for b in boxes),
                           max(b[2] for b in boxes), max(b[3] for b in boxes))))
    return out


def ocr_page_lines(page) -> list[tuple[str, BBox]]:
    """The text lines OCR reads on a pdfium page, boxes in page points from the top left."""
    image = page.render(scale=OCR_SCALE).to_pil()
    runs = [(text, tuple(v / OCR_SCALE for v in box)) for text, box in recognise_boxes(image)]
    return group_into_lines(runs)
