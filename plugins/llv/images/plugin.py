"""Pelican integration: the pipeline per build, template globals, the Markdown hook."""

from __future__ import annotations

import os
import posixpath
import re
from urllib.parse import unquote, urlsplit

from jinja2 import pass_context
from markupsafe import Markup

from llv.common.files import FileRefused, read_text, shown_path
from llv.common.items import HIDDEN, LISTED, PAGE_ITEM, UNPUBLISHED, shown_item
from llv.common.reading import add_markdown_extension, line_of
from llv.common.rendering import renders_nothing
from llv.common.services import services
from llv.i18n.core import N_, SECTION_TITLES, SITE_TAGLINE
from llv.i18n.languages import languages_from_settings
from llv.images.mdext import PLANNED_IMAGES, PictureExtension
from llv.images.pipeline import ImageConfig, ImagePipeline, SocialCard, site_domain
from llv.images.sources import STATIC_FORMATS, ImageSourceError, Origin
from llv.typography.typography import typeset_text

# What a card says a page is: the kind of item it shows (llv.common.items),
# the home page, or a section's listing.
CARD_KINDS = {
    "home": N_("Welcome"),
    "page": N_("Page"),
    "news": N_("News item"),
    "startup": N_("Start-up"),
    "partner": N_("Partner"),
    "event": N_("Event"),
    **{f"{section}-index": title for section, title in SECTION_TITLES.items()},
}
CARD_ALT = N_("%(kind)s: %(title)s — %(site)s")

# Every context name _card_subject reads.
_CARD_CONTEXT = (*PAGE_ITEM.values(), "current_key", "page_title")


def pipeline_for(settings) -> ImagePipeline:
    shared = services(settings)
    if shared.images is None:
        shared.images = ImagePipeline(ImageConfig.from_settings(settings))
    return shared.images


def check_image(settings, reference) -> str | None:
    """The mistake in an image reference (missing, unreadable, too large…), or None.

    For content checks that run without building (`make check`): the same
    checks as the build's, without processing anything.
    """
    try:
        pipeline_for(settings).inspect(reference)
    except ImageSourceError as error:
        return str(error)
    return None


def add_picture_extension(pelican):
    add_markdown_extension(pelican.settings, PictureExtension(pipeline_for(pelican.settings)))


def plan_cached_images(content):
    """A text read from Pelican's reader cache was not converted in this build:
    its images (kept in its metadata by the Markdown extension) are planned
    again, so that their files are published."""
    planned = getattr(content, "metadata", {}).get(PLANNED_IMAGES)
    if planned:
        pipeline = pipeline_for(content.settings)
        for reference, role, origin in planned:
            try:
                pipeline.plan(reference, role, origin)
            except ImageSourceError as error:
                pipeline.error(origin, str(error))


def take_static_images(generator):
    """Images linked with {static}/{attach} are published by the pipeline,
    without their metadata, rather than copied as they are by Pelican."""
    pipeline = pipeline_for(generator.settings)
    root = generator.settings["PATH"]
    images = [s for s in generator.staticfiles
              if s.source_path.rpartition(".")[2].lower() in STATIC_FORMATS]
    if not images:
        return
    linked = _static_links(generator.context, root)
    for static in images:
        relative = os.path.relpath(static.source_path, root).replace(os.sep, "/")
        origins = linked.get(relative) or [Origin(shown_path(static.source_path, root))]
        try:
            pipeline.plan_static(relative, static, origins)
        except ImageSourceError as error:
            for origin in origins:
                pipeline.error(origin, str(error))
    generator.staticfiles[:] = [s for s in generator.staticfiles if s not in images]
    generator.context["staticfiles"] = generator.staticfiles


def _static_links(context, root) -> dict[str, list[Origin]]:
    """content-relative path → where texts link it with {static}/{attach}
    (file and line), from the links their reader recorded (llv.reader)."""
    items = {id(item): item for name in (*LISTED, *HIDDEN, *UNPUBLISHED)
             for item in context.get(name) or () if hasattr(item, "metadata")}
    for item in list(items.values()):
        items.update({id(other): other for other in getattr(item, "translations", ())})
    found: dict[str, list[Origin]] = {}
    for item in items.values():
        links = [(written, path) for what, written, path
                 in item.metadata.get("links", {}).get("files", ()) if what in ("static", "attach")]
        if not links:
            continue
        try:
            lines = read_text(item.source_path, root).splitlines()
        except FileRefused:
            lines = []
        shown = shown_path(item.source_path, root)
        for written, path in links:
            target = unquote(urlsplit(written).path)
            target = posixpath.normpath(target[1:] if target.startswith("/") else posixpath.join(
                item.relative_dir.replace(os.sep, "/"), target))
            found.setdefault(target, []).append(Origin(shown, line_of(lines, path), "link"))
    return found


def _card_subject(context, settings):
    """(kind, title) of the page being rendered, from the template context."""
    title, kind = context.get("social_title"), context.get("social_kind")
    if title and kind:
        return kind, title
    item_kind, item = shown_item(context)
    item_title = getattr(item, "title", None) or getattr(item, "name", None)
    if item_title:
        if item_kind == "page" and item.key == settings.get("HOME_PAGE_KEY", "home"):
            item_kind = "home"
        return kind or item_kind, title or item_title
    current = context.get("current_key")
    heading = _heading(context.get("page_title"), settings.get("SITENAME", ""))
    if current in SECTION_TITLES:
        return kind or f"{current}-index", title or heading or SECTION_TITLES[current]
    return kind or "page", title or heading or SITE_TAGLINE


def _heading(page_title, site_name: str) -> str | None:
    """The <title> set by base.html, without the site's name around it."""
    if not page_title:
        return None
    text = re.sub(r"[ \t\r\n]+", " ", Markup(str(page_title)).striptags()).strip()
    for separator in (" — ", " - ", " | "):
        text = text.removesuffix(f"{separator}{site_name}").removeprefix(f"{site_name}{separator}")
    return text if text and text != site_name else None


def install_globals(generator):
    settings = generator.settings
    pipeline = pipeline_for(settings)
    languages = languages_from_settings(settings)
    default = settings["DEFAULT_LANG"]

    def picture(source, alt=None, sizes=None, role="photo", priority=False,
                decorative=False, where=None):
        origin = Origin(str(where)) if where else Origin("template", None, f"picture({source!r})")
        return Markup(pipeline.picture(source, alt, sizes=sizes, role=role, priority=priority,
                                       decorative=decorative, origin=origin))

    @pass_context
    def social_card(context, title=None, kind=None) -> SocialCard:
        language = languages.get(context.get("lang") or default, languages[default])
        subject = {name: context.get(name) for name in _CARD_CONTEXT}
        kind, title = _card_subject(
            {**subject, "social_title": title or context.get("social_title"),
             "social_kind": kind or context.get("social_kind")}, settings)
        if title == SITE_TAGLINE or title in SECTION_TITLES.values():
            title = language.gettext(title)
        kind_label = language.gettext(CARD_KINDS.get(kind, CARD_KINDS["page"]))
        site_name = settings.get("SITENAME", "")
        title = Markup(str(title)).striptags()
        if title.casefold() == kind_label.casefold():  # a section: "News", not "News: News"
            alt = f"{title} — {site_name}"
        else:
            alt = language.gettext(CARD_ALT) % {"kind": kind_label, "title": title, "site": site_name}
        return pipeline.social_card(
            site_name=site_name, tagline=language.gettext(SITE_TAGLINE), kind=kind_label,
            title=typeset_text(title, language.code), domain=site_domain(settings), alt=alt,
            lang=language.code)

    generator.env.globals.update(picture=picture, social_card=social_card)


def process_images(pelican):
    pipeline = services(pelican.settings).images
    if pipeline is None or renders_nothing(pelican.settings):  # make check verifies them
        return
    stats = pipeline.run(pelican.output_path)
    print(stats, flush=True)
