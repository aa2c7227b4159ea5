"""What the site's plugins share during one build, declared in one place.

Pelican hands every hook the build's settings; the plugins meet in the one
`BuildServices` object kept there (under SETTINGS_KEY), never in settings keys
of their own. Each field says which plugin makes it and who reads it; a
value is made on first use, once per build (a build is one process).

    from llv_common.services import services
    store = services(settings).content_store   # None until llv_content reads it
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types only: llv_common depends on no plugin
    from llv_content.store import ContentStore
    from llv_i18n.languages import Language
    from llv_images.pipeline import ImagePipeline

SETTINGS_KEY = "LLV_SERVICES"


@dataclass
class BuildServices:
    # llv_i18n: the LANGUAGES setting as Language objects, default first (everyone)
    languages: dict[str, Language] | None = None
    # llv_i18n: items without a translation, reported at the end of the build
    untranslated: list[str] = field(default_factory=list)
    # llv_content: every YAML item and data file, read and checked (llv_agenda, llv_legal…)
    content_store: ContentStore | None = None
    # llv_content: output paths claimed by two sources, or by content where the site
    # publishes its own files (llv_content.reserved), written by neither (llv_i18n's writer)
    colliding_outputs: frozenset[str] = frozenset()
    # llv_content: the content files refused with their own mistakes (`content/pages/x.fr.md`):
    # they exist, so links and references to them are not reported (llv_content, llv_i18n)
    unread_files: set[str] = field(default_factory=set)
    # llv_images: the build's image pipeline (templates, Markdown, make check)
    images: ImagePipeline | None = None
    # llv_assets: theme file -> its content-hashed name
    assets: dict | None = None
    # llv_seo: the pages written, with their language alternates, for the sitemap
    written_pages: list = field(default_factory=list)
    # llv_agenda: the moments the agenda's state changes at (tools.uptodate)
    clock_moments: tuple = ()
    # llv_typography: written page (absolute path) -> the content file it shows, for messages
    page_sources: dict[str, str] = field(default_factory=dict)


def services(settings) -> BuildServices:
    found = settings.get(SETTINGS_KEY)
    if found is None:
        found = settings[SETTINGS_KEY] = BuildServices()
    return found
