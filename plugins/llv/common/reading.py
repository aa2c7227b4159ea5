"""Which file's Markdown is being converted, for messages naming `path:line`,
and the metadata its reader returns with the HTML.

    with reading(source_path, metadata):
        html = markdown.convert(text)

Markdown extensions (llv.images' pictures, llv.reader's HTML policy) call
`current_source()` to name the file in their messages. Pelican's reader cache
keeps a text's metadata with its HTML: what a later build must know without
converting the text again goes into `reading_metadata()` (llv.images: the
images the text uses, which every build publishes).
"""

from __future__ import annotations

import contextlib
import contextvars

_CURRENT: contextvars.ContextVar[tuple[str | None, dict | None]] = contextvars.ContextVar(
    "llv_markdown_reading", default=(None, None))


@contextlib.contextmanager
def reading(source_path, metadata: dict | None = None):
    """Declare the file whose Markdown is being converted, and the metadata
    its reader returns (None: a text whose metadata nothing keeps)."""
    token = _CURRENT.set((str(source_path) if source_path else None, metadata))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def current_source() -> str | None:
    return _CURRENT.get()[0]


def reading_metadata() -> dict | None:
    return _CURRENT.get()[1]


def line_of(lines: list[str], needle: str, occurrence: int = 1, start: int = 0) -> int | None:
    """Line number (from 1) of the n-th occurrence of `needle` in `lines`,
    counted from line `start + 1`; None when not found."""
    count = 0
    for number, line in enumerate(lines[start:], start=start + 1):
        count += line.count(needle)
        if count >= occurrence:
            return number
    return None


def add_markdown_extension(settings, extension) -> None:
    """Add `extension` to the MARKDOWN setting (at Pelican's `initialized`): every
    Markdown conversion of the build, Pelican's and the plugins', uses it."""
    markdown = dict(settings.get("MARKDOWN") or {})
    markdown["extensions"] = [*markdown.get("extensions", []), extension]
    settings["MARKDOWN"] = markdown
