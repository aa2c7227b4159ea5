"""The agenda: upcoming events, archives by year, event pages, calendars, feeds.

Per language, in the one Pelican run:
    /agenda/                      upcoming events (soonest first) and open calls
    /agenda/archives/2022/        past events of a year
    /agenda/<slug>/               an event, with its JSON-LD and <slug>.ics
    /agenda/calendar.ics          every upcoming event known to the day
    /agenda/atom.xml              Atom feed of upcoming events
("agenda" and "archives" are the language's words from LANGUAGES.)
"Now" is the build's (llv.common.clock.build_now): a nightly rebuild keeps
"upcoming" true.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from babel import Locale
from babel.numbers import format_currency
from markdown import Markdown
from pelican.generators import Generator

from llv.agenda.calendars import calendar
from llv.agenda.structured_data import event_json_ld
from llv.agenda.timing import (
    deadline_text, is_open_call, is_upcoming, iso, last_moment, local_now, period_end,
    revision_stamp, when_text,
)
from llv.common.clock import build_now
from llv.common.feeds import AtomFeed
from llv.common.jsonld import json_ld
from llv.common.rendering import is_rendered
from llv.common.services import services
from llv.directory.pages import Localized, LocalizedHTML, pick
from llv.i18n.core import N_, TranslationRecord
from llv.i18n.languages import Language, languages_from_settings
from llv.model.store import content_store
from llv.model.vocabulary import EVENT_KINDS, EVENT_RUN_BY, EVENT_STATUSES
from llv.reader.reader import convert_body

FREE = N_("Free")
CALENDAR_NAME = N_("Louvre Lens Vallée agenda")


@dataclass(frozen=True)
class EventLink:
    label: str | Localized  # a partner's name may be in another language
    url: str
    website: str | None = None


@dataclass
class EventView:
    """One event as a page in one language shows it."""

    model: object
    lang: str
    source: str
    title: Localized
    summary: Localized | None
    body: LocalizedHTML | None  # the long description
    url: str
    absolute_url: str
    ics_url: str | None
    when: str
    start_iso: str
    end_iso: str | None
    kind_label: str
    status_label: str | None  # None when scheduled
    deadline: str | None
    open_call: bool
    upcoming: bool  # not over yet: worth adding to a calendar
    price: str | None
    languages_spoken: list[str]
    run_by: str | None = None  # "Organised by Louvre Lens Vallée"…; None when not stated
    cited_source: Localized | None = None  # the document the event comes from
    organisers: list[EventLink] = field(default_factory=list)
    partners: list[EventLink] = field(default_factory=list)
    startups: list[EventLink] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.model.slug

    @property
    def year(self) -> int:
        return self.model.start.value.year

    @property
    def location_text(self) -> str | None:
        place = self.model.place
        if place is None:
            return self.model.online
        return ", ".join(p for p in (place.name, place.address) if p)


@dataclass
class AgendaSummary:
    """What the home and apply pages show: the next three events and every open
    call (a call open now is listed with its deadline, not among the events);
    with nothing to come, the latest past events, the past calls, and where to
    hear of the next ones (calendar subscription, feed)."""

    url: str
    next_events: list[EventView]
    open_calls: list[EventView]
    latest_past: list[EventView]
    past_calls: list[EventView]
    feed_url: str
    calendar_url: str
    calendar_webcal: str | None

    @property
    def anything_to_come(self) -> bool:
        return bool(self.next_events or self.open_calls)


def clock_moments(events) -> set[str]:
    """The moments at which the agenda changes (an event is over, a call opens
    or closes), for the build's up-to-date check (tools/uptodate.py)."""
    moments = set()
    for event in events:
        moments.add(period_end(last_moment(event)).isoformat())
        if event.opens is not None:
            moments.add(event.opens.value.isoformat())
            moments.add(period_end(event.closes).isoformat())
    return moments


def archive_url(language: Language, year: int) -> str:
    return language.section_url("agenda", language.sections.get("archive", "archive"), str(year))


def webcal(absolute_url: str) -> str | None:
    parts = urlsplit(absolute_url)
    if parts.scheme not in ("http", "https"):
        return None
    return "webcal://" + absolute_url.split("://", 1)[1]


@lru_cache(maxsize=None)
def language_names(locale: str) -> dict:
    """Languages' names in `locale` (Babel looks them up slowly)."""
    return Locale.parse(locale).languages


class AgendaGenerator(Generator):
    def generate_context(self):
        settings = self.settings
        self.zone = ZoneInfo(settings.get("TIMEZONE") or "Europe/Paris")
        self.now = build_now(settings)
        self.local_now = local_now(self.now, self.zone)
        self.store = content_store(settings)
        self.entries = self.store.entries("event")
        self.partners = self.store.by_slug("partner")
        self.startups = self.store.by_slug("startup")
        self.languages = languages_from_settings(settings)
        markdown = Markdown(**settings["MARKDOWN"])
        self.bodies = {}
        for entry in self.entries:
            for lang, body in entry.bodies.items():
                self.bodies[(entry.key, lang)] = convert_body(settings, markdown, body)
        self.views = {code: [self._view(entry, code) for entry in self.entries]
                      for code in self.languages}
        services(settings).clock_moments = tuple(sorted(clock_moments(e.model for e in self.entries)))
        services(settings).events = self.views
        self.context["agenda_by_lang"] = {
            code: AgendaSummary(
                url=language.section_url("agenda"),
                next_events=[v for v in self.upcoming(code) if not v.open_call][:3],
                open_calls=self.open_calls(code),
                latest_past=self.past(code)[:3],
                past_calls=[v for v in self.past(code) if v.model.kind == "call-for-projects"],
                feed_url=self.feed_path(code),
                calendar_url=self.calendar_path(code),
                calendar_webcal=webcal(self._absolute(self.calendar_path(code))),
            )
            for code, language in self.languages.items()
        }

    # -- views ---------------------------------------------------------------------

    def _absolute(self, url: str) -> str:
        return f"{self.settings.get('SITEURL', '')}/{url}"

    def _links(self, slugs, code):
        language = self.languages[code]
        partners, startups = self.partners, self.startups
        links = []
        for slug in slugs:
            if slug in partners:
                model = partners[slug].model
                name = pick(model.name, code, self.settings["DEFAULT_LANG"])
                links.append(EventLink(name, language.section_url("partners") + f"#partner-{slug}",
                                       model.website))
            elif slug in startups:
                model = startups[slug].model
                links.append(EventLink(model.name, language.section_url("startups", slug),
                                       model.website))
        return links

    def _view(self, entry, code) -> EventView:
        event, language = entry.model, self.languages[code]
        default = self.settings["DEFAULT_LANG"]
        url = language.section_url("agenda", event.slug)
        bodies = {lang: self.bodies[(entry.key, lang)] for lang in entry.bodies}
        price = None
        if event.price == "free":
            price = language.gettext(FREE)
        elif event.price is not None:
            price = format_currency(event.price, "EUR", locale=language.babel_locale)
        names = language_names(language.locale)
        return EventView(
            model=event, lang=code, source=entry.path,
            title=pick(event.title, code, default),
            summary=pick(event.description, code, default),
            body=pick(bodies, code, default, LocalizedHTML),
            url=url, absolute_url=self._absolute(url),
            ics_url=url + f"{event.slug}.ics" if event.in_calendar else None,
            when=when_text(event, language),
            start_iso=iso(event.start, self.zone),
            end_iso=iso(event.end, self.zone) if event.end else None,
            kind_label=EVENT_KINDS.label(event.kind, language),
            status_label=None if event.status == "scheduled"
            else EVENT_STATUSES.label(event.status, language),
            deadline=deadline_text(event, language) if event.closes else None,
            open_call=is_open_call(event, self.local_now),
            upcoming=is_upcoming(event, self.local_now),
            price=price,
            languages_spoken=[names.get(c, c) for c in event.languages],
            run_by=None if event.run_by == "not-stated"
            else EVENT_RUN_BY.label(event.run_by, language),
            cited_source=pick(event.source, code, default),
            organisers=self._links(event.organisers, code),
            partners=self._links(event.partners, code),
            startups=self._links(event.startups, code),
        )

    def upcoming(self, code) -> list[EventView]:
        views = [v for v in self.views[code] if v.upcoming]
        return sorted(views, key=lambda v: (v.model.start.value, v.slug))

    def past(self, code) -> list[EventView]:
        views = [v for v in self.views[code] if not v.upcoming]
        return sorted(views, key=lambda v: (v.model.start.value, v.slug), reverse=True)

    def open_calls(self, code) -> list[EventView]:
        calls = [v for v in self.views[code] if v.open_call]
        return sorted(calls, key=lambda v: (v.model.closes.value, v.slug))

    def past_by_year(self, code) -> dict[int, list[EventView]]:
        years = defaultdict(list)
        for view in self.past(code):
            years[view.year].append(view)
        return dict(sorted(years.items(), reverse=True))

    def feed_path(self, code) -> str:
        return self.languages[code].section_url("agenda") + "atom.xml"

    def calendar_path(self, code) -> str:
        return self.languages[code].section_url("agenda") + "calendar.ics"

    # -- contracts with llv.i18n and llv.model ----------------------------------------

    def translatable_items(self):
        for entry in self.entries:
            for code in self.languages:
                if code in entry.model.title and (not entry.bodies or code in entry.bodies):
                    yield TranslationRecord("event", entry.key, entry.slug, code, entry.path)

    def planned_outputs(self):
        outputs = []
        for code, language in self.languages.items():
            outputs.append((language.section_url("agenda") + "index.html", f"the agenda ({code})"))
            for year in self.past_by_year(code):
                outputs.append((archive_url(language, year) + "index.html",
                                f"the agenda archive {year} ({code})"))
            for view in self.views[code]:
                outputs.append((view.url + "index.html", view.source))
        return outputs

    # -- writing -------------------------------------------------------------------

    def generate_output(self, writer):
        settings = self.settings
        domain = urlsplit(settings.get("SITEURL") or "").hostname or "louvrelensvallee.com"
        index_template = self.get_template("agenda")
        archive_template = self.get_template("agenda_archive")
        event_template = self.get_template("event")
        index_urls = {c: l.section_url("agenda") for c, l in self.languages.items()}
        years_by_lang = {c: self.past_by_year(c) for c in self.languages}

        for code, language in self.languages.items():
            def write(url, template, urls_by_lang, **context):
                writer.write_page(
                    url, template, self.context, code, urls_by_lang,
                    current_key="agenda", agenda_url=index_urls[code],
                    agenda_feed_url=self.feed_path(code),
                    calendar_url=self.calendar_path(code),
                    calendar_webcal=webcal(self._absolute(self.calendar_path(code))),
                    **context,
                )

            years = years_by_lang[code]
            archive_links = [(year, archive_url(language, year)) for year in years]
            upcoming = self.upcoming(code)
            write(index_urls[code], index_template, index_urls, upcoming=upcoming,
                  open_calls=self.open_calls(code), archive_links=archive_links,
                  agenda=self.context["agenda_by_lang"][code])
            for year, events in years.items():
                urls = {c: archive_url(l, year) for c, l in self.languages.items()
                        if year in years_by_lang[c]}
                write(archive_url(language, year), archive_template, urls, year=year,
                      events=events, archive_links=archive_links)
            for view in self.views[code]:
                urls = {c: l.section_url("agenda", view.slug) for c, l in self.languages.items()}
                write(view.url, event_template, urls, event=view,
                      json_ld=json_ld(event_json_ld(view, self.zone)),
                      ics_webcal=webcal(self._absolute(view.ics_url)) if view.ics_url else None)
                if view.ics_url:
                    self._write_calendar(view.ics_url, [view], view.title.text,
                                         code, domain)

            calendar_views = [v for v in upcoming if v.model.in_calendar]
            self._write_calendar(self.calendar_path(code), calendar_views,
                                 language.gettext(CALENDAR_NAME), code, domain)
            if is_rendered(settings, self.feed_path(code)):
                self._write_feed(code, upcoming)

    def _write_calendar(self, relative: str, views, name: str, code: str, domain: str):
        if not is_rendered(self.settings, relative):
            return
        target = Path(self.output_path, relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(calendar(views, name, code, domain, self.zone))

    def _write_feed(self, code, upcoming):
        language = self.languages[code]
        siteurl = self.settings.get("SITEURL", "")
        feed = AtomFeed(
            title=f"{self.settings['SITENAME']} — {language.gettext('Agenda')}",
            link=self._absolute(language.section_url("agenda")),
            feed_url=self._absolute(self.feed_path(code)),
            description=language.gettext(CALENDAR_NAME),
            language=code,
            feed_guid=f"{siteurl}/{self.feed_path(code)}",
            # with no event ahead, the build's day: the feed changes at most daily
            empty_date=self.now.replace(hour=0, minute=0, second=0, microsecond=0),
        )
        for view in upcoming:
            summary = view.when + (f" — {view.summary.text}" if view.summary else "")
            stamp = revision_stamp(view.model, self.zone)
            feed.add_item(
                # plain text, in Atom's summary of type html
                title=view.title.text, link=view.absolute_url, description=escape(summary),
                unique_id=f"{view.absolute_url}", pubdate=stamp, updateddate=stamp,
                categories=[view.kind_label],
            )
        target = Path(self.output_path, self.feed_path(code))
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8") as handle:
            feed.write(handle, "utf-8")
