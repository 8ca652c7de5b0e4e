"""Reader errors: why a file could not be turned into a layout. The message is what the
``documents.error`` column records, so it says what is wrong in words a user can act on."""
from __future__ import annotations


class ReadError(Exception):
    """A file that cannot be read as a report (the batch records it as failed and goes on)."""


class EmptyFileError(ReadError):
    """The file holds no bytes, or only whitespace."""


class UndecodableError(ReadError):
    """The bytes are not text in any encoding reports use (UTF-8/16, GB18030), or are binary."""


class UnsupportedFormatError(ReadError):
    """A format no reader handles yet (recorded as skipped, not failed)."""
