"""Pages of the typed content, in every language, in one pass.

Start-ups: a directory (`/start-up/`, `/en/start-ups/`), one page per
start-up, and one page per facet value (`/start-up/secteur/mediation-culturelle/`)
that works without JavaScript. Partners: one page grouped by kind, founding
members first. A text missing in a language shows the default language's text,
marked with its `lang`, and the item is listed as untranslated.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from markdown import Markdown
from markupsafe import Markup, escape
from pelican.generators import Generator
from pelican.utils import slugify

from llv.common.services import services
from llv.i18n.core import TranslationRecord
from llv.i18n.languages import Language, languages_from_settings
from llv.model.store import Entry, content_store
from llv.model.vocabulary import (
    FACET_ANY,
    FACET_WORDS,
    PARTNER_KINDS,
    PARTNER_ROLES,
    PROGRAMMES,
    SECTORS,
    SOCIAL_NETWORKS,
    STARTUP_STATUSES,
)
from llv.reader.reader import convert_body


@dataclass(frozen=True)
class Localized:
    """A text and the language it is actually written in. It prints as its text
    (`{{ partner.name }}`); `lang_attr(partner.name)` gives the element its `lang`
    when that language is not the page's."""

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text

    def __html__(self) -> str:
        return escape(self.text)


@dataclass(frozen=True)
class LocalizedHTML(Localized):
    """HTML converted from an editor's Markdown (held to the HTML allowlist): it prints as HTML."""

    def __html__(self) -> str:
        return Markup(self.text)


def pick(texts: dict | None, lang: str, default: str, kind: type[Localized] = Localized
         ) -> Localized | None:
    """The text in `lang`, else in the default language, else None."""
    if not texts:
        return None
    if texts.get(lang):
        return kind(texts[lang], lang)
    if texts.get(default):
        return kind(texts[default], default)
    return None


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Logo:
    source: str  # path of the original inside content/, for picture()
    alt: Localized
    where: str  # `content/startups/x.yaml:7: logo`, for image errors


@dataclass
class FacetValue:
    facet: str  # field name, e.g. "sectors"
    value: str
    label: str
    url: str  # this language
    urls: dict[str, str]  # every language
    order: tuple
    count: int = 0  # start-ups with this value (the list itself is the generator's)


@dataclass
class Facet:
    field: str
    label: str
    values: list[FacetValue]
    any_label: str  # the option that filters nothing out


@dataclass
class StartupView:
    """What a start-up page and card show, in one language."""

    entry: Entry
    name: str
    slug: str
    url: str
    pitch: Localized
    description: LocalizedHTML | None
    founders: list[str]
    website: str | None
    social: list[Link]
    logo: Logo | None
    founded: int | None
    facet_values: dict[str, list[FacetValue]]
    news: list = field(default_factory=list)


@dataclass(frozen=True)
class RoleView:
    label: str
    period: Localized
    source: Localized


@dataclass
class PartnerView:
    name: Localized
    slug: str
    website: str | None
    description: Localized
    logo: Logo | None
    roles: list[RoleView] = field(default_factory=list)


def url_slug(settings, text: str) -> str:
    """`text` as a URL word, the way Pelican slugifies titles (its SLUG_REGEX_SUBSTITUTIONS,
    SLUGIFY_PRESERVE_CASE and SLUGIFY_USE_UNICODE settings)."""
    return _slugify(text, tuple(map(tuple, settings["SLUG_REGEX_SUBSTITUTIONS"])),
                    settings["SLUGIFY_PRESERVE_CASE"], settings["SLUGIFY_USE_UNICODE"])


@lru_cache(maxsize=None)  # a few labels, asked for by every start-up
def _slugify(text: str, substitutions: tuple, preserve_case: bool, use_unicode: bool) -> str:
    return slugify(text, regex_subs=substitutions, preserve_case=preserve_case,
                   use_unicode=use_unicode)


def _logo(entry, lang, default) -> Logo | None:
    model = entry.model
    if not model.logo:
        return None
    name = pick(model.name, lang, default) if isinstance(model.name, dict) \
        else Localized(model.name, lang)
    alt = pick(model.logo_alt, lang, default) or name
    return Logo(model.logo, alt, f"{entry.path}:{entry.line_of('logo')}: logo")


def _facet_values(settings, model, language: Language, languages) -> dict[str, list[tuple]]:
    """field -> [(value, label, order, {lang: url})] for one start-up."""
    result = {}
    vocabularies = {"sectors": SECTORS, "programme": PROGRAMMES, "status": STARTUP_STATUSES}
    for name in FACET_WORDS:
        raw = getattr(model, name)
        values = raw if isinstance(raw, list) else ([] if raw is None else [raw])
        found = []
        for value in values:
            vocabulary = vocabularies.get(name)
            urls = {}
            for code, other in languages.items():
                word = url_slug(settings, other.gettext(FACET_WORDS[name]))
                value_slug = (url_slug(settings, vocabulary.label(value, other)) if vocabulary
                              else str(value))
                urls[code] = other.section_url("startups", word, value_slug)
            label = vocabulary.label(value, language) if vocabulary else str(value)
            order = (vocabulary.position(value),) if vocabulary else (-int(value),)
            found.append((str(value), label, order, urls))
        result[name] = found
    return result


class StartupsGenerator(Generator):
    """Start-up directory, facet pages and start-up pages, per language."""

    def generate_context(self):
        self.store = content_store(self.settings)
        self.entries = self.store.entries("startup")
        self._markdown = Markdown(**self.settings["MARKDOWN"])
        self._html: dict[tuple[str, str], str] = {}
        for entry in self.entries:
            for lang, body in entry.bodies.items():
                self._html[(entry.key, lang)] = convert_body(self.settings, self._markdown, body)
        languages = languages_from_settings(self.settings)
        self._members: dict[tuple[str, str, str], list[StartupView]] = {}
        self._views = {code: self._build_views(code) for code in languages}
        self.context["startups_by_lang"] = services(self.settings).startups = {
            code: views for code, (views, _) in self._views.items()}

    # -- what the pages show ---------------------------------------------------------

    def views(self, code: str) -> tuple[list[StartupView], list[Facet]]:
        return self._views[code]

    def facet_members(self, code: str, value: FacetValue) -> list[StartupView]:
        return self._members[(code, value.facet, value.value)]

    def _build_views(self, code: str) -> tuple[list[StartupView], list[Facet]]:
        settings = self.settings
        languages = languages_from_settings(settings)
        language, default = languages[code], settings["DEFAULT_LANG"]
        facet_values: dict[tuple[str, str], FacetValue] = {}
        views = []
        news_by_slug = self._news_by_startup(code)
        for entry in self.entries:
            model = entry.model
            bodies = {lang: self._html[(entry.key, lang)] for lang in entry.bodies}
            view = StartupView(
                entry=entry, name=model.name, slug=model.slug,
                url=language.section_url("startups", model.slug),
                pitch=pick(model.pitch, code, default),
                description=pick(bodies, code, default, LocalizedHTML),
                founders=list(model.founders), website=model.website,
                social=[Link(SOCIAL_NETWORKS.term(n).label, u) for n, u in model.social.items()],
                logo=_logo(entry, code, default), founded=model.founded,
                facet_values={}, news=news_by_slug.get(model.slug, []),
            )
            for name, values in _facet_values(settings, model, language, languages).items():
                view.facet_values[name] = []
                for value, label, order, urls in values:
                    facet_value = facet_values.setdefault(
                        (name, value), FacetValue(name, value, label, urls[code], urls, order))
                    members = self._members.setdefault((code, name, value), [])
                    members.append(view)
                    facet_value.count = len(members)
                    view.facet_values[name].append(facet_value)
            views.append(view)
        views.sort(key=lambda v: (v.name.casefold(), v.slug))
        facets = []
        for name, word in FACET_WORDS.items():
            values = sorted((v for (n, _), v in facet_values.items() if n == name), key=lambda v: v.order)
            if values:
                facets.append(Facet(name, language.gettext(word), values,
                                    language.gettext(FACET_ANY[name])))
        return views, facets

    def _news_by_startup(self, code):
        news = defaultdict(list)
        for article in services(self.settings).news.get(code, []):
            for slug in getattr(article, "startups", None) or ():
                news[slug].append(article)
        return news

    def translatable_items(self):
        languages = languages_from_settings(self.settings)
        for entry in self.entries:
            for code in languages:
                has_text = code in entry.model.pitch and (not entry.bodies or code in entry.bodies)
                if has_text:
                    yield TranslationRecord("startup", entry.key, entry.slug, code, entry.path)

    def planned_outputs(self):
        """(path written, source) of every page, for the duplicate-path check."""
        outputs = []
        for code, language in languages_from_settings(self.settings).items():
            directory = language.section_url("startups")
            outputs.append((directory + "index.html", f"the start-up directory ({code})"))
            views, facets = self.views(code)
            for view in views:
                outputs.append((view.url + "index.html", view.entry.path))
            for facet in facets:
                for value in facet.values:
                    outputs.append((value.url + "index.html",
                                    f"the start-up facet page {facet.field}={value.value} ({code})"))
        return outputs

    # -- writing ---------------------------------------------------------------------

    def generate_output(self, writer):
        settings = self.settings
        languages = languages_from_settings(settings)
        directory_template = self.get_template("startups")
        startup_template = self.get_template("startup")
        directory_urls = {c: l.section_url("startups") for c, l in languages.items()}
        for code, language in languages.items():
            views, facets = self.views(code)

            def write(url, template, urls_by_lang, **context):
                writer.write_page(url, template, self.context, code, urls_by_lang,
                                  current_key="startups", facets=facets,
                                  directory_url=directory_urls[code], **context)

            write(directory_urls[code], directory_template, directory_urls,
                  startups=views, current_value=None)
            for facet in facets:
                for value in facet.values:
                    write(value.url, directory_template, value.urls,
                          startups=self.facet_members(code, value), current_value=value)
            for view in views:
                urls = {c: l.section_url("startups", view.slug) for c, l in languages.items()}
                write(view.url, startup_template, urls, startup=view)


class PartnersGenerator(Generator):
    """The partners page of each language, grouped by kind."""

    def generate_context(self):
        self.store = content_store(self.settings)
        self.entries = self.store.entries("partner")
        self._groups = {code: self._build_groups(code)
                        for code in languages_from_settings(self.settings)}
        self.context["partners_by_lang"] = {
            code: [partner for _, _, partners in groups for partner in partners]
            for code, groups in self._groups.items()
        }

    def groups(self, code: str):
        return self._groups[code]

    def _build_groups(self, code: str):
        default = self.settings["DEFAULT_LANG"]
        language = languages_from_settings(self.settings)[code]
        by_kind = defaultdict(list)
        for entry in self.entries:
            model = entry.model
            roles = [RoleView(PARTNER_ROLES.label(role.role, language),
                              pick(role.period, code, default), pick(role.source, code, default))
                     for role in model.roles]
            by_kind[model.kind].append(PartnerView(
                pick(model.name, code, default), model.slug, model.website,
                pick(model.description, code, default), _logo(entry, code, default), roles))
        groups = []
        for kind in PARTNER_KINDS.values:
            if by_kind.get(kind):
                partners = sorted(by_kind[kind], key=lambda p: (p.name.text.casefold(), p.slug))
                groups.append((kind, PARTNER_KINDS.label(kind, language), partners))
        return groups

    def translatable_items(self):
        for entry in self.entries:
            for code in languages_from_settings(self.settings):
                if code in entry.model.description:
                    yield TranslationRecord("partner", entry.key, entry.slug, code, entry.path)

    def planned_outputs(self):
        return [(language.section_url("partners") + "index.html", f"the partners page ({code})")
                for code, language in languages_from_settings(self.settings).items()]

    def generate_output(self, writer):
        settings = self.settings
        languages = languages_from_settings(settings)
        template = self.get_template("partners")
        urls = {c: l.section_url("partners") for c, l in languages.items()}
        for code in languages:
            writer.write_page(urls[code], template, self.context, code, urls,
                              current_key="partners", partner_groups=self.groups(code))
