"""Typography by language, applied once to everything the build writes.

Every HTML page (content, templates, UI strings, titles) and every Atom/RSS
feed is typeset when Pelican has written it (the `finalized` signal, in the
build's new folder, before `output` points at it): French gets its no-break spaces, apostrophes, digit groups
and ordinals, English its curly quotes (see typography.py). Calendars and
social cards are plain text: llv_agenda and llv_images call `typeset_text`.

Typesetting is linear in a page's size whatever its markup, and bounded in
time like Markdown's conversion (TYPOGRAPHY_TIME_LIMIT seconds a page): a page
over the limit is an error naming the content file it shows.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from llv_common.files import walk_files
from llv_common.items import shown_item
from llv_common.services import SETTINGS_KEY, services
from llv_common.timelimit import TooSlow, time_limit

from .typography import typeset_feed, typeset_html, typeset_text

log = logging.getLogger("llv_typography")

FEED_START = ("<feed", "<rss")
TYPOGRAPHY_TIME_LIMIT = 10  # seconds a page (setting of that name); a page takes milliseconds


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


def _record_source(path, context) -> None:
    """The content file a written page shows, for the messages of typeset_output."""
    shared = context.get(SETTINGS_KEY)
    _, item = shown_item(context)
    source = (getattr(item, "source_shown", None) or getattr(item, "source", None)
              or getattr(getattr(item, "entry", None), "path", None))
    if shared is not None and isinstance(source, str):
        shared.page_sources[str(Path(path).resolve())] = source


def typeset_output(pelican) -> None:
    seconds = pelican.settings.get("TYPOGRAPHY_TIME_LIMIT", TYPOGRAPHY_TIME_LIMIT)
    sources = services(pelican.settings).page_sources
    output = Path(pelican.output_path).resolve()
    for relative, entry in walk_files(output):
        if not relative.endswith((".html", ".xml")):
            continue
        try:
            with time_limit(seconds):
                typeset_file(Path(entry.path))
        except TooSlow:
            shown = sources.get(str(output / relative)) or f"the page {relative}"
            log.error("%s: this page takes more than %g s to typeset: very long runs of"
                      " spaces, quotes or tags are the usual cause; break them up", shown, seconds)


def _share_services(pelican) -> None:
    # Made before Pelican copies its settings into the context the writer hands
    # to content_written's receivers, so that they find the same object there.
    services(pelican.settings)


NEEDS = ()  # plugins this one needs in a build: it typesets whatever was written


def register():
    signals.initialized.connect(_share_services)
    signals.content_written.connect(_record_source)
    signals.finalized.connect(typeset_output)


__all__ = ["register", "typeset_html", "typeset_text", "typeset_feed"]
