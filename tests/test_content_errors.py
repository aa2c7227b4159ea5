"""Every mistake an editor can make comes back as `path:line: field: message`."""

import datetime as dt
import subprocess
import sys
import textwrap

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from llv.model.registry import CONTENT_TYPES, DATA_FILES
from llv.model.store import validate_yaml_text
from tests.sitetools import ROOT, build_fixture_site, page
from tools.settings_files import inherit_site_settings

CONTEXT = {"languages": ["fr", "en"], "default_lang": "fr"}
STARTUP = """\
# yaml-language-server: $schema=../../schemas/startup.json
name: Wezaart
slug: wezaart
pitch:
  fr: Un réseau social.
"""


def shown_for(type_name) -> str:
    if type_name in DATA_FILES:
        return f"content/{DATA_FILES[type_name].path}"
    return f"content/{type_name}s/x.yaml"


def issues_of(type_name, text):
    kind = CONTENT_TYPES.get(type_name) or DATA_FILES[type_name]
    model, _, issues = validate_yaml_text(textwrap.dedent(text), shown_for(type_name), kind, CONTEXT)
    return model, [str(i) for i in issues]


def test_a_valid_startup_has_no_issue():
    model, issues = issues_of("startup", STARTUP)
    assert issues == [] and model.slug == "wezaart" and model.pitch == {"fr": "Un réseau social."}


# (type, YAML text, expected line, expected field, words the message must contain)
BAD_INPUTS = [
    ("startup", STARTUP + "webiste: https://wezaart.fr\n", 6, "webiste",
     ["unknown field", "did you mean `website`"]),
    ("startup", STARTUP + "website: wezaart.fr\n", 6, "website",
     ["expected a web address", "'wezaart.fr'"]),
    ("startup", STARTUP + "sectors:\n  - tourism\n  - mediatoin\n", 8, "sectors[1]",
     ["unknown sector 'mediatoin'", "did you mean `mediation`"]),
    ("startup", STARTUP + "cohort: deux mille\n", 6, "cohort", ["expected a whole number", "'deux mille'"]),
    ("startup", STARTUP + "cohort: 20144\n", 6, "cohort", ["expected a year", "20144"]),
    ("startup", STARTUP + "founders: Gary Lomprez\n", 6, "founders", ["expected a list", "'Gary Lomprez'"]),
    ("startup", STARTUP + "programme: incubaton\n", 6, "programme", ["did you mean `incubation`"]),
    ("startup", STARTUP + "social:\n  linkedn: https://linkedin.com/x\n", 7, "social.linkedn",
     ["unknown social network", "did you mean `linkedin`"]),
    ("startup", STARTUP + "logo: ../../etc/passwd\n", 6, "logo", ["inside content/"]),
    ("startup", STARTUP.replace("slug: wezaart", "slug: Wez Aart"), 3, "slug", ["lowercase", "'Wez Aart'"]),
    ("startup", STARTUP.replace("name: Wezaart\n", ""), 2, "name", ["required field is missing"]),
    ("startup", STARTUP.replace("  fr: Un réseau social.", "  en: A social network."), 4, "pitch",
     ["`fr` text is required"]),
    ("startup", STARTUP + "  de: Ein Netzwerk.\n", 4, "pitch", ["unknown language `de`"]),
    ("startup", STARTUP + "name: Autre\n", 6, "name", ["written twice", "line 2"]),
    ("startup", STARTUP + "founders: [Gary\n", 6, None, ["not valid YAML"]),
    ("startup", STARTUP + "website: https://a.fr: ok\n", 6, None, ["not valid YAML", "in quotes"]),
    ("startup", "- name: Wezaart\n", 1, None, ["expected `field: value` lines, found a list"]),
    ("startup", "", 1, None, ["the file is empty"]),
    ("partner", "name: Orange\nslug: orange\nkind: sponsor\ndescription: {fr: Membre.}\n", 3, "kind",
     ["unknown partner kind 'sponsor'", "founding-member"]),
    ("event", "slug: c\nkind: conference\ntitle: {fr: C}\nstart: 2022-13\n", 4, "start",
     ["expected a date", "'2022-13'"]),
    ("event", "slug: c\nkind: conference\ntitle: {fr: C}\nstart: 2022-02-30\n", 4, "start",
     ["expected a date", "'2022-02-30'"]),
    ("event", "slug: c\nkind: conference\ntitle: {fr: C}\nstart: 2022-10-14 18:00\n"
              "end: 2022-10-14 17:00\n", 5, "end", ["end is before the start"]),
    ("event", "slug: c\nkind: call-for-projects\ntitle: {fr: C}\nstart: 2022-10\nopens: 2022-10\n",
     1, "closes", ["needs both `opens`", "`closes`"]),
    ("event", "slug: c\nkind: workshop\ntitle: {fr: C}\nstart: 2022-10\nopens: 2022-10\n"
              "closes: 2022-11\n", 5, "opens", ["for a call for projects"]),
    ("event", "slug: c\nkind: conference\ntitle: {fr: C}\nstart: 2022\nprice: gratuit\n", 5, "price",
     ["price in euros", "`free`", "'gratuit'"]),
]


@pytest.mark.parametrize("type_name, text, line, field, words", BAD_INPUTS,
                         ids=[f"{i}-{b[3]}" for i, b in enumerate(BAD_INPUTS)])
def test_each_mistake_names_its_line_and_field(type_name, text, line, field, words):
    model, issues = issues_of(type_name, text)
    assert model is None
    where = f"content/{type_name}s/x.yaml:{line}: " + (f"{field}: " if field else "")
    matching = [i for i in issues if i.startswith(where)]
    assert matching, f"no issue at {where!r} in {issues}"
    for word in words:
        assert any(word in issue for issue in matching), f"{word!r} not in {matching}"


def test_all_mistakes_of_a_file_at_once():
    _, issues = issues_of("startup", STARTUP + "webiste: x\ncohort: 1\nsectors: [nope]\n")
    assert sorted(i.split(": ")[0] + ": " + i.split(": ")[1] for i in issues) == [
        "content/startups/x.yaml:6: webiste", "content/startups/x.yaml:7: cohort",
        "content/startups/x.yaml:8: sectors[0]",
    ]


def test_partial_and_local_event_dates():
    event = "slug: c\nkind: culturathon\ntitle: {fr: C}\nstart: %s\n"
    month, _ = issues_of("event", event % "2022-10")
    assert month.start.precision == "month" and not month.in_calendar
    evening, _ = issues_of("event", event % "2022-10-14 18:30")
    assert evening.start.value == dt.datetime(2022, 10, 14, 18, 30) and evening.in_calendar
    utc, _ = issues_of("event", event % "2022-10-14T16:30:00Z")
    assert utc.start.value == dt.datetime(2022, 10, 14, 18, 30)  # shown in Paris time


# --- random documents never produce a traceback ----------------------------------

FIELD_NAMES = st.sampled_from(["name", "slug", "pitch", "fr", "en", "sectors", "start", "kind",
                               "website", "cohort", "logo", "social", "price", "place", "end",
                               "figures", "value", "as_of", "redirects", "old", "new"])
EVERY_TYPE = sorted([*CONTENT_TYPES, *DATA_FILES])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=20), st.dates(), st.sampled_from(["2022-10", "free", "mediation"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(FIELD_NAMES, st.text(max_size=8)), inner, max_size=5)),
    max_leaves=20)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=st.dictionaries(FIELD_NAMES, VALUES, max_size=8), type_name=st.sampled_from(EVERY_TYPE))
def test_random_yaml_documents_never_raise(document, type_name):
    text = yaml.safe_dump(document, allow_unicode=True)
    _, issues = issues_of(type_name, text)
    for issue in issues:
        assert issue.startswith(shown_for(type_name))


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab: -[]{}\n'\"#&*!|>%@`\t2022-10,.?")), max_size=60),
       type_name=st.sampled_from(EVERY_TYPE))
def test_random_yaml_text_never_raises(text, type_name):
    issues_of(type_name, text)


@settings(max_examples=150, deadline=None)
@given(front=st.text(max_size=80))
def test_random_front_matter_never_raises(tmp_path_factory, front):
    from pelican.settings import read_settings

    from llv.reader.reader import check_markdown_file

    folder = tmp_path_factory.mktemp("fm")
    (folder / "content" / "news").mkdir(parents=True)
    source = folder / "content" / "news" / "x.fr.md"
    source.write_text(f"---\n{front}\n---\nTexte.\n", encoding="utf-8")
    settings_ = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(folder / "content")})
    metadata, _, issues = check_markdown_file(settings_, source)
    assert (metadata is None) == bool(issues)


# --- across files: make check and make html -------------------------------------

BROKEN_SITE = {
    "pages/about.fr.md": page("À propos", "a-propos", titel="Oups"),
    "pages/home.de.md": page("Start", "start"),
    "pages/start-up.fr.md": page("Conflit", "start-up"),
    "news/first.fr.md": "---\ntitle: Premier\nslug: premier\nsummary: Résumé.\ndate: 2014-06-21\n"
                        "startups:\n  - tewecco\n---\n\nTexte.\n",
    "news/second.fr.md": "---\ntitle: Second\nslug: second\nsummary: Résumé.\ndate: 2014-13-01\n---\n\nTexte.\n",
    "startups/wezaart.yaml": STARTUP,
    "startups/copie.yaml": STARTUP,
    "startups/teweco.yaml": STARTUP.replace("wezaart", "teweco"),
    "startups/orphan.fr.md": "Texte sans fiche.\n",
    "partners/orange.yaml": "name: Orange\nslug: orange\nkind: founding-member\ndescription: {fr: Membre.}\n"
                            "webiste: https://orange.fr\n",
    "events/afterwork.yaml": "slug: afterwork\nkind: afterwork\ntitle: {fr: Afterwork}\nstart: 2022-10\n"
                             "partners: [orangee]\n",
    "data/key-figures.yaml": "figures:\n  - value: 79\n    label: {fr: projets}\n    as_of: 2022\n"
                             "    source: {fr: fiche, en: sheet}\n",
    "redirects.yaml": "redirects:\n  - old: /perdu/\n    new: /nulle-part/\n",
}
EXPECTED = [
    "content/pages/about.fr.md:5: titel: unknown field (did you mean `title`?)",
    "content/pages/home.de.md: unknown language `de` in the file name",
    "content/pages/start-up.fr.md:3: slug: two pages would be written to start-up/index.html",
    "content/news/first.fr.md:7: startups[0]: no startup has the slug `tewecco` (did you mean `teweco`?)",
    "content/news/second.fr.md:5: date: expected a date",
    "content/startups/copie.yaml:3: slug: the slug `wezaart` is also used by content/startups/wezaart.yaml:3",
    "content/startups/orphan.fr.md: no `orphan.yaml` beside this text",
    "content/partners/orange.yaml:5: webiste: unknown field (did you mean `website`?)",
    "content/events/afterwork.yaml:5: partners[0]: no partner has the slug `orangee`",
    "content/data/key-figures.yaml:3: figures[0].label: write the text in every language (en missing)",
    "content/redirects.yaml:3: redirects[0].new: the new address '/nulle-part/' is not a page",
]


def write_site(tmp_path, files):
    content = tmp_path / "content"
    for name, text in files.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text, encoding="utf-8")
    for folder in ("pages", "news"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    settings_file = tmp_path / "testconf.py"
    settings_file.write_text(
        inherit_site_settings() +
        f"PATH = {str(content)!r}\nNAVIGATION = ()\nFOOTER_NAVIGATION = ()\n", encoding="utf-8")
    return settings_file


def test_make_check_prints_every_mistake_and_fails(tmp_path):
    settings_file = write_site(tmp_path, BROKEN_SITE)
    result = subprocess.run([sys.executable, "-m", "tools.check", "--settings", str(settings_file)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    for expected in EXPECTED:
        assert any(line.startswith(expected) for line in result.stdout.splitlines()), \
            f"missing {expected!r} in:\n{result.stdout}"
    assert "error(s)" in result.stderr


def test_make_html_refuses_to_build_and_keeps_the_previous_output(tmp_path):
    good = {"pages/about.fr.md": page("À propos", "a-propos"), "startups/wezaart.yaml": STARTUP}
    site = build_fixture_site(tmp_path, good)
    assert site.returncode == 0, site.log
    before = site.path_for("/start-up/wezaart/").read_bytes()
    broken = {**good, "startups/wezaart.yaml": STARTUP + "webiste: x\n"}
    failed = build_fixture_site(tmp_path, broken)
    assert failed.returncode == 1
    assert "ERROR: content/startups/wezaart.yaml:6: webiste: unknown field (did you mean `website`?)" in failed.log
    assert "Traceback" not in failed.log
    assert site.path_for("/start-up/wezaart/").read_bytes() == before
