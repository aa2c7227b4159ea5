"""The content types editors write in YAML, declared once.

These pydantic models validate `content/<type>/<slug>.yaml`, are what the
templates receive, and are exported as JSON Schema (`make schemas`) for the
editors' code editors. The agenda builds on `Event`:

    from llv_content.schema import Event
    from llv_content.store import content_store
    events = content_store(settings).items("event")   # validated Event objects

Text that differs per language is a `{fr: …, en: …}` mapping (LocalizedText):
the default language is required, the others optional (the page then shows
the default language's text, marked with its `lang`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StrictInt,
    StrictStr,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .errors import describe, did_you_mean
from .vocabulary import (
    EVENT_KINDS,
    EVENT_RUN_BY,
    EVENT_STATUSES,
    PARTNER_KINDS,
    PARTNER_ROLES,
    PROGRAMMES,
    SECTORS,
    SOCIAL_NETWORKS,
    STARTUP_STATUSES,
    Vocabulary,
)

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
LANG_PATTERN = r"^[a-z]{2,3}$"


def _fail(kind: str, message: str):
    raise PydanticCustomError(kind, message)


# --- simple values ----------------------------------------------------------------


def _check_text(value: str) -> str:
    value = value.strip()
    if not value:
        _fail("empty", "expected some text, found an empty value")
    return value


Text = Annotated[StrictStr, AfterValidator(_check_text)]


def _check_slug(value: str) -> str:
    if not re.match(SLUG_PATTERN, value):
        _fail("slug", f"expected lowercase letters, digits and hyphens (like `web-diffuz`), found {value!r}")
    return value


Slug = Annotated[StrictStr, AfterValidator(_check_slug),
                 WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN})]


def _check_url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or "." not in parts.netloc or " " in value.strip():
        _fail("url", f"expected a web address starting with https://, found {value!r}")
    return value.strip()


Url = Annotated[StrictStr, AfterValidator(_check_url),
                WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})]


def _check_year(value: int) -> int:
    if not 1900 <= value <= 2100:
        _fail("year", f"expected a year like 2014, found {value}")
    return value


Year = Annotated[StrictInt, AfterValidator(_check_year),
                 WithJsonSchema({"type": "integer", "minimum": 1900, "maximum": 2100})]


def _check_relative_path(value: str) -> str:
    path = PurePosixPath(value)
    if path.is_absolute() or ".." in path.parts or "\\" in value:
        _fail("path", f"expected a path inside content/ like `images/logos/wezaart.png`, found {value!r}")
    return value


def number_between(low: float | None = None, high: float | None = None):
    def check(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            _fail("number", f"expected a number, found {describe(value)}")
        if (low is not None and value < low) or (high is not None and value > high):
            span = f"between {low} and {high}" if high is not None else f"at least {low}"
            _fail("number", f"expected a number {span}, found {value}")
        return value

    schema = {"type": "number"}
    if low is not None:
        schema["minimum"] = low
    if high is not None:
        schema["maximum"] = high
    return Annotated[float, PlainValidator(check), WithJsonSchema(schema)]


def _check_price(value):
    if value == "free":
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        _fail("price", f"expected a price in euros (like 12.5) or `free`, found {describe(value)}")
    return value


Price = Annotated[object, PlainValidator(_check_price),
                  WithJsonSchema({"oneOf": [{"const": "free"}, {"type": "number", "minimum": 0}]})]

ContentPath = Annotated[StrictStr, AfterValidator(_check_relative_path)]


def term_of(vocabulary: Vocabulary):
    """A value from a closed list, with 'did you mean' on a misspelling."""

    def check(value):
        if not isinstance(value, str) or value not in vocabulary.values:
            hint = did_you_mean(value, vocabulary.values) if isinstance(value, str) else ""
            _fail("vocabulary",
                  f"unknown {vocabulary.name} {describe(value)}{hint}; expected one of: "
                  + ", ".join(vocabulary.values))
        return value

    return Annotated[str, PlainValidator(check),
                     WithJsonSchema({"type": "string", "enum": vocabulary.values})]


Sector = term_of(SECTORS)
Programme = term_of(PROGRAMMES)
StartupStatus = term_of(STARTUP_STATUSES)
PartnerKind = term_of(PARTNER_KINDS)
PartnerRoleName = term_of(PARTNER_ROLES)
EventRunBy = term_of(EVENT_RUN_BY)
SocialNetwork = term_of(SOCIAL_NETWORKS)
EventKind = term_of(EVENT_KINDS)
EventStatus = term_of(EVENT_STATUSES)


# --- text in several languages ----------------------------------------------------


def _check_localized(value: dict, info: ValidationInfo) -> dict:
    context = info.context or {}
    languages = context.get("languages")
    default = context.get("default_lang")
    if languages:
        for code in value:
            if code not in languages:
                _fail("language",
                      f"unknown language `{code}`{did_you_mean(code, languages)}; "
                      f"expected one of: {', '.join(languages)}")
    if default and default not in value:
        _fail("missing_language", f"the `{default}` text is required (the other languages are optional)")
    return value


LocalizedText = Annotated[dict[Annotated[StrictStr, Field(pattern=LANG_PATTERN)], Text],
                          AfterValidator(_check_localized),
                          Field(json_schema_extra={"x-llv-localized": True})]


def _check_name(value, info: ValidationInfo) -> dict:
    """A name written once (`Orange`) or per language (`fr: État` / `en: French State`),
    kept as a text per language."""
    if isinstance(value, str):
        default = (info.context or {}).get("default_lang", "fr")
        return {default: _check_text(value)}
    if not isinstance(value, dict):
        _fail("name", f"expected a name, or a name per language (`fr: …` and `en: …` on "
              f"their own lines), found {describe(value)}")
    for code, text in value.items():
        if not isinstance(code, str) or not isinstance(text, str) or not text.strip():
            _fail("name", f"expected a name for `{code}`, found {describe(text)}")
    return _check_localized({code: text.strip() for code, text in value.items()}, info)


LocalizedName = Annotated[object, PlainValidator(_check_name), WithJsonSchema({
    "anyOf": [{"type": "string", "minLength": 1}, {"x-llv-localized": True}],
    "description": "The name, or the name per language when it has a translation",
})]


# --- dates of events --------------------------------------------------------------

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
_LOCAL = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")
PARIS = ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class When:
    """A moment as precise as the editor knows it: year, month, day or minute.

    `value` is local time in Europe/Paris (naive); a month or a year keeps
    its precision and stays out of calendars (no day is invented).
    """

    value: dt.datetime
    precision: Literal["year", "month", "day", "minute"]

    @property
    def has_day(self) -> bool:
        return self.precision in ("day", "minute")

    @property
    def has_time(self) -> bool:
        return self.precision == "minute"

    def aware(self, zone=PARIS) -> dt.datetime:
        return self.value.replace(tzinfo=zone)


def parse_when(value) -> When:
    if isinstance(value, When):
        return value
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(PARIS).replace(tzinfo=None)
        return When(value, "minute")
    if isinstance(value, dt.date):
        return When(dt.datetime(value.year, value.month, value.day), "day")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        text = value.strip()
        match = _PARTIAL.match(text)
        try:
            if match:
                year, month = int(match[1]), match[2]
                if month is None:
                    return When(dt.datetime(_check_year(year), 1, 1), "year")
                return When(dt.datetime(_check_year(year), int(month), 1), "month")
            match = _LOCAL.match(text)
            if match:
                day = dt.date.fromisoformat(match[1])
                moment = dt.datetime(day.year, day.month, day.day, int(match[2]), int(match[3]))
                return When(moment, "minute")
            moment = dt.datetime.fromisoformat(text)
            return parse_when(moment)
        except (ValueError, PydanticCustomError):
            pass
    _fail("date", "expected a date like 2022-10-14, 2022-10-14 18:30, 2022-10 or 2022, "
          f"found {describe(value)}")


WhenField = Annotated[When, PlainValidator(parse_when), WithJsonSchema({
    "type": ["string", "integer"],
    "description": "2022-10-14 18:30 (local time, Europe/Paris), 2022-10-14, 2022-10 or 2022",
})]


# --- content types -----------------------------------------------------------------


class ContentModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WithLogo(ContentModel):
    logo: ContentPath | None = Field(None, description="Path of the logo inside content/, e.g. images/logos/wezaart.png")
    logo_alt: LocalizedText | None = Field(None, description="Text alternative of the logo (default: the name)")


class Startup(WithLogo):
    """A start-up supported by Louvre Lens Vallée."""

    name: Text
    slug: Slug
    website: Url | None = None
    social: dict[SocialNetwork, Url] = Field(default_factory=dict)
    founders: list[Text] = Field(default_factory=list)
    founded: Year | None = Field(None, description="Founding year of the company")
    cohort: Year | None = Field(None, description="Year of the call for projects that selected it")
    programme: Programme | None = None
    status: StartupStatus | None = None
    sectors: list[Sector] = Field(default_factory=list)
    pitch: LocalizedText = Field(description="One or two sentences per language")


class PartnerRole(ContentModel):
    """Something a partner did for Louvre Lens Vallée, with when and according to whom."""

    role: PartnerRoleName
    period: LocalizedText = Field(description="When it was true: `2013`, `en 2022`, `à ses débuts`…")
    source: LocalizedText = Field(description="The document that says so")


class Partner(WithLogo):
    """A partner of Louvre Lens Vallée (founding member, institution, company…)."""

    name: LocalizedName
    slug: Slug
    website: Url | None = None
    kind: PartnerKind
    description: LocalizedText
    roles: list[PartnerRole] = Field(
        default_factory=list, description="Initiator, funder…: each role dated and sourced")


class Place(ContentModel):
    name: Text
    address: Text | None = None
    latitude: number_between(-90, 90) | None = None
    longitude: number_between(-180, 180) | None = None


class Event(ContentModel):
    """An event of the agenda (pages come with the agenda)."""

    slug: Slug
    kind: EventKind
    title: LocalizedText
    description: LocalizedText | None = None
    start: WhenField
    end: WhenField | None = None
    place: Place | None = None
    online: Url | None = Field(None, description="Link of an online event")
    registration: Url | None = None
    price: Price | None = Field(None, description="Price in euros, or `free`")
    languages: list[Annotated[StrictStr, Field(pattern=LANG_PATTERN)]] = Field(default_factory=list)
    run_by: EventRunBy = Field("not-stated", description=(
        "`llv` only when a source says Louvre Lens Vallée runs it; `local` for a local event "
        "it does not run"))
    source: LocalizedText | None = Field(None, description="Where the event is documented")
    organisers: list[Slug] = Field(default_factory=list, description="Slugs of partners or start-ups")
    partners: list[Slug] = Field(default_factory=list)
    startups: list[Slug] = Field(default_factory=list)
    status: EventStatus = "scheduled"
    opens: WhenField | None = Field(None, description="Call for projects: opening date")
    closes: WhenField | None = Field(None, description="Call for projects: closing deadline")

    @model_validator(mode="after")
    def _coherent(self):
        if self.end is not None and self.end.value < self.start.value:
            _fail("end", "the end is before the start")
        if (self.opens is None) != (self.closes is None):
            _fail("call", "a call for projects needs both `opens` (opening date) and `closes` "
                  "(deadline); a past call whose dates are unknown has neither")
        if self.opens is not None:
            if self.kind != "call-for-projects":
                _fail("call_kind", "`opens` and `closes` are for a call for projects "
                      "(kind: call-for-projects)")
            if self.closes.value < self.opens.value:
                _fail("call", "`closes` is before `opens`")
        return self

    @property
    def is_all_day(self) -> bool:
        return self.start.precision == "day"

    @property
    def in_calendar(self) -> bool:
        """Only events known to the day go into calendars."""
        return self.start.has_day


class PageFrontMatter(ContentModel):
    """Front matter of content/pages/<key>.<lang>.md."""

    title: Text
    slug: Slug
    summary: Text
    menu: Text | None = None
    template: Text | None = None


class NewsFrontMatter(ContentModel):
    """Front matter of content/news/<key>.<lang>.md."""

    title: Text
    slug: Slug
    summary: Text
    date: WhenField
    startups: list[Slug] = Field(default_factory=list, description="Slugs of the start-ups this news is about")



# --- legal facts (content/data/legal.yaml) -------------------------------------------

# A legal fact the sources do not give is left empty: the pages show it "à compléter",
# the build lists it, and `make deploy` refuses to upload until it is filled.
TO_FILL = "x-llv-to-fill"
_TO_FILL = Field(json_schema_extra={TO_FILL: True})


def _check_pattern(pattern: str, example: str, what: str):
    def check(value: str) -> str:
        value = value.strip()
        if not re.match(pattern, value):
            _fail(what, f"expected {what} like `{example}`, found {value!r}")
        return value

    return Annotated[StrictStr, AfterValidator(check),
                     WithJsonSchema({"type": "string", "pattern": pattern})]


Email = _check_pattern(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", "contact@louvrelensvallee.com",
                       "an e-mail address")
Phone = _check_pattern(r"^\+?[0-9][0-9 .-]{5,}$", "+33 3 21 21 62 16", "a phone number")
RnaNumber = _check_pattern(r"^W[0-9]{9}$", "W623001234", "an RNA number (W and 9 digits)")


def _check_date(value) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    _fail("date", f"expected a date like 2013-07-02, found {describe(value)}")


Date = Annotated[dt.date, PlainValidator(_check_date),
                 WithJsonSchema({"type": "string", "format": "date"})]


def phone_uri(phone: str) -> str:
    """`tel:+33321216216` from `+33 3 21 21 62 16`."""
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


class PostalAddress(ContentModel):
    street: Text
    postcode: Text
    city: Text
    country: Text

    def __str__(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}, {self.country}"


class Publisher(ContentModel):
    name: Text
    legal_form: LocalizedText = Field(description="e.g. association régie par la loi du 1er juillet 1901")
    declared_on: Date = Field(description="Date of the association's declaration")
    declared_at: LocalizedText = Field(description="Where it was declared (sous-préfecture…)")
    rna: Annotated[RnaNumber | None, _TO_FILL] = Field(
        None, description="Number in the Répertoire national des associations (W + 9 digits)")
    registered_office: Annotated[Text | None, _TO_FILL] = Field(
        None, description="Registered office (siège social) as declared, on one line")
    address: PostalAddress = Field(description="Postal address")
    phone: Phone
    email: Annotated[Email | None, _TO_FILL] = Field(
        None, description="Contact e-mail (questions, personal data, accessibility)")
    website: Url


class PublicationDirector(ContentModel):
    name: Annotated[Text | None, _TO_FILL] = None
    title: Annotated[LocalizedText | None, _TO_FILL] = Field(
        None, description="Their function, e.g. présidente de l'association")


class Host(ContentModel):
    name: Annotated[Text | None, _TO_FILL] = Field(None, description="Company name of the host")
    address: Annotated[Text | None, _TO_FILL] = Field(None, description="Its address, on one line")
    phone: Annotated[Phone | None, _TO_FILL] = None
    data_location: Annotated[LocalizedText | None, _TO_FILL] = Field(
        None, description="Where the servers that serve the site and keep its logs are")
    log_retention: Annotated[LocalizedText | None, _TO_FILL] = Field(
        None, description="How long the server logs are kept, e.g. 12 mois")


class AccessibilityFacts(ContentModel):
    statement_date: Date = Field(description="Date the accessibility statement was drawn up")
    multiyear_plan: Url | None = Field(None, description="Published multi-year accessibility plan")
    action_plan: Url | None = Field(None, description="Published action plan of the year")


class LegalFacts(ContentModel):
    """content/data/legal.yaml: what the legal notice, the personal data page and the
    accessibility statement say about the publisher, the host and the site."""

    publisher: Publisher
    publication_director: PublicationDirector
    host: Host
    data_controller: Annotated[Text | None, _TO_FILL] = Field(
        None, description="Who decides what the site does with personal data")
    accessibility: AccessibilityFacts


def fact_names(model: type[BaseModel] = LegalFacts, prefix: str = "") -> list[str]:
    """Every fact of the file as a dotted name (`host.name`), in the file's order."""
    names = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, ContentModel) \
                and annotation is not PostalAddress:
            names.extend(fact_names(annotation, f"{prefix}{name}."))
        else:
            names.append(prefix + name)
    return names


def facts_to_fill(model: type[BaseModel] = LegalFacts, prefix: str = "") -> list[str]:
    """The dotted names of the facts that may be left empty (to fill)."""
    names = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, ContentModel):
            names.extend(facts_to_fill(annotation, f"{prefix}{name}."))
        elif (info.json_schema_extra or {}).get(TO_FILL):
            names.append(prefix + name)
    return names


def fact_value(facts: LegalFacts, name: str):
    value = facts
    for part in name.split("."):
        value = getattr(value, part)
    return value


def missing_facts(facts: LegalFacts) -> list[str]:
    """The facts still to fill, in the file's order."""
    return [name for name in facts_to_fill() if fact_value(facts, name) is None]
