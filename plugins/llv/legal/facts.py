"""The facts of content/data/legal.yaml in pages (`{fact:…}`), in templates
(`LEGAL`), and the report of those still to fill."""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markupsafe import Markup, escape

from llv.common.reading import add_markdown_extension, current_source, line_of
from llv.directory.pages import pick
from llv.i18n.core import N_
from llv.i18n.dates import localized_date
from llv.i18n.languages import languages_from_settings
from llv.model.errors import ContentIssue, did_you_mean, log_issues
from llv.model.naming import text_file_name
from llv.model.schema import (
    MISSING_FACT_ATTRIBUTE, LegalFacts, PostalAddress, fact_names, fact_value, facts_to_fill,
    missing_facts, phone_uri,
)
from llv.model.store import content_store, display_path

log = logging.getLogger(__name__)

MISSING = N_("to be completed")
NONE_PUBLISHED = N_("none published to date")
PLACEHOLDER = re.compile(r"\{fact:\s*([A-Za-z_.]+)\s*\}")
_LINKS = {"email": "mailto:", "phone": "tel:"}
_URL_FACTS = ("website", "multiyear_plan", "action_plan")


# --- the file ------------------------------------------------------------------------


def legal_facts(settings) -> LegalFacts | None:
    """The validated facts, read with the other content (None when the file is
    missing or wrong; its mistakes are reported with the other content's)."""
    return content_store(settings).data["legal"].model


def legal_file_shown(settings) -> str:
    return content_store(settings).data["legal"].path


def missing(settings) -> list[str]:
    facts = legal_facts(settings)
    return missing_facts(facts) if facts is not None else fact_names()


# --- a fact in a page ----------------------------------------------------------------


def render_fact(facts: LegalFacts | None, name: str, language, default: str) -> Markup:
    value = fact_value(facts, name) if facts is not None else None
    if value is None and facts is not None and name not in facts_to_fill():
        return escape(language.gettext(NONE_PUBLISHED))  # an optional fact: none exists
    if value is None:
        # a labelled blank, never a word of the sentence: "Courriel : [à compléter]"
        return Markup('<mark class="missing-fact" {}="{}">[{}]</mark>').format(
            MISSING_FACT_ATTRIBUTE, name, language.gettext(MISSING))
    last = name.rsplit(".", 1)[-1]
    if isinstance(value, dict):  # a text per language
        text = pick(value, language.code, default)
        if text.lang != language.code:
            return Markup('<span lang="{}">{}</span>').format(text.lang, text.text)
        return escape(text.text)
    if isinstance(value, dt.date):
        return escape(localized_date(value, language.babel_locale))
    if isinstance(value, PostalAddress):
        return escape(str(value))
    if last in _LINKS:
        target = phone_uri(value) if last == "phone" else _LINKS[last] + value
        return Markup('<a href="{}">{}</a>').format(target, value)
    if last in _URL_FACTS:
        return Markup('<a href="{}">{}</a>').format(value, value)
    return escape(value)


class _FactPattern(InlineProcessor):
    """`{fact:host.name}` → the fact, in the language of the text being converted."""

    def __init__(self, pattern, md, settings):
        super().__init__(pattern, md)
        self.settings = settings

    def handleMatch(self, match, data):
        settings, name = self.settings, match[1]
        source = current_source()
        known = fact_names()
        if name not in known:
            shown = display_path(settings, source) if source else "Markdown text"
            lines = Path(source).read_text(encoding="utf-8").splitlines() if source else []
            log_issues([ContentIssue(
                shown, line_of(lines, match[0]), None,
                f"unknown fact `{name}`{did_you_mean(name, known)}; the facts of "
                f"{legal_file_shown(settings)} are: " + ", ".join(known))])
            return None, None, None
        languages = languages_from_settings(settings)
        default = settings["DEFAULT_LANG"]
        named = text_file_name(Path(source).name) if source else None
        language = languages.get(named[1] if named else default, languages[default])
        html = render_fact(legal_facts(settings), name, language, default)
        return self.md.htmlStash.store(str(html)), match.start(0), match.end(0)


class FactExtension(Extension):
    def __init__(self, settings, **kwargs):
        self.settings = settings
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.inlinePatterns.register(_FactPattern(PLACEHOLDER.pattern, md, self.settings),
                                   "llv_fact", 200)


# --- checks and report ---------------------------------------------------------------


def report_missing_facts(pelican) -> None:
    settings = pelican.settings
    names = missing(settings)
    if legal_facts(settings) is None and not content_store(settings).data["legal"].issues:
        log.warning("no %s: every legal fact is à compléter (`make deploy` refuses to "
                    "upload a page that shows one)", legal_file_shown(settings))
    elif names:
        log.warning(
            "%d legal fact(s) à compléter in %s (`make deploy` refuses to upload until "
            "they are filled):\n  %s", len(names), legal_file_shown(settings),
            "\n  ".join(names))


def add_fact_extension(pelican):
    add_markdown_extension(pelican.settings, FactExtension(pelican.settings))


def install_globals(generator):
    generator.env.globals.update(LEGAL=legal_facts(generator.settings), phone_uri=phone_uri)
