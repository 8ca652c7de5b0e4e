"""Text reader: a plain-text report → the layout model.

Government text comes in several encodings: UTF-8 (with or without a BOM), GB18030/GBK (older
Chinese Windows tools) and UTF-16 (Windows "Unicode" exports). The encoding is decided in stages:

    decode_text      bytes → str: the encoding a BOM names, UTF-16 without BOM (NUL bytes),
                     strict UTF-8, strict GB18030; binary junk is refused, never guessed at
    split_pages      str → pages on form feeds (the page break text extractors write)
    text_layout      pages → Layout of numbered Lines (line numbers count over the whole file)
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from parsers.errors import EmptyFileError, UndecodableError
from parsers.layout import Layout, Line, Page

# share of characters that are control characters (other than tab, newline, CR, form feed)
# above which decoded "text" is taken for binary data
MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


# characters ordinary report text is made of: CJK (with extension A and compatibility forms),
# printable ASCII, whitespace, CJK and full-width punctuation, common symbols (≥ ≤ ％ ① Ⅲ …)
_TEXT_CHAR = re.compile(
    r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\x20-\x7e\s\u3000-\u303f\uff00-\uffef"
    r"\u2000-\u2bff\u00a0-\u00ff\u0370-\u03ff\u0400-\u04ff\u3200-\u33ff\ufe30-\ufe4f]"
)
# share of such characters below which decoded "text" is taken for binary data
MIN_TEXT_SHARE = 0.9
SAMPLE_CHARS = 20000


def text_share(text: str) -> float:
    """The share of the text's first characters that ordinary report text is made of."""
    sample = text[:SAMPLE_CHARS]
    return len(_TEXT_CHAR.findall(sample)) / max(1, len(sample))


def candidate_encodings(data: bytes) -> list[tuple[bytes, str]]:
    """(payload, encoding) pairs to try, in order: the one a BOM names; UTF-16 (both byte
    orders) when there are NUL bytes, which UTF-8 and GB18030 text never holds; else UTF-8,
    then GB18030 (a superset of GBK and GB2312)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return [(data[len(bom):], encoding)]
    if b"\x00" in data:
        return [(data, "utf-16-le"), (data, "utf-16-be")]
    return [(data, "utf-8"), (data, "gb18030")]


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding) for a text file's bytes.

    Raises EmptyFileError for no content and UndecodableError for bytes that are no text in
    UTF-8/16/32 or GB18030, or that decode to something other than text (binary junk).
    """
    if not data.strip():
        raise EmptyFileError("empty file: no text to read")
    candidates = candidate_encodings(data)
    decoded = []
    for payload, encoding in candidates:
        try:
            text = payload.decode(encoding)
        except UnicodeDecodeError:
            continue
        decoded.append((text_share(text) - len(_CONTROL.findall(text[:SAMPLE_CHARS])) / SAMPLE_CHARS, text, encoding))
    if not decoded:
        tried = ", ".join(encoding for _, encoding in candidates)
        raise UndecodableError(f"undecodable text: the bytes are not valid {tried}")
    share, text, encoding = max(decoded, key=lambda d: d[0])
    if not text.strip():
        raise EmptyFileError("empty file: no text to read")
    if share < MIN_TEXT_SHARE or len(_CONTROL.findall(text)) > MAX_CONTROL_SHARE * len(text):
        raise UndecodableError(f"binary data, not text (decoded as {encoding} it is not readable text)")
    return text, encoding


def split_pages(text: str) -> list[str]:
    """The text cut at form feeds; a trailing form feed does not open an empty last page."""
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()
    return pages


def text_layout(text: str) -> Layout:
    """A Layout of the text: one Page per form-feed page, one Line per text line, line numbers
    1-based over the whole file (a form feed inside a line does not start a new line number)."""
    pages: list[Page] = []
    lineno = 0
    for number, chunk in enumerate(split_pages(text), start=1):
        page = Page(number)
        parts = _LINE_BREAK.split(chunk)
        for k, part in enumerate(parts):
            if k > 0 or number == 1:
                lineno += 1
            page.lines.append(Line(part.replace("\u00a0", " "), number, max(lineno, 1)))
        pages.append(page)
    return Layout("txt", pages)


def read_text(path: str | Path) -> Layout:
    """Read a text report file into a Layout; raises a ReadError subclass when it is not text."""
    text, _ = decode_text(Path(path).read_bytes())
    return text_layout(text)
