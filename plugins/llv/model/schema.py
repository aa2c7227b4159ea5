"""The content types editors write in YAML, declared once.

These pydantic models validate `content/<type>/<slug>.yaml`, are what the
templates receive, and are exported as JSON Schema (`make schemas`) for the
editors' code editors. The agenda builds on `Event`:

    from llv.model.schema import Event
    from llv.model.store import content_store
    events = content_store(settings).items("event")   # validated Event objects

Text that differs per language is a `{fr: …, en: …}` mapping (LocalizedText):
the default language is required, the others optional (the page then shows
the default language's text, marked with its `lang`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Annotated, ClassVar, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
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

from llv.i18n.core import N_
from llv.model.characters import REFUSED_IN_FIELDS, refusal
from llv.model.errors import describe, did_you_mean
from llv.model.vocabulary import (
    EVENT_KINDS,
    EVENT_RUN_BY,
    EVENT_STATUSES,
    PAGE_TEMPLATES as PAGE_TEMPLATE_VOCABULARY,
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

# What a form can check before the build does: each pattern with the message the
# build gives (the JSON Schema's `pattern` and `patternErrorMessage`, which code
# editors and the CMS at /admin/ show). The patterns are written for both Python
# and JavaScript regular expressions. The messages are marked N_ so that the CMS
# gives them in French (the theme's catalogues).
TEXT_PATTERN = r"\S"
TEXT_MESSAGE = N_("expected some text, found an empty value")
SLUG_MESSAGE = N_("expected lowercase letters, digits and hyphens (like `web-diffuz`)")
URL_PATTERN = r"^\s*https?://[^\s/?#]*\.[^\s/?#]*([/?#]\S*)?\s*$"
URL_MESSAGE = N_("expected a web address starting with https://")
WHEN_PATTERN = r"^\d{4}(-\d{2}(-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?)?)?)?$"
WHEN_MESSAGE = N_("expected a date like 2022-10-14, 2022-10-14 18:30, 2022-10 or 2022")
PRICE_PATTERN = r"^(free|\d+(\.\d+)?)$"
PRICE_MESSAGE = N_("expected a price in euros (like 12.5) or `free`")


def form_check(pattern: str, message: str) -> dict:
    return {"pattern": pattern, "patternErrorMessage": message}


def _fail(kind: str, message: str):
    raise PydanticCustomError(kind, message)


# --- simple values ----------------------------------------------------------------


def _check_characters(value: str) -> str:
    """No character an editor cannot see (llv.model.characters) in a one-line field."""
    found = REFUSED_IN_FIELDS.search(value)
    if found:
        _fail("invisible_character", f"{refusal(found[0])} (position {found.start() + 1})")
    return value


def _check_text(value: str) -> str:
    value = value.strip()
    if not value:
        _fail("empty", TEXT_MESSAGE)
    return _check_characters(value)


def _check_length(value: str, max_length: int) -> str:
    if len(value) > max_length:
        _fail("too_long", f"expected at most {max_length} characters, found {len(value):,}:"
              " make it shorter")
    return value


def text_of(max_length: int):
    """Text of at most `max_length` characters (a sane limit per field)."""

    def check(value: str) -> str:
        return _check_length(_check_text(value), max_length)

    return Annotated[StrictStr, AfterValidator(check),
                     WithJsonSchema({"type": "string", "minLength": 1, "maxLength": max_length,
                                     **form_check(TEXT_PATTERN, TEXT_MESSAGE)})]


# Names, titles, summaries and addresses reach calendars, feeds and the page's
# head, where a line break ends the field: they hold one line.
LINE_PATTERN = r"^[^\r\n]*\S[^\r\n]*$"
LINE_MESSAGE = N_("expected some text on one line")


def _check_single_line(value: str) -> str:
    found = re.search(r"[\r\n]", value)
    if found:
        _fail("line_break", f"expected one line, found a line break (position {found.start() + 1}):"
              " write the text on one line")
    return value


def line_of(max_length: int):
    """One line of text (no line break) of at most `max_length` characters."""

    def check(value: str) -> str:
        return _check_single_line(_check_length(_check_text(value), max_length))

    return Annotated[StrictStr, AfterValidator(check),
                     WithJsonSchema({"type": "string", "minLength": 1, "maxLength": max_length,
                                     **form_check(LINE_PATTERN, LINE_MESSAGE)})]


# Limits per kind of text, well above what the site holds today.
NAME_LENGTH, TITLE_LENGTH, MENU_LENGTH, SUMMARY_LENGTH = 150, 200, 40, 300
SHORT_TEXT_LENGTH, ADDRESS_LENGTH, URL_LENGTH, PATH_LENGTH, SLUG_LENGTH = 1000, 300, 2000, 300, 80
Name = line_of(NAME_LENGTH)
Title = line_of(TITLE_LENGTH)
Text = text_of(SHORT_TEXT_LENGTH)


def _check_slug(value: str) -> str:
    if len(value) > SLUG_LENGTH:
        _fail("slug", f"expected at most {SLUG_LENGTH} characters, found {len(value):,}")
    if not re.fullmatch(SLUG_PATTERN, value):
        _fail("slug", f"{SLUG_MESSAGE}, found {value!r}")
    return value


Slug = Annotated[StrictStr, AfterValidator(_check_slug),
                 WithJsonSchema({"type": "string", "maxLength": SLUG_LENGTH,
                                 **form_check(SLUG_PATTERN, SLUG_MESSAGE)})]


def _check_url(value: str) -> str:
    value = value.strip()
    if len(value) > URL_LENGTH:
        _fail("url", f"expected a web address of at most {URL_LENGTH} characters, found {len(value):,}")
    parts = urlsplit(value)
    if (parts.scheme not in ("http", "https") or "." not in parts.netloc
            or any(c.isspace() or not c.isprintable() for c in value)):
        _fail("url", f"{URL_MESSAGE}, found {describe(value)}")
    return value


Url = Annotated[StrictStr, AfterValidator(_check_url),
                WithJsonSchema({"type": "string", "format": "uri", "maxLength": URL_LENGTH,
                                **form_check(URL_PATTERN, URL_MESSAGE)})]


def _check_year(value: int) -> int:
    if not 1900 <= value <= 2100:
        _fail("year", f"expected a year like 2014, found {value}")
    return value


Year = Annotated[StrictInt, AfterValidator(_check_year),
                 WithJsonSchema({"type": "integer", "minimum": 1900, "maximum": 2100})]


WHOLE_NUMBER_MESSAGE = "expected a whole number without spaces or units, like 3000"


def _check_whole_number(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        _fail("whole_number", f"{WHOLE_NUMBER_MESSAGE}, found {describe(value)}")
    return value


WholeNumber = Annotated[int, PlainValidator(_check_whole_number),
                        WithJsonSchema({"type": "integer", "minimum": 0})]


def _check_relative_path(value: str) -> str:
    path = PurePosixPath(value)
    if (path.is_absolute() or ".." in path.parts or "\\" in value or len(value) > PATH_LENGTH
            or any(not c.isprintable() for c in value)):
        _fail("path", "expected a path inside content/ like `images/logos/wezaart.png`,"
              f" found {describe(value)}")
    return value


def number_between(low: float | None = None, high: float | None = None):
    def check(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
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
    if isinstance(value, str) and re.match(PRICE_PATTERN, value):  # as a form writes it
        value = float(value)
    if (isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value)
            or not 0 <= value <= 1_000_000):
        _fail("price", f"{PRICE_MESSAGE}, found {describe(value)}")
    return value


Price = Annotated[object, PlainValidator(_check_price), WithJsonSchema({
    "oneOf": [{"const": "free"}, {"type": "number", "minimum": 0},
              {"type": "string", "pattern": r"^\d+(\.\d+)?$"}],
    **form_check(PRICE_PATTERN, PRICE_MESSAGE),
})]

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


# The templates a page may ask for, when the validation context does not say
# (llv.model.store adds the PAGE_TEMPLATES setting's).
PAGE_TEMPLATES = tuple(PAGE_TEMPLATE_VOCABULARY.values)


def _check_template(value: str, info: ValidationInfo) -> str:
    known = list((info.context or {}).get("page_templates") or PAGE_TEMPLATES)
    if value not in known:
        _fail("template", f"unknown page template {describe(value)}{did_you_mean(value, known)};"
              f" expected one of: {', '.join(known)}")
    return value


PageTemplate = Annotated[StrictStr, AfterValidator(_check_template),
                         WithJsonSchema({"type": "string", "enum": list(PAGE_TEMPLATES)})]


# --- text in several languages ----------------------------------------------------


def _check_localized(value: dict, info: ValidationInfo, every_language: bool = False) -> dict:
    context = info.context or {}
    languages = context.get("languages")
    default = context.get("default_lang")
    if languages:
        for code in value:
            if code not in languages:
                _fail("language",
                      f"unknown language `{code}`{did_you_mean(code, languages)}; "
                      f"expected one of: {', '.join(languages)}")
    missing = [code for code in languages or () if code not in value]
    if every_language and missing:
        _fail("missing_language", f"write the text in every language ({', '.join(missing)} "
              f"missing), e.g. `{missing[0]}: ...` on its own indented line")
    if default and default not in value:
        _fail("missing_language", f"the `{default}` text is required (the other languages are optional)")
    return value


def _check_every_language(value: dict, info: ValidationInfo) -> dict:
    return _check_localized(value, info, every_language=True)


def _expect_texts(value, info: ValidationInfo):
    if not isinstance(value, dict):
        code = ((info.context or {}).get("languages") or ["fr"])[0]
        _fail("localized", f"write the text per language, e.g. `{code}: ...` on its own indented"
              f" line, found {describe(value)}")
    return value


def localized(text_type, every_language: bool = False):
    """A text per language (`fr: …`, `en: …`), each of `text_type`: the default
    language's required, or every language's (`every_language`)."""
    return Annotated[dict[Annotated[StrictStr, Field(pattern=LANG_PATTERN)], text_type],
                     BeforeValidator(_expect_texts),
                     AfterValidator(_check_every_language if every_language else _check_localized),
                     Field(json_schema_extra={"x-llv-localized": "every" if every_language else True})]


LocalizedText = localized(Text)
LocalizedTitle = localized(Title)


def _check_name(value, info: ValidationInfo) -> dict:
    """A name written once (`Orange`) or per language (`fr: État` / `en: French State`),
    kept as a text per language."""
    def checked(text: str) -> str:
        return _check_single_line(_check_length(_check_text(text), NAME_LENGTH))

    if isinstance(value, str):
        return {(info.context or {}).get("default_lang", "fr"): checked(value)}
    if not isinstance(value, dict):
        _fail("name", f"expected a name, or a name per language (`fr: …` and `en: …` on "
              f"their own lines), found {describe(value)}")
    for code, text in value.items():
        if not isinstance(code, str) or not isinstance(text, str) or not text.strip():
            _fail("name", f"expected a name for `{code}`, found {describe(text)}")
    return _check_localized({code: checked(text) for code, text in value.items()}, info)


LocalizedName = Annotated[object, PlainValidator(_check_name), WithJsonSchema({
    "anyOf": [{"type": "string", "minLength": 1, "maxLength": NAME_LENGTH},
              {"x-llv-localized": True}],
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

def parse_when(value) -> When:
    try:
        when = _parse_when(value)
    except OverflowError:  # a time zone pushing year 1 or 9999 out of range
        when = None
    if when is None or not 1900 <= when.value.year <= 2100:
        _fail("date", f"expected a date between 1900 and 2100, found {describe(value)}")
    if when.has_time:
        _check_paris_time(when.value)
    return when


def _check_paris_time(moment: dt.datetime) -> None:
    """Refuse a local time the clocks skip (spring) or show twice (autumn)."""
    first, second = (moment.replace(fold=fold, tzinfo=PARIS) for fold in (0, 1))
    shown = moment.strftime("%Y-%m-%d %H:%M")
    if first.utcoffset() == second.utcoffset():
        return
    if first.utcoffset() < second.utcoffset():  # in the gap: 02:30 is never shown
        _fail("date", f"{shown} does not exist in Paris: that night the clocks go forward"
              " from 02:00 to 03:00; write a time from 03:00")
    _fail("date", f"{shown} happens twice in Paris: that night the clocks go back from 03:00"
          " to 02:00, and a calendar cannot tell which is meant; write a time before 02:00"
          " or from 03:00")


def _parse_when(value) -> When:
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
        match = _PARTIAL.fullmatch(text)
        try:
            if match:
                year, month = int(match[1]), match[2]
                if month is None:
                    return When(dt.datetime(_check_year(year), 1, 1), "year")
                return When(dt.datetime(_check_year(year), int(month), 1), "month")
            match = _LOCAL.fullmatch(text)
            if match:
                day = dt.date.fromisoformat(match[1])
                moment = dt.datetime(day.year, day.month, day.day, int(match[2]), int(match[3]))
                return When(moment, "minute")
            moment = dt.datetime.fromisoformat(text)
            return _parse_when(moment)
        except (ValueError, PydanticCustomError):
            pass
    _fail("date", f"{WHEN_MESSAGE}, found {describe(value)}")


WhenField = Annotated[When, PlainValidator(parse_when), WithJsonSchema({
    "type": ["string", "integer"],
    "description": "2022-10-14 18:30 (local time, Europe/Paris), 2022-10-14, 2022-10 or 2022",
    **form_check(WHEN_PATTERN, WHEN_MESSAGE),
})]

PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
PARTIAL_DATE_MESSAGE = N_("expected a date like 2022-10-14, or 2022-10 or 2022 when only the"
                          " month or year is known")


def _check_partial_date(value) -> When:
    """A day, a month or a year (parse_when's), never a time of day."""
    try:
        when = parse_when(value)
    except PydanticCustomError:
        when = None
    if when is None or when.has_time:
        _fail("date", f"{PARTIAL_DATE_MESSAGE}, found {describe(value)}")
    return when


PartialDate = Annotated[When, PlainValidator(_check_partial_date), WithJsonSchema({
    "type": ["string", "integer"], "minimum": 1900, "maximum": 2100,
    "description": "2022-10-14, or 2022-10 or 2022 when only the month or year is known",
    **form_check(PARTIAL_DATE_PATTERN, PARTIAL_DATE_MESSAGE),
})]


# --- content types -----------------------------------------------------------------


class ContentModel(BaseModel):
    """Every field declares its French label (`title`) and help (`description`):
    the CMS at /admin/ and the JSON Schema show them to editors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def editors_note():
    """What editors should know about an item (why a field is left as it is):
    kept in the file, shown in the CMS, never on the site."""
    return Field(None, title="Note pour les éditeurs", json_schema_extra=shown_as("text"),
                 description="Ce que les éditeurs doivent savoir de cette fiche (pourquoi un "
                             "champ est vide, d'où vient une information) ; jamais affichée "
                             "sur le site")


def shown_as(widget: str) -> dict:
    """How a form shows a field when its type does not say: `text` (several
    lines), `image` (a file uploaded into content/images/), `hidden` (kept as
    written, not in the form)."""
    return {"x-llv-widget": widget}


class WithLogo(ContentModel):
    logo: ContentPath | None = Field(
        None, title="Logo", json_schema_extra=shown_as("image"),
        description="Un PNG à fond transparent ou un SVG. « Choisir une image » le range avec "
                    "les images du site, sous son nom : images/logo-wezaart.png")
    logo_alt: LocalizedName | None = Field(
        None, title="Texte alternatif du logo",
        description="Ce que montre le logo, par langue (par défaut : le nom)")


class Startup(WithLogo):
    """A start-up supported by Louvre Lens Vallée."""

    model_config = ConfigDict(title="Start-up")

    name: Name = Field(title="Nom", description="Nom de la start-up")
    slug: Slug = Field(title="Identifiant",
                       description="L'adresse de sa page, en minuscules, chiffres et tirets : "
                                   "web-diffuz donne /start-up/web-diffuz/")
    website: Url | None = Field(None, title="Site web",
                                description="Adresse complète, commençant par https://")
    social: dict[SocialNetwork, Url] = Field(
        default_factory=dict, title="Réseaux sociaux",
        description="Adresse complète de chaque profil, commençant par https://")
    founders: list[Name] = Field(default_factory=list, title="Fondateurs et fondatrices",
                                 description="Une personne par ligne : Prénom Nom")
    founded: Year | None = Field(None, title="Année de création",
                                 description="Année de création de l'entreprise (2015)")
    cohort: Year | None = Field(None, title="Promotion",
                                description="Année de l'appel à projets qui l'a retenue (2014)")
    programme: Programme | None = Field(None, title="Programme")
    status: StartupStatus | None = Field(None, title="Statut")
    sectors: list[Sector] = Field(default_factory=list, title="Secteurs")
    pitch: LocalizedText = Field(
        title="Accroche", json_schema_extra=shown_as("text"),
        description="Une ou deux phrases par langue ; le français est obligatoire")
    note: Text | None = editors_note()


class PartnerRole(ContentModel):
    """Something a partner did for Louvre Lens Vallée, with when and according to whom."""

    model_config = ConfigDict(title="Rôle")

    role: PartnerRoleName = Field(title="Rôle")
    period: LocalizedText = Field(
        title="Période", description="Quand c'était vrai : 2013, en 2022, à ses débuts…")
    source: LocalizedText = Field(title="Source", description="Le document qui le dit")


class Partner(WithLogo):
    """A partner of Louvre Lens Vallée (founding member, institution, company…)."""

    model_config = ConfigDict(title="Partenaire")

    name: LocalizedName = Field(
        title="Nom", description="Nom du partenaire, ou un nom par langue s'il a une traduction")
    slug: Slug = Field(title="Identifiant",
                       description="Minuscules, chiffres et tirets (universite-d-artois)")
    website: Url | None = Field(None, title="Site web",
                                description="Adresse complète, commençant par https://")
    kind: PartnerKind = Field(title="Type de partenaire",
                              description="Il range le partenaire sur la page Partenaires")
    description: LocalizedText = Field(
        title="Description", json_schema_extra=shown_as("text"),
        description="Une phrase par langue ; le français est obligatoire")
    roles: list[PartnerRole] = Field(
        default_factory=list, title="Rôles",
        description="Initiateur, financeur… : chaque rôle avec sa période et sa source")
    note: Text | None = editors_note()


class Place(ContentModel):
    model_config = ConfigDict(title="Lieu")

    name: Name = Field(title="Nom du lieu")
    address: line_of(ADDRESS_LENGTH) | None = Field(None, title="Adresse",
                                 description="84 rue Paul Bert, 62300 Lens")
    # Coordinates come with a place (never typed in the CMS's form).
    latitude: number_between(-90, 90) | None = Field(
        None, title="Latitude", description="En degrés décimaux (50.4318)",
        json_schema_extra=shown_as("hidden"))
    longitude: number_between(-180, 180) | None = Field(
        None, title="Longitude", description="En degrés décimaux (2.8314)",
        json_schema_extra=shown_as("hidden"))


# An event's rules across fields, which the CMS also checks before saving
# (theme/admin/admin.js, in French).
EVENT_END_MESSAGE = N_("the end is before the start")
CALL_DATES_MESSAGE = N_(
    "a call for projects needs both `opens` (opening date) and `closes` "
    "(deadline); a past call whose dates are unknown has neither")
CALL_KIND_MESSAGE = N_("`opens` and `closes` are for a call for projects "
                       "(kind: call-for-projects)")
CLOSES_MESSAGE = N_("`closes` is before `opens`")



class Event(ContentModel):
    """An event of the agenda (pages come with the agenda)."""

    model_config = ConfigDict(title="Événement")

    slug: Slug = Field(title="Identifiant",
                       description="Minuscules, chiffres et tirets, avec l'année "
                                   "(culturathon-2022)")
    kind: EventKind = Field(title="Type")
    title: LocalizedTitle = Field(title="Titre",
                                 description="Titre par langue ; le français est obligatoire")
    description: LocalizedText | None = Field(
        None, title="Description courte", json_schema_extra=shown_as("text"),
        description="Quelques phrases par langue (un texte long s'écrit à part, "
                    "dans « Agenda : textes longs »)")
    start: WhenField = Field(
        title="Début",
        description="Heure de Paris : 2022-10-14 18:30 ; journée entière : 2022-10-14 ; "
                    "si seul le mois ou l'année est connu : 2022-10 ou 2022")
    end: WhenField | None = Field(None, title="Fin",
                                  description="Même format que le début, pas avant lui")
    place: Place | None = Field(None, title="Lieu",
                                description="Le nom est obligatoire si un lieu est indiqué")
    online: Url | None = Field(None, title="Lien de l'événement en ligne",
                               description="Adresse complète, commençant par https://")
    registration: Url | None = Field(None, title="Lien d'inscription",
                                     description="Adresse complète, commençant par https://")
    price: Price | None = Field(None, title="Prix",
                                description="Gratuit, ou le montant en euros (12.5)")
    languages: list[Annotated[StrictStr, Field(pattern=LANG_PATTERN)]] = Field(
        default_factory=list, title="Langues parlées")
    run_by: EventRunBy = Field(
        "not-stated", title="Qui l'organise",
        description="Louvre Lens Vallée seulement si une source le dit ; « local » pour un "
                    "événement du territoire qu'il n'organise pas")
    source: LocalizedText | None = Field(None, title="Source",
                                         description="Où l'événement est documenté")
    organisers: list[Slug] = Field(
        default_factory=list, title="Organisateurs",
        description="Identifiants de partenaires ou de start-up (universite-d-artois, wezaart)")
    partners: list[Slug] = Field(default_factory=list, title="Partenaires")
    startups: list[Slug] = Field(default_factory=list, title="Start-up")
    status: EventStatus = Field("scheduled", title="Statut",
                                description="Prévu, sauf annulation, report ou passage en ligne")
    opens: WhenField | None = Field(
        None, title="Ouverture de l'appel",
        description="Appel à projets seulement : date d'ouverture, toujours avec la date limite")
    closes: WhenField | None = Field(
        None, title="Date limite de l'appel",
        description="Appel à projets seulement : date limite des candidatures")
    note: Text | None = editors_note()

    @model_validator(mode="after")
    def _coherent(self):
        if self.end is not None and self.end.value < self.start.value:
            _fail("end", EVENT_END_MESSAGE)
        if (self.opens is None) != (self.closes is None):
            _fail("call", CALL_DATES_MESSAGE)
        if self.opens is not None:
            if self.kind != "call-for-projects":
                _fail("call_kind", CALL_KIND_MESSAGE)
            if self.closes.value < self.opens.value:
                _fail("call", CLOSES_MESSAGE)
        return self

    @property
    def in_calendar(self) -> bool:
        """Only events known to the day go into calendars."""
        return self.start.has_day


# A field written once, in the default language's file, for all its translations.
FROM_TWIN = {"x-llv-from-twin": True}


# The documents a text's facts come from, shown once at the end of the page.
SOURCES = {"title": "Sources", "description": "Un document par ligne : ce qu'il dit, sa nature "
           "et sa date (« Dates d'ouverture : article de presse, novembre 2014 »)"}


class PageFrontMatter(ContentModel):
    """Front matter of content/pages/<key>.<lang>.md."""

    model_config = ConfigDict(title="Page")

    title: Title = Field(title="Titre")
    slug: Slug = Field(title="Identifiant",
                       description="L'adresse de la page dans cette langue : "
                                   "a-propos donne /a-propos/")
    summary: line_of(SUMMARY_LENGTH) = Field(
        title="Résumé", json_schema_extra=shown_as("text"),
        description="Une phrase de 80 à 160 caractères, que montrent les moteurs de recherche")
    menu: line_of(MENU_LENGTH) | None = Field(None, title="Libellé du menu",
                              description="Facultatif : un libellé court pour la navigation")
    template: PageTemplate | None = Field(None, title="Gabarit",
                                  description="Réservé aux développeurs (home : la page d'accueil)")
    sources: list[Text] = Field(default_factory=list, **SOURCES)


class NewsFrontMatter(ContentModel):
    """Front matter of content/news/<key>.<lang>.md."""

    model_config = ConfigDict(title="Actualité")

    title: Title = Field(title="Titre")
    slug: Slug = Field(title="Identifiant",
                       description="L'adresse de l'actualité dans cette langue, en minuscules, "
                                   "chiffres et tirets")
    summary: line_of(SUMMARY_LENGTH) = Field(
        title="Résumé", json_schema_extra=shown_as("text"),
        description="Une phrase de 80 à 160 caractères, reprise dans les listes et les flux")
    # Written once, in the default language's file: a translation that leaves them
    # out takes its twin's (reader.take_from_twin); the default language's needs a date.
    date: WhenField | None = Field(
        None, title="Date", json_schema_extra=FROM_TWIN,
        description="2022-10-14, ou 2022-10 ou 2022 si seul le mois ou l'année est connu. "
                    "Une actualité datée de demain est publiée demain. Écrite en français, "
                    "elle vaut pour la traduction")
    startups: list[Slug] = Field(default_factory=list, title="Start-up concernées",
                                 json_schema_extra=FROM_TWIN,
                                 description="L'actualité apparaît sur leur page")
    sources: list[Text] = Field(default_factory=list, **SOURCES)


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
Phone = _check_pattern(r"^\+?[0-9][0-9 .-]{5,}$", "+33 1 23 45 67 89", "a phone number")
RnaNumber = _check_pattern(r"^W[0-9]{9}$", "W623001234", "an RNA number (W and 9 digits)")


def _check_date(value) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    _fail("date", f"expected a date like 2013-07-02, found {describe(value)}")


Date = Annotated[dt.date, PlainValidator(_check_date),
                 WithJsonSchema({"type": "string", "format": "date"})]


def phone_uri(phone: str) -> str:
    """`tel:+33123456789` from `+33 1 23 45 67 89`."""
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


class PostalAddress(ContentModel):
    model_config = ConfigDict(title="Adresse postale")

    street: Text = Field(title="Rue", description="84 rue Paul Bert")
    postcode: Text = Field(title="Code postal", description="62300")
    city: Text = Field(title="Ville")
    country: Text = Field(title="Pays")

    def __str__(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}, {self.country}"


# Each legal fact says what it is for and where it shows, for the association's
# administrator who fills them in the CMS (docs/contenu.md, « Faits juridiques »).
class Publisher(ContentModel):
    model_config = ConfigDict(title="Éditeur du site")

    name: Text = Field(title="Nom", description="Le nom de l'association : mentions légales, "
                       "pied de page, page Contact")
    legal_form: LocalizedText = Field(
        title="Forme juridique", description="Par langue : « association régie par la loi du "
        "1er juillet 1901 » (mentions légales)")
    declared_on: Date = Field(title="Date de déclaration",
                              description="Date de déclaration de l'association, 2013-07-02 "
                                          "(mentions légales)")
    declared_at: LocalizedText = Field(
        title="Lieu de déclaration", description="Par langue : « sous-préfecture de Lens » "
        "(mentions légales)")
    rna: Annotated[RnaNumber | None, _TO_FILL] = Field(
        None, title="Numéro RNA",
        description="Numéro au Répertoire national des associations : W suivi de 9 chiffres, sur "
                    "le récépissé de déclaration (mentions légales)")
    registered_office: Annotated[Text | None, _TO_FILL] = Field(
        None, title="Siège social",
        description="Tel que déclaré dans les statuts, sur une ligne ; il peut différer de "
                    "l'adresse postale (mentions légales)")
    address: PostalAddress = Field(title="Adresse postale",
                                   description="Mentions légales, page Contact, pied de page")
    phone: Annotated[Phone | None, _TO_FILL] = Field(
        None, title="Téléphone",
        description="Le numéro de l'association, tel qu'elle le donne : page Contact, mentions "
                    "légales, déclaration d'accessibilité")
    email: Annotated[Email | None, _TO_FILL] = Field(
        None, title="Courriel de contact",
        description="Pour les questions, les données personnelles et l'accessibilité : page "
                    "Contact, mentions légales, données personnelles, accessibilité")
    website: Url = Field(title="Adresse du site", description="https://louvrelensvallee.com")


class PublicationDirector(ContentModel):
    model_config = ConfigDict(title="Direction de la publication")

    name: Annotated[Text | None, _TO_FILL] = Field(
        None, title="Nom", description="Prénom et nom de la personne qui dirige la publication, "
        "en général celle qui représente l'association (mentions légales)")
    title: Annotated[LocalizedText | None, _TO_FILL] = Field(
        None, title="Fonction", description="Par langue : « présidente de l'association » "
        "(mentions légales)")


class Host(ContentModel):
    model_config = ConfigDict(title="Hébergeur du site")

    name: Annotated[Text | None, _TO_FILL] = Field(
        None, title="Raison sociale", description="La société qui héberge le site, d'après le "
        "contrat d'hébergement (mentions légales, loi pour la confiance dans l'économie "
        "numérique, article 6)")
    address: Annotated[Text | None, _TO_FILL] = Field(
        None, title="Adresse", description="Son adresse, sur une ligne (mentions légales)")
    phone: Annotated[Phone | None, _TO_FILL] = Field(
        None, title="Téléphone", description="Son téléphone (mentions légales)")
    data_location: Annotated[LocalizedText | None, _TO_FILL] = Field(
        None, title="Lieu des serveurs",
        description="Par langue, le pays des serveurs qui diffusent le site et gardent ses "
                    "journaux : « France » (page Données personnelles)")
    log_retention: Annotated[LocalizedText | None, _TO_FILL] = Field(
        None, title="Durée de conservation des journaux",
        description="Par langue : « 12 mois » (page Données personnelles)")


class AccessibilityFacts(ContentModel):
    model_config = ConfigDict(title="Accessibilité")

    statement_date: Date = Field(title="Date de la déclaration",
                                 description="Jour où la déclaration d'accessibilité a été "
                                             "établie, 2026-11-21 (page Accessibilité)")
    multiyear_plan: Url | None = Field(
        None, title="Schéma pluriannuel", description="Son adresse s'il est publié ; sinon la "
        "page Accessibilité dit « aucun publié à ce jour »")
    action_plan: Url | None = Field(
        None, title="Plan d'action de l'année", description="Son adresse s'il est publié ; "
        "sinon la page Accessibilité dit « aucun publié à ce jour »")


class LegalFacts(ContentModel):
    """content/data/legal.yaml: what the legal notice, the personal data page and the
    accessibility statement say about the publisher, the host and the site."""

    model_config = ConfigDict(title="Faits juridiques")

    publisher: Publisher = Field(title="Éditeur du site")
    publication_director: PublicationDirector = Field(title="Direction de la publication")
    host: Host = Field(title="Hébergeur")
    data_controller: Annotated[Text | None, _TO_FILL] = Field(
        None, title="Responsable du traitement",
        description="Qui décide de l'usage des données personnelles du site (page Données "
                    "personnelles)")
    data_transfers: Annotated[LocalizedText | None, _TO_FILL] = Field(
        None, title="Transferts hors de l'Union européenne",
        description="Par langue : les données personnelles envoyées hors de l'Union européenne "
                    "(journaux du serveur, courriels) et leurs garanties, ou qu'il n'y en a pas "
                    "(page Données personnelles)")
    accessibility: AccessibilityFacts = Field(title="Accessibilité")
    note: Text | None = editors_note()


def fact_names(model: type[BaseModel] = LegalFacts, prefix: str = "") -> list[str]:
    """Every fact of the file as a dotted name (`host.name`), in the file's order."""
    names = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if name == "note":  # for editors, not a fact any page shows
            continue
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


# How a page marks a fact still to fill (`<mark data-missing-fact="host.name">`, llv.legal):
# the HTML policy lets texts carry it, `make deploy` refuses a site showing one.
MISSING_FACT_ATTRIBUTE = "data-missing-fact"


# --- key figures (content/data/key-figures.yaml) -------------------------------------


class KeyFigure(ContentModel):
    """A figure of the home page: real and dated, with its source."""

    model_config = ConfigDict(title="Chiffre")
    list_summary: ClassVar = ("value", "label")  # what a form's list shows of each figure

    value: WholeNumber = Field(title="Chiffre",
                               description="Un nombre entier, sans espace ni unité (3000)")
    label: localized(Text, every_language=True) = Field(
        title="Ce que le chiffre compte",
        description="Dans chaque langue (projets accompagnés depuis 2013)")
    as_of: PartialDate = Field(
        title="Vrai en",
        description="L'année (2022), le mois (2022-10) ou le jour (2022-10-01) où le chiffre "
                    "était vrai")
    source: localized(Text, every_language=True) = Field(
        title="Source", description="D'où vient le chiffre, dans chaque langue")


class KeyFigures(ContentModel):
    """content/data/key-figures.yaml: the home page's key figures."""

    model_config = ConfigDict(title="Chiffres clés de la page d'accueil")

    figures: list[KeyFigure] = Field(
        title="Chiffres",
        description="Dans l'ordre de la page. Chaque chiffre est réel et daté ; un chiffre plus "
                    "récent remplace l'ancien : changez ensemble le chiffre, la date et la source.")


# --- moved addresses (content/redirects.yaml) ----------------------------------------

# Each old address is a path of this site, each new one a path of this site or an https
# address on a host of the REDIRECT_HOSTS setting (the validation context's
# `redirect_hosts`). No space, no invisible character, no wildcard (`*`) or placeholder
# (`/:name`): a line of the `_redirects` file they become can only say "this path moved".
OLD_ADDRESS_PATTERN = r"^/(?!/)[^\s*?#]*$"
OLD_ADDRESS_MESSAGE = N_("the old address must be a path of this site starting with /, like /ancienne-page/")
NEW_ADDRESS_PATTERN = r"^(/(?!/)|https://)[^\s*]*$"
NEW_ADDRESS_MESSAGE = N_("the new address must start with / (a page of this site) or https://")


def _address_characters(value: str) -> str | None:
    if len(value) > URL_LENGTH:
        return f"is longer than {URL_LENGTH} characters"
    if any(c.isspace() or not c.isprintable() for c in value):
        return "holds a space, a line break or an invisible character"
    if "*" in value or "/:" in value:
        return "holds a wildcard (`*`) or a placeholder (`/:name`); write each address out"
    return None


def address_problem(value, old: bool, allowed_hosts=()) -> str | None:
    """What is wrong with an old (`old=True`) or new address, or None."""
    which = "the old address" if old else "the new address"
    if not isinstance(value, str):
        return f"{which} must be text, found {describe(value)}"
    shown = describe(value)
    problem = _address_characters(value)
    if problem:
        return f"{which} {shown} {problem}"
    if value.startswith("/") and not value.startswith("//"):
        if ".." in value.split("?")[0].split("#")[0].split("/"):
            return f"{which} {shown} holds `..`; write the path without it"
        if old and ("?" in value or "#" in value):
            return f"{which} {shown} must be a path, without `?` or `#`"
        return None
    if old:
        return f"{which} {shown} must be a path of this site starting with /, like /ancienne-page/"
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname or "@" in parts.netloc:
        return f"{which} {shown} must start with / (a page of this site) or https://"
    if parts.hostname.lower() not in {host.lower() for host in allowed_hosts}:
        listed = ", ".join(allowed_hosts) or "none yet"
        return (f"{which} leads to {parts.hostname}, which is not a host the site redirects to"
                f" (REDIRECT_HOSTS in pelicanconf.py: {listed}); ask a developer to add it")
    return None


def _address(old: bool):
    def check(value, info: ValidationInfo) -> str:
        problem = address_problem(value, old, (info.context or {}).get("redirect_hosts", ()))
        if problem:
            _fail("address", problem)
        return value

    pattern, message = ((OLD_ADDRESS_PATTERN, OLD_ADDRESS_MESSAGE) if old
                        else (NEW_ADDRESS_PATTERN, NEW_ADDRESS_MESSAGE))
    return Annotated[str, PlainValidator(check),
                     WithJsonSchema({"type": "string", "maxLength": URL_LENGTH,
                                     **form_check(pattern, message)})]


class Redirect(ContentModel):
    """An address that moved: visitors and search engines asking for it go to the new one."""

    model_config = ConfigDict(title="Redirection")
    list_summary: ClassVar = ("old", "new")

    old: _address(old=True) = Field(
        title="Ancienne adresse",
        description="Le chemin qui n'est plus une page du site : /ancienne-page/")
    new: _address(old=False) = Field(
        title="Nouvelle adresse",
        description="Le chemin de la page qui la remplace (/nouvelle-page/), ou une adresse "
                    "https:// d'un site que les développeurs ont autorisé")

    @model_validator(mode="after")
    def _elsewhere(self):
        if self.old == self.new.split("#")[0]:
            _fail("itself", f"{describe(self.old)} redirects to itself")
        return self


class Redirects(ContentModel):
    """content/redirects.yaml: the site's moved addresses (the `_redirects` file)."""

    model_config = ConfigDict(title="Adresses déplacées")

    redirects: list[Redirect] = Field(
        default_factory=list, title="Redirections",
        description="Quand une page change d'adresse, ajoutez l'ancienne et la nouvelle. "
                    "L'ancienne ne doit plus être une page du site ; la nouvelle doit en être une.")
