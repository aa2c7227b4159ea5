"""What the site says about LLV's relations is typed: a funder is dated and sourced,
an event is LLV's own only when an editor says so."""

import textwrap

from llv_content.registry import CONTENT_TYPES
from llv_content.store import validate_yaml_text

CONTEXT = {"languages": ["fr", "en"], "default_lang": "fr"}
PARTNER = """\
name:
  fr: Département du Pas-de-Calais
  en: Pas-de-Calais Department
slug: departement
kind: institutional-partner
description:
  fr: Collectivité.
"""
FUNDER = """\
roles:
  - role: funder
    period:
      fr: aux débuts de l'association
    source:
      fr: brouillon d'article de wiki, non daté
"""


def issues_of(type_name, text):
    model, _, issues = validate_yaml_text(
        textwrap.dedent(text), f"content/{type_name}s/x.yaml", CONTENT_TYPES[type_name], CONTEXT)
    return model, [str(issue) for issue in issues]


def test_a_dated_and_sourced_funder_is_accepted():
    model, issues = issues_of("partner", PARTNER + FUNDER)
    assert issues == []
    assert model.name == {"fr": "Département du Pas-de-Calais", "en": "Pas-de-Calais Department"}
    assert model.roles[0].role == "funder" and model.roles[0].source["fr"].startswith("brouillon")
    model, issues = issues_of("partner", PARTNER.replace(
        "name:\n  fr: Département du Pas-de-Calais\n  en: Pas-de-Calais Department\n", "name: Orange\n"))
    assert issues == [] and model.name == {"fr": "Orange"}


def test_a_funder_without_source_or_period_is_refused():
    _, issues = issues_of("partner", PARTNER + FUNDER.replace(
        "    source:\n      fr: brouillon d'article de wiki, non daté\n", ""))
    assert issues == ["content/partners/x.yaml:9: roles[0].source: this required field is missing"]
    _, issues = issues_of("partner", PARTNER + FUNDER.replace(
        "    period:\n      fr: aux débuts de l'association\n", ""))
    assert issues == ["content/partners/x.yaml:9: roles[0].period: this required field is missing"]


def test_funding_is_no_longer_a_kind_of_partner():
    _, issues = issues_of("partner", PARTNER.replace("kind: institutional-partner", "kind: funder"))
    assert len(issues) == 1 and "unknown partner kind 'funder'" in issues[0]
    assert issues[0].startswith("content/partners/x.yaml:5: kind:")


def test_an_event_is_llv_s_own_only_when_an_editor_says_so():
    event = "slug: salon\nkind: salon\ntitle: {fr: Salon}\nstart: 2015\n"
    model, issues = issues_of("event", event)
    assert issues == [] and model.run_by == "not-stated"
    model, issues = issues_of("event", event + "run_by: local\n")
    assert issues == [] and model.run_by == "local"
    _, issues = issues_of("event", event + "run_by: llvv\n")
    assert issues[0].startswith("content/events/x.yaml:5: run_by: unknown organiser 'llvv' "
                                "(did you mean `llv`?)")
    _, issues = issues_of("event", event.replace("kind: salon", "kind: coding-gouter"))
    assert "unknown event kind 'coding-gouter'" in issues[0]
