"""Which file's Markdown is being converted, for messages naming `path:line`.

    with reading(source_path):
        html = markdown.convert(text)

Markdown extensions (llv_images' pictures, llv_content's HTML policy) call
`current_source()` to name the file in their messages.
"""

from __future__ import annotations

import contextlib
import contextvars

_CURRENT_SOURCE: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "llv_markdown_source", default=None)


@contextlib.contextmanager
def reading(source_path):
    """Declare the file whose Markdown is being converted."""
    token = _CURRENT_SOURCE.set(str(source_path) if source_path else None)
    try:
        yield
    finally:
        _CURRENT_SOURCE.reset(token)


def current_source() -> str | None:
    return _CURRENT_SOURCE.get()


def line_of(lines: list[str], needle: str, occurrence: int = 1, start: int = 0) -> int | None:
    """Line number (from 1) of the n-th occurrence of `needle` in `lines`,
    counted from line `start + 1`; None when not found."""
    count = 0
    for number, line in enumerate(lines[start:], start=start + 1):
        count += line.count(needle)
        if count >= occurrence:
            return number
    return None
