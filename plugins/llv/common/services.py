"""What the site's plugins share during one build, declared in one place.

Pelican hands every hook the build's settings; the plugins meet in the one
`BuildServices` object kept there (under SETTINGS_KEY), never in settings keys
of their own. Each field says which plugin makes it and who reads it; a
value is made on first use, once per build (a build is one process).

    from llv.common.services import services
    store = services(settings).content_store   # None until llv.model reads it
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types only: llv.common depends on no plugin
    from llv.model.store import ContentStore
    from llv.i18n.languages import Language
    from llv.images.pipeline import ImagePipeline

SETTINGS_KEY = "LLV_SERVICES"


@dataclass(frozen=True)
class FinishedPage:
    """A page or feed as published, read once after Pelican wrote it."""

    digest: bytes  # SHA-256 of its final bytes
    indexed: bool  # marked `data-pagefind-body`: the search indexes it
    written: bytes  # SHA-256 of the bytes Pelican wrote and of the code that finished them


@dataclass
class BuildServices:
    # llv.i18n: the LANGUAGES setting as Language objects, default first (everyone)
    languages: dict[str, Language] | None = None
    # llv.i18n: items without a translation, reported at the end of the build
    untranslated: list[str] = field(default_factory=list)
    # llv.model: every YAML item and data file, read and checked (llv.agenda, llv.legal…)
    content_store: ContentStore | None = None
    # llv.links: output paths claimed by two sources, or by content where the site
    # publishes its own files (llv.links.reserved), written by neither (llv.i18n's writer)
    colliding_outputs: frozenset[str] = frozenset()
    # llv.reader: the content files refused with their own mistakes (`content/pages/x.fr.md`):
    # they exist, so links and references to them are not reported (llv.links, llv.i18n)
    unread_files: set[str] = field(default_factory=set)
    # llv.images: the build's image pipeline (templates, Markdown, make check)
    images: ImagePipeline | None = None
    # llv.assets: theme file -> its content-hashed name
    assets: dict | None = None
    # llv.seo: the pages written, with their language alternates, for the sitemap
    written_pages: list = field(default_factory=list)
    # llv.news: published posts per language, newest first (llv.directory: each
    # start-up's news; llv.search: the listing)
    news: dict[str, list] | None = None
    # llv.news: the posts dated after the build's day, checked (llv.links), not written
    held_news: list = field(default_factory=list)
    # llv.directory: the start-ups per language, as the directory shows them (llv.search)
    startups: dict[str, list] | None = None
    # llv.agenda: every event per language (llv.search)
    events: dict[str, list] | None = None
    # llv.agenda: the moments the agenda's state changes at (tools.uptodate)
    clock_moments: tuple = ()
    # llv.typography: written page (absolute path) -> the content file it shows, for messages
    page_sources: dict[str, str] = field(default_factory=dict)
    # llv.typography: every page and feed once typeset, by path relative to the output
    # (llv.search: what Pagefind will read; tools.build: which pages changed since the
    # previous build); None until typeset_output has run
    finished_pages: dict[str, FinishedPage] | None = None


def services(settings) -> BuildServices:
    found = settings.get(SETTINGS_KEY)
    if found is None:
        found = settings[SETTINGS_KEY] = BuildServices()
    return found


def share_services(pelican) -> None:
    """Made before Pelican copies its settings into the context the writer hands
    to content_written's receivers, so that they find the same object there."""
    services(pelican.settings)
