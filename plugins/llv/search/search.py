"""What is searched and how: the record of each indexed page, the search pages.

A page is indexed when `search_record()` (a template global, called once by
base.html) gives it a record: its kind and, for a start-up, its sector,
programme, cohort and status (the directory's facets), written as Pagefind
filters. The home page, listings,
archives, facet pages, the search pages and the 404 pages get none, so they
stay out of the index. Partners have no page of their own: the partners page
is indexed, and each partner's heading (with its id) is a result of its own.

The search page of each language (`/recherche/`, `/en/search/`) lists every
item by kind: that is what a visitor without JavaScript gets, and what the
search replaces as soon as there is something to search for.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from jinja2 import pass_context
from pelican.generators import Generator

from llv.common.items import LISTED, generator_items, shown_item
from llv.common.outputs import SEARCH_INDEX_FOLDER
from llv.common.services import services
from llv.i18n.core import N_
from llv.i18n.languages import languages_from_settings
from llv.model.vocabulary import FACET_ANY, FACET_WORDS, ITEM_KINDS

KIND = N_("Kind")
ANY_KIND = N_("Any kind")

CALL_KIND = "call-for-projects"  # the event kind that makes an event a call


@dataclass(frozen=True)
class SearchRecord:
    """What the index knows of a page besides its text."""

    kind: str  # a value of ITEM_KINDS
    kind_label: str
    filters: tuple[tuple[str, str], ...] = ()  # (filter name, value) besides the kind
    split: bool = False  # a page of several items: each heading with an id is a result


@dataclass(frozen=True)
class ListedItem:
    title: str
    url: str
    lang: str  # the language the title is written in


@dataclass(frozen=True)
class KindGroup:
    kind: str
    label: str
    items: list[ListedItem]


@dataclass(frozen=True)
class FilterOption:
    value: str
    label: str


@dataclass(frozen=True)
class SearchFilter:
    name: str  # Pagefind filter and form field name
    label: str
    options: list[FilterOption]
    any_label: str  # the option that filters nothing out


def event_kind(event_model) -> str:
    return "call" if event_model.kind == CALL_KIND else "event"


def record_for(context, settings) -> SearchRecord | None:
    """The search record of the page being rendered, None for a page not to index."""
    language = context["language"]

    def record(kind, filters=(), split=False):
        return SearchRecord(kind, ITEM_KINDS.label(kind, language), tuple(filters), split)

    kind, item = shown_item(context)
    if kind == "startup":
        return record("startup", [(field, value.value) for field in FACET_WORDS
                                  for value in item.facet_values.get(field, [])])
    if kind == "event":
        return record(event_kind(item.model))
    if kind == "news" or (kind == "page" and item.key != settings.get("HOME_PAGE_KEY")):
        return record(kind)
    if context.get("partner_groups") is not None:
        return record("partner", split=True)
    return None


def install_template_global(generator):
    settings = generator.settings

    @pass_context
    def search_record(context):
        return record_for(context, settings)

    generator.env.globals["search_record"] = search_record


def collect_pages(generator):
    """Published pages per language (Pelican keeps other languages apart as translations)."""
    by_lang = defaultdict(list)
    for page in generator_items(generator, LISTED):
        by_lang[page.lang].append(page)
    generator.context["pages_by_lang"] = dict(by_lang)


class SearchGenerator(Generator):
    """The search page of each language."""

    def generate_context(self):
        languages = languages_from_settings(self.settings)
        self.context["search_url_by_lang"] = {
            code: language.section_url("search") for code, language in languages.items()}

    def listing(self, code: str) -> list[KindGroup]:
        """Every item of the site in this language, by kind."""
        context, language = self.context, languages_from_settings(self.settings)[code]
        items = defaultdict(list)
        shared = services(self.settings)
        for view in shared.startups[code]:
            items["startup"].append(ListedItem(view.name, view.url, code))
        events = sorted(shared.events[code],
                        key=lambda v: (v.model.start.value, v.slug), reverse=True)
        for view in events:
            items[event_kind(view.model)].append(ListedItem(view.title.text, view.url, view.title.lang))
        for article in shared.news.get(code, []):
            items["news"].append(ListedItem(article.title, article.url, article.lang))
        pages = [p for p in context["pages_by_lang"].get(code, [])
                 if p.key != self.settings.get("HOME_PAGE_KEY")]
        for page in sorted(pages, key=lambda p: (p.title.casefold(), p.url)):
            items["page"].append(ListedItem(page.title, page.url, page.lang))
        partners_url = language.section_url("partners")
        for partner in context.get("partners_by_lang", {}).get(code, []):
            items["partner"].append(ListedItem(partner.name.text,
                                               f"{partners_url}#partner-{partner.slug}",
                                               partner.name.lang))
        return [KindGroup(kind, ITEM_KINDS.label(kind, language), items[kind])
                for kind in ITEM_KINDS.values if items[kind]]

    def filters(self, code: str, groups: list[KindGroup]) -> list[SearchFilter]:
        """The kind, then the start-ups' facets, with the values this language's items have."""
        language = languages_from_settings(self.settings)[code]
        kinds = [FilterOption(group.kind, group.label) for group in groups]
        filters = [SearchFilter("kind", language.gettext(KIND), kinds, language.gettext(ANY_KIND))]
        views = self.context.get("startups_by_lang", {}).get(code, [])
        for field in FACET_WORDS:
            values = {value.value: value for view in views for value in view.facet_values.get(field, [])}
            if values:
                options = [FilterOption(v.value, v.label)
                           for v in sorted(values.values(), key=lambda v: v.order)]
                filters.append(SearchFilter(field, language.gettext(FACET_WORDS[field]).capitalize(),
                                            options, language.gettext(FACET_ANY[field])))
        return filters

    def generate_output(self, writer):
        languages = languages_from_settings(self.settings)
        template = self.get_template("search")
        urls = self.context["search_url_by_lang"]
        for code in languages:
            groups = self.listing(code)
            writer.write_page(urls[code], template, self.context, code, urls,
                              current_key="search", listing=groups,
                              search_filters=self.filters(code, groups),
                              search_bundle=SEARCH_INDEX_FOLDER)
