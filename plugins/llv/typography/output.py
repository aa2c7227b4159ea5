"""Every page and feed Pelican wrote, typeset in place, bounded in time a page:
the one pass that reads the written pages. What it finishes is recorded
(`finished_pages`) for the search index and for the comparison with the
previous build, which need not read the pages again.

A page that Pelican wrote as it wrote it in the previous build (the
PREVIOUS_PAGES setting, which tools.build gives from its record, with
PREVIOUS_OUTPUT, that build's folder) is not typeset again: the previous
build's file is linked in its place.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from llv.common.files import walk_files
from llv.common.items import shown_item
from llv.common.services import SETTINGS_KEY, FinishedPage, services
from llv.common.timelimit import TooSlow, time_limit
from llv.typography.typography import typeset_feed, typeset_html

log = logging.getLogger(__name__)

FEED_START = ("<feed", "<rss")
TYPOGRAPHY_TIME_LIMIT = 10  # seconds a page (setting of that name); a page takes milliseconds
# What, besides a page's bytes, decides its typeset bytes: this package's code.
TYPESETTER = hashlib.sha256(b"".join(
    path.read_bytes() for path in sorted(Path(__file__).parent.glob("*.py")))).digest()


def typeset_file(path: Path, data: bytes) -> bytes:
    """Typeset the page or feed `data` written at `path`, in place; its final bytes."""
    text = data.decode("utf-8")
    if path.suffix == ".html":
        done = typeset_html(text)
    elif path.suffix == ".xml" and any(mark in text[:300] for mark in FEED_START):
        done = typeset_feed(text)
    else:
        return data
    if done == text:
        return data
    data = done.encode("utf-8")
    path.write_bytes(data)
    return data


def record_source(path, context) -> None:
    """The content file a written page shows, for the messages of typeset_output."""
    _, item = shown_item(context)
    source = (getattr(item, "source_shown", None) or getattr(item, "source", None)
              or getattr(getattr(item, "entry", None), "path", None))
    if isinstance(source, str):
        context[SETTINGS_KEY].page_sources[os.path.abspath(path)] = source  # as Pelican joins it


def typeset_output(pelican) -> None:
    settings = pelican.settings
    seconds = settings.get("TYPOGRAPHY_TIME_LIMIT", TYPOGRAPHY_TIME_LIMIT)
    previous = settings.get("PREVIOUS_PAGES") or {}
    build = services(settings)
    output = Path(pelican.output_path).resolve()
    finished = {}
    for relative, entry in walk_files(output):
        if not relative.endswith((".html", ".xml")):
            continue
        path = Path(entry.path)
        data = path.read_bytes()
        written = hashlib.sha256(TYPESETTER + data).digest()
        before = previous.get(relative)
        if before is not None and before.written == written and _link_previous(
                Path(settings["PREVIOUS_OUTPUT"]) / relative, path):
            finished[relative] = before
            continue
        try:
            with time_limit(seconds):
                data = typeset_file(path, data)
        except TooSlow:
            written_as = os.path.abspath(os.path.join(pelican.output_path, relative))
            shown = build.page_sources.get(written_as) or f"the page {relative}"
            log.error("%s: this page takes more than %g s to typeset: very long runs of"
                      " spaces, quotes or tags are the usual cause; break them up", shown, seconds)
        finished[relative] = FinishedPage(hashlib.sha256(data).digest(),
                                          b"data-pagefind-body" in data, written)
    build.finished_pages = finished


def _link_previous(previous: Path, path: Path) -> bool:
    """The previous build's `previous` in place of `path`; False if it is gone."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.link")
    try:
        os.link(previous, temporary)
    except OSError:
        return False
    os.replace(temporary, path)
    return True
