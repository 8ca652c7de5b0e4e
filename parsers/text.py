"""Text reader: a plain-text report → the layout model.

Government text comes in several encodings: UTF-8 (with or without a BOM), GB18030/GBK (older
Chinese Windows tools) and UTF-16 (Windows "Unicode" exports). The encoding is decided in stages:

    decode_text      bytes → str: BOM, UTF-16 without BOM (NUL bytes in alternate positions),
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


def sniff_utf16(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' for BOM-less UTF-16 text: ASCII characters (digits, spaces,
    line breaks) put a NUL byte in every other position; None when the bytes do not look so."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if nul_odd > 0.2 and nul_even < 0.05:
        return "utf-16-le"
    if nul_even > 0.2 and nul_odd < 0.05:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding) for a text file's bytes.

    Raises EmptyFileError for no content and UndecodableError for bytes that are no text in
    UTF-8/16/32 or GB18030, or that decode to mostly control characters (binary junk).
    """
    if not data.strip():
        raise EmptyFileError("empty file: no text to read")
    candidates: list[tuple[bytes, str]] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            candidates = [(data[len(bom):], encoding)]
            break
    else:
        utf16 = sniff_utf16(data)
        candidates = [(data, utf16)] if utf16 else [(data, "utf-8"), (data, "gb18030")]
    for payload, encoding in candidates:
        try:
            text = payload.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not text.strip():
            raise EmptyFileError("empty file: no text to read")
        if len(_CONTROL.findall(text)) > MAX_CONTROL_SHARE * len(text):
            raise UndecodableError(f"binary data, not text (decoded as {encoding} it is mostly control characters)")
        return text, encoding
    tried = ", ".join(encoding for _, encoding in candidates)
    raise UndecodableError(f"undecodable text: the bytes are not valid {tried}")


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
