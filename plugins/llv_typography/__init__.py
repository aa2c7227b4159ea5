"""Typography by language, applied once to everything the build writes.

Every HTML page (content, templates, UI strings, titles) and every Atom/RSS
feed is typeset when Pelican has written it (the `finalized` signal, on the
staging folder): French gets its no-break spaces, apostrophes, digit groups
and ordinals, English its curly quotes (see typography.py). Calendars and
social cards are plain text: llv_agenda and llv_images call `typeset_text`.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from llv_common.files import walk_files

from .typography import typeset_feed, typeset_html, typeset_text

FEED_START = ("<feed", "<rss")


def typeset_file(path: Path) -> bool:
    """Typeset one written page or feed in place; True if its bytes changed."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        done = typeset_html(text)
    elif path.suffix == ".xml" and any(mark in text[:300] for mark in FEED_START):
        done = typeset_feed(text)
    else:
        return False
    if done == text:
        return False
    path.write_text(done, encoding="utf-8")
    return True


def typeset_output(pelican) -> None:
    for relative, entry in walk_files(pelican.output_path):
        if relative.endswith((".html", ".xml")):
            typeset_file(Path(entry.path))


NEEDS = ()  # plugins this one needs in a build: it typesets whatever was written


def register():
    signals.finalized.connect(typeset_output)


__all__ = ["register", "typeset_html", "typeset_text", "typeset_feed"]
