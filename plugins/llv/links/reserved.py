"""The addresses the site publishes itself, which no content may take: one list,
from the settings (languages and their sections, URL patterns).

    site_paths(settings)                 # [SitePath("admin/", "the CMS"), …]
    reserved_by(settings, paths, "admin/index.html")   # SitePath("admin/", …) or None

A path ending in `/` is a folder: nothing may be written inside it. A
language's own folder (`en/`) is reserved for the other languages only.
"""

from __future__ import annotations

from dataclasses import dataclass

from llv.common.outputs import (ADMIN_FOLDER, HEADERS_FILE, IMAGES_FOLDER, PREVIEWS_FOLDER,
                                 REDIRECTS_FILE, ROBOTS_FILE, SEARCH_INDEX_FOLDER, SITEMAP_FILE)
from llv.i18n.languages import languages_from_settings
from llv.model.vocabulary import FACET_WORDS


@dataclass(frozen=True)
class SitePath:
    path: str  # relative to the site's root: `admin/`, `sitemap.xml`
    what: str  # what is published there, for messages
    lang: str | None = None  # a language's own folder: its content may be inside


# Written whatever the language, each by the code named in llv.common.outputs.
SITE_FOLDERS = {
    f"{ADMIN_FOLDER}/": "the CMS",
    f"{PREVIEWS_FOLDER}/": "the previews of pull requests",
    f"{SEARCH_INDEX_FOLDER}/": "the search index",
    f"{IMAGES_FOLDER}/": "the processed images",
}
SITE_FILES = {
    SITEMAP_FILE: "the sitemap",
    ROBOTS_FILE: "robots.txt",
    HEADERS_FILE: "the header policy",
    REDIRECTS_FILE: "the redirects",
}


def site_paths(settings) -> list[SitePath]:
    from llv.directory.pages import url_slug

    theme = settings.get("THEME_STATIC_DIR", "theme").strip("/") + "/"
    paths = [SitePath(theme, "the theme's files")]
    paths += [SitePath(path, what) for path, what in SITE_FOLDERS.items()]
    paths += [SitePath(path, what) for path, what in SITE_FILES.items()]
    pagination = settings["PAGINATION_PATTERNS"][-1][1]  # `{url}page/{number}/`
    for code, language in languages_from_settings(settings).items():
        prefix = language.prefix
        if prefix:
            paths.append(SitePath(prefix, f"the {language.name} pages", code))
        paths.append(SitePath(f"{prefix}404.html", f"the 404 page ({code})"))
        for section in language.sections:
            paths.append(SitePath(language.section_url(section) + "index.html",
                                  f"the {section} page ({code})"))
        paths.append(SitePath(language.section_url("search"), f"the search page ({code})"))
        news = language.section_url("news")
        paths += [SitePath(news + name, f"the news feed ({code})") for name in ("atom.xml", "rss.xml")]
        further = pagination.format(url=news, number=2)
        paths.append(SitePath(further[: further.rstrip("/").rindex("/") + 1],
                              f"the news index's further pages ({code})"))
        agenda = language.section_url("agenda")
        paths.append(SitePath(language.section_url("agenda", language.sections["archive"]),
                              f"the agenda archives ({code})"))
        paths += [SitePath(agenda + name, f"the agenda's calendar and feed ({code})")
                  for name in ("calendar.ics", "atom.xml")]
        for word in FACET_WORDS.values():
            paths.append(SitePath(
                language.section_url("startups", url_slug(settings, language.gettext(word))),
                f"the start-up directory by {language.gettext(word)} ({code})"))
    return paths


def reserved_by(settings, paths: list[SitePath], output: str, lang: str | None = None
                ) -> SitePath | None:
    """The site's own path that `output` (a file written for content in `lang`;
    by default the language whose folder holds it) would take, or None."""
    if lang is None:
        prefixes = sorted((language.prefix, code)
                          for code, language in languages_from_settings(settings).items())
        lang = next(code for prefix, code in reversed(prefixes) if output.startswith(prefix))
    for reserved in paths:
        if reserved.lang is not None and reserved.lang == lang:
            continue
        if output == reserved.path or (reserved.path.endswith("/") and output.startswith(reserved.path)):
            return reserved
    return None
