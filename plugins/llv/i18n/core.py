"""Single-pass multilingual core.

Pelican reads every language in one run; this plugin gives each content item
its URL in its language's space (`/a-propos/`, `/en/about/`), renders UI
strings through gettext and dates through Babel in the language of the page
being written, and lists the items that lack a translation.
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePosixPath

from jinja2 import pass_context
from markupsafe import Markup
from pelican.generators import ArticlesGenerator
from pelican.writers import Writer


from llv.common.items import HIDDEN, LISTED, generator_items
from llv.common.rendering import is_rendered
from llv.common.services import services
from llv.i18n.dates import iso_date, localized_date, published_on
from llv.i18n.languages import Language, languages_from_settings

log = logging.getLogger(__name__)


def N_(message: str) -> str:
    """Mark a string for extraction into the catalogues; translated later."""
    return message


SITE_TAGLINE = N_("Cultural and digital cluster, start-up incubator in Lens")

SECTION_TITLES = {
    "news": N_("News"),
    "agenda": N_("Agenda"),
    "startups": N_("Start-ups"),
    "partners": N_("Partners"),
}

UNTRANSLATED_NOTE = N_("home page: this page has no translation")


@dataclass(frozen=True)
class LanguageLink:
    """One entry of the language switch."""

    code: str
    name: str
    url: str
    translated: bool  # False: no translation of this page, the link goes home
    note: str = ""  # said in the target language when the link goes home


@dataclass(frozen=True)
class PageLanguages:
    """What a written page knows about its language and its translations."""

    language: Language
    alternates: tuple[tuple[str, str], ...]  # (hreflang, url), x-default last
    switch: tuple[LanguageLink, ...]

    @property
    def lang(self) -> str:
        return self.language.code


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url: str
    lang: str  # language of the target (differs when falling back)


def page_languages(settings, lang: str, urls_by_lang: dict[str, str]) -> PageLanguages:
    """Alternates and language switch for a page that exists at `urls_by_lang`."""
    languages = languages_from_settings(settings)
    default = settings["DEFAULT_LANG"]
    alternates = [(code, urls_by_lang[code]) for code in languages if code in urls_by_lang]
    x_default = urls_by_lang.get(default, urls_by_lang[lang])
    alternates.append(("x-default", x_default))
    switch = tuple(
        LanguageLink(
            code=code,
            name=other.name,
            url=urls_by_lang.get(code, other.home_url),
            translated=code in urls_by_lang,
            note="" if code in urls_by_lang else other.gettext(UNTRANSLATED_NOTE),
        )
        for code, other in languages.items()
        if code != lang
    )
    return PageLanguages(languages[lang], tuple(alternates), switch)


def item_languages(settings, item) -> PageLanguages:
    urls = {item.lang: item.url}
    for translation in getattr(item, "translations", ()):
        if translation.status == item.status:
            urls.setdefault(translation.lang, translation.url)
    return page_languages(settings, item.lang, urls)


# --- content URLs ---------------------------------------------------------------


def inject_url_metadata(generator, metadata):
    """Give each item the URL parts of its language (used by *_URL settings).

    ARTICLE_URL and PAGE_URL are written with `{prefix}` (the language's URL
    prefix) and, for news, `{section}` (the news section in that language).
    """
    settings = generator.settings
    languages = languages_from_settings(settings)
    lang = metadata.get("lang") or settings["DEFAULT_LANG"]
    language = languages.get(lang)
    if language is None:
        # Reported by the content checks; keep a usable URL meanwhile.
        language = languages[settings["DEFAULT_LANG"]]
    metadata.setdefault("prefix", language.prefix)
    if isinstance(generator, ArticlesGenerator):
        metadata.setdefault("section", language.sections["news"])
    if metadata.get("key") == settings.get("HOME_PAGE_KEY", "home"):
        metadata["url"] = language.home_url
        metadata["save_as"] = language.home_url + "index.html"


# --- templates ------------------------------------------------------------------


def install_template_helpers(generator):
    settings = generator.settings
    languages = languages_from_settings(settings)
    default = settings["DEFAULT_LANG"]

    def language_of(context) -> Language:
        return languages.get(context.get("lang") or default, languages[default])

    @pass_context
    def gettext(context, message):
        return language_of(context).gettext(message)

    @pass_context
    def ngettext(context, singular, plural, n):
        return language_of(context).ngettext(singular, plural, n)

    @pass_context
    def format_date(context, value, precision="day"):
        return localized_date(value, language_of(context).babel_locale, precision)

    @pass_context
    def published(context, value, precision="day"):
        return published_on(value, precision, language_of(context))

    @pass_context
    def lang_attr(context, text):
        """` lang="fr"` for an element showing `text` (a text carrying its language, such
        as a French-only partner name on an English page) when it is not the page's."""
        text_lang = getattr(text, "lang", None)
        if text_lang and text_lang != (context.get("lang") or default):
            return Markup(' lang="{}"').format(text_lang)
        return ""

    env = generator.env
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.globals.update(
        format_date=format_date,
        iso_date=iso_date,
        published_on=published,
        lang_attr=lang_attr,
        SITE_TAGLINE=SITE_TAGLINE,
        LANGUAGES_LIST=list(languages.values()),
    )


class LocalizedWriter(Writer):
    """Gives every page its language context before Pelican renders it. A path
    claimed by two sources is reported by the content checks and written by neither."""

    def write_file(self, name, template, context, *args, **kwargs):
        if (not is_rendered(self.settings, name)
                or os.path.normpath(name) in services(self.settings).colliding_outputs):
            return None
        item = kwargs.get("article") or kwargs.get("page")
        if "page_languages" not in kwargs:
            if item is not None:
                kwargs["page_languages"] = item_languages(self.settings, item)
            else:
                lang = kwargs.get("lang") or self.settings["DEFAULT_LANG"]
                url = kwargs.get("url") or name
                kwargs["page_languages"] = page_languages(self.settings, lang, {lang: url})
        languages = kwargs["page_languages"]
        kwargs["lang"] = languages.lang
        kwargs["language"] = languages.language
        kwargs["page_url"] = dict(languages.alternates)[languages.lang]
        if "current_key" not in kwargs:
            if kwargs.get("article") is not None:
                kwargs["current_key"] = "news"
            elif item is not None:
                kwargs["current_key"] = getattr(item, "key", None)
        try:
            return super().write_file(name, template, context, *args, **kwargs)
        except OSError:
            raise  # the machine's fault (disk full, permissions), not the template's
        except Exception as error:
            if template is None or getattr(error, "shown_as_is", False):
                raise
            raise PageRenderError.of(error, name, template) from error

    def write_page(self, url, template, context, lang, urls_by_lang, **kwargs):
        """Write the page at the folder URL `url`, in `lang`, whose translations
        are at `urls_by_lang` ({lang: url})."""
        self.write_file(url + "index.html", template, context, url=url,
                        page_languages=page_languages(self.settings, lang, urls_by_lang),
                        **kwargs)


class PageRenderError(Exception):
    """A template failed while a page was rendered: where, in the template and
    in the output, in one line (tools.build shows it as it is)."""

    shown_as_is = True

    @classmethod
    def of(cls, error: Exception, name: str, template) -> "PageRenderError":
        place = template.name
        filename = getattr(template, "filename", None)
        traceback = error.__traceback__
        while traceback is not None:  # Jinja maps its frames to template lines
            if filename and traceback.tb_frame.f_code.co_filename == filename:
                place = f"{_shown_path(filename)}:{traceback.tb_lineno}"
            traceback = traceback.tb_next
        return cls(f"{place}: {type(error).__name__}: {error} (while writing {name})")


def _shown_path(filename: str) -> str:
    relative = os.path.relpath(filename)
    return filename if relative.startswith("..") else relative



# --- navigation and the untranslated report --------------------------------------


@dataclass(frozen=True)
class TranslationRecord:
    """One language version of an item that is not Pelican's (a start-up, an
    event…), as a generator's `translatable_items()` gives it."""

    kind: str  # one of llv.common.items.KINDS
    key: str
    slug: str
    lang: str
    relative_source_path: str


def translatable_items(generator):
    """Published items of a generator that may have translations: Pelican's
    articles and pages, or what the generator's `translatable_items()` gives."""
    custom = getattr(generator, "translatable_items", None)
    if callable(custom):
        return list(custom())
    return [i for i in generator_items(generator, LISTED, HIDDEN) if hasattr(i, "lang")]


def _refused_page(settings, key: str) -> bool:
    """Whether a text of the page `key` was refused for its own mistakes."""
    return any(PurePosixPath(path).name.startswith(f"{key}.")
               and PurePosixPath(path).parts[1] in settings["PAGE_PATHS"]
               for path in services(settings).unread_files)


def _navigation(settings, pages_by_key, keys):
    languages = languages_from_settings(settings)
    default = settings["DEFAULT_LANG"]
    navigation = {}
    for code, language in languages.items():
        entries = []
        for key in keys:
            if key.startswith("@"):
                section = key[1:]
                entries.append(
                    NavItem(section, language.gettext(SECTION_TITLES[section]),
                            language.section_url(section), code)
                )
                continue
            versions = pages_by_key.get(key, {})
            page = versions.get(code) or versions.get(default)
            if page is None:
                if not _refused_page(settings, key):  # else its own mistakes are reported
                    log.error("NAVIGATION names the page '%s', which does not exist", key)
                continue
            label = getattr(page, "menu", None) or page.title
            entries.append(NavItem(key, label, page.url, page.lang))
        navigation[code] = entries
    return navigation


def list_navigation(generators):
    if not generators:
        return
    settings = generators[0].settings
    context = generators[0].context
    languages = languages_from_settings(settings)

    groups = defaultdict(dict)  # (kind, key) -> {lang: item}
    for generator in generators:
        for item in translatable_items(generator):
            key = getattr(item, "key", None) or item.slug
            groups[(item.kind, key)].setdefault(item.lang, item)

    pages_by_key = {key: versions for (kind, key), versions in groups.items() if kind == "page"}
    context["navigation"] = _navigation(settings, pages_by_key, settings.get("NAVIGATION", ()))
    context["footer_navigation"] = _navigation(
        settings, pages_by_key, settings.get("FOOTER_NAVIGATION", ())
    )

    report = []
    for (kind, key), versions in sorted(groups.items()):
        missing = [code for code in languages if code not in versions]
        if missing:
            source = next(iter(versions.values())).relative_source_path
            report.append(f"{source}: {kind} '{key}' has no translation in {', '.join(missing)}")
    services(settings).untranslated = report


def report_untranslated(pelican):
    report = services(pelican.settings).untranslated
    if report:
        log.warning(
            "%d item(s) without translation:\n  %s", len(report), "\n  ".join(report)
        )
    else:
        log.info("Every item exists in every language.")
