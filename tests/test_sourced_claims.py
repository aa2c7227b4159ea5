"""What the site says about LLV's relations is typed: a funder is dated and sourced,
an event is LLV's own only when an editor says so; and every sentence of the content
is the site's own, written afresh from the sources (shared/seeds/), never copied.

The seeds are press articles and drafts that are not ours to publish: the test
keeps only a digest of each run of RUN consecutive words they hold
(tests/seed_runs.txt). After a new seed: `python -m tests.test_sourced_claims
<folder of the seeds>` rewrites that file.
"""

import hashlib
import re
import sys
import textwrap
import unicodedata
from pathlib import Path

from llv.model.registry import CONTENT_TYPES
from llv.model.store import validate_yaml_text

ROOT = Path(__file__).resolve().parents[1]
SEED_RUNS = Path(__file__).with_name("seed_runs.txt")
RUN = 10  # consecutive words

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


# --- what the seeds say, no further ----------------------------------------------------

# Said once on the site and not by the seeds (or not of that subject), with what they say.
BEYOND_THE_SEEDS = {
    "une nouvelle promotion": ("fr", "apply: no seed says each call forms a cohort"),
    "new cohort": ("en", "apply: no seed says each call forms a cohort"),
    "recrute toujours": ("fr", "the latest seed on calls is undated, before 2019"),
    "still selects": ("en", "the latest seed on calls is undated, before 2019"),
    "AMI) de l’État": ("fr", "004: « l’AMI manufacture de proximité », no State"),
    "State’s": ("en", "004: « l’AMI manufacture de proximité », no State"),
    "au plus grand nombre": ("fr", "004: reducing inequalities of access to culture"),
    "as many people as possible": ("en", "004: reducing inequalities of access to culture"),
    "amiante découvert": ("fr", "002: difficulties linked to asbestos"),
    "fondée par": ("fr", "002: Web Diffuz and Teweco « portée par »"),
    "founded by": ("en", "002: Web Diffuz and Teweco « portée par »"),
    "Fondateur ou fondatrice": ("fr", "002: « portée par », « imaginé par »"),
    "backed the": ("en", "000: the State « partie prenante »"),
    "set up Louvre Lens Vallée": ("en", "002: created « sous l’impulsion de »"),
    "urban community": ("en", "a conurbation authority (Communauté d’agglomération)"),
    "totem building": ("en", "in English, a flagship building"),
    "totem venue": ("en", "in English, a flagship venue"),
    "profile sheet": ("en", "in English, a fact sheet"),
    "afterworks": ("en", "in English, after-work events"),
    "year’s free space": ("en", "in English, a year of free office space"),
    "General Council": ("en", "the departmental council, then called Conseil général"),
    "spreads and": ("en", "in English, showcases and promotes"),
    "pouvant atteindre": ("fr", "« peut obtenir une dotation pouvant atteindre »"),
    "a tenu la sixième": ("fr", "a organisé"),
    "21 21 62 16": (None, "seed 000's publisher's phone number, not LLV's"),
}


def test_the_site_says_no_more_than_its_sources(site):
    found = []
    for path in sorted(site.output.rglob("*.html")):
        html = path.read_text(encoding="utf-8").casefold()
        lang = "en" if path.relative_to(site.output).parts[0] == "en" else "fr"
        for phrase, (checked, why) in BEYOND_THE_SEEDS.items():
            if checked in (None, lang) and phrase.casefold() in html:
                found.append(f"{path.relative_to(site.output)}: {phrase!r} ({why})")
    assert not found, "\n".join(found)
    launch = site.html("/actualites/lancement-du-batiment-totem/").select_one(".prose").get_text()
    assert "retenue dès 2013" in launch or "avait retenue dès 2013" in launch
    assert "parti architectural" in launch
    about = site.html("/a-propos/").select_one(".prose").get_text()
    assert "brouillon d’article de wiki, seule source à dater cette étape" in about
    assert "REV3 et la feuille de route de la Région" in about


def test_the_venue_says_in_a_sentence_what_its_tables_listed(site):
    for url, dates, areas in (
            ("/le-lieu/", ("2014", "2016", "2019", "2022"),
             ("350 m²", "2 000 m²", "2 500 m²", "3 000 m²", "8 600 m²")),
            ("/en/the-place/", ("2014", "2016", "2019", "2022"),
             ("350 m²", "2,000 m²", "2,500 m²", "3,000 m²", "8,600 m²"))):
        prose = site.html(url).select_one(".prose")
        assert not prose.select("table"), url
        text = prose.get_text().replace("\u00a0", " ").replace("\u202f", " ")
        for expected in dates + areas:
            assert expected in text, (url, expected)
    # the documents behind those sentences stay in the page's file, for the Sources section
    for name in ("place.fr.md", "place.en.md"):
        front = (ROOT / "content" / "pages" / name).read_text(encoding="utf-8").split("---")[1]
        sources = front.split("sources:", 1)[1]
        for document in (("wiki", "2014", "2016", "2019", "2022", "8 600")
                         if name.endswith("fr.md") else
                         ("wiki", "2014", "2016", "2019", "2022", "8,600")):
            assert document in sources, (name, document)


# --- no sentence copied from a seed ---------------------------------------------------

_WORD = re.compile(r"[^\W_]+")
# A sentence ends at . ; : ! ? and at a line's end (a list item, a table cell, a YAML value).
_SENTENCE_END = re.compile(r"[.;:!?|]\s|\n")


def words(text: str) -> list[str]:
    """The words of `text`, lower case, accents and apostrophes' forms ignored."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _WORD.findall(text)


def run_digest(run: list[str]) -> str:
    return hashlib.sha256(" ".join(run).encode()).hexdigest()[:16]


def runs(word_list: list[str]):
    for start in range(len(word_list) - RUN + 1):
        yield word_list[start:start + RUN]


def seed_digests(folder: Path) -> list[str]:
    """Every run of RUN words of the seeds, as digests (the seeds' text stays out)."""
    return sorted({run_digest(run) for path in sorted(folder.glob("*.txt"))
                   for run in runs(words(path.read_text(encoding="utf-8")))})


def content_sentences():
    for path in sorted((ROOT / "content").rglob("*")):
        if path.suffix in (".md", ".yaml"):
            text = path.read_text(encoding="utf-8")
            for number, line in enumerate(text.splitlines(), start=1):
                for sentence in _SENTENCE_END.split(line):
                    yield f"{path.relative_to(ROOT)}:{number}", sentence


def test_no_content_sentence_copies_ten_words_of_a_seed():
    seeds = set(SEED_RUNS.read_text(encoding="utf-8").split())
    assert len(seeds) > 3000  # the five seeds
    copied = [f"{where}: {' '.join(run)}" for where, sentence in content_sentences()
              for run in runs(words(sentence)) if run_digest(run) in seeds]
    assert not copied, "written as in a seed; say it afresh:\n" + "\n".join(copied)


def test_the_copy_check_catches_a_copied_sentence():
    """The check itself, on a sentence of seed 000 (not in the site)."""
    seeds = set(SEED_RUNS.read_text(encoding="utf-8").split())
    copied = ("L’État, la Région, le Département et la communauté d’agglomération "
              "Lens-Liévin sont partie prenante")
    assert any(run_digest(run) in seeds for run in runs(words(copied)))
    assert not any(run_digest(run) in seeds for run in runs(words(
        "L'État, la Région, le Département et la CALL étaient associés au projet.")))


if __name__ == "__main__":  # python -m tests.test_sourced_claims <folder of the seeds>
    SEED_RUNS.write_text("\n".join(seed_digests(Path(sys.argv[1]))) + "\n", encoding="utf-8")
