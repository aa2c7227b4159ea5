"""Every page and feed Pelican wrote, typeset in place, bounded in time a page."""

from __future__ import annotations

import logging
from pathlib import Path


from llv.common.files import walk_files
from llv.common.items import shown_item
from llv.common.services import SETTINGS_KEY, services
from llv.common.timelimit import TooSlow, time_limit
from llv.typography.typography import typeset_feed, typeset_html, typeset_text

log = logging.getLogger(__name__)

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


def record_source(path, context) -> None:
    """The content file a written page shows, for the messages of typeset_output."""
    _, item = shown_item(context)
    source = (getattr(item, "source_shown", None) or getattr(item, "source", None)
              or getattr(getattr(item, "entry", None), "path", None))
    if isinstance(source, str):
        context[SETTINGS_KEY].page_sources[str(Path(path).resolve())] = source


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
