"""Search on a tiny site: Pagefind's index of each language with the kind of each
page and a start-up's facets, the same bytes from two cold builds, the search
pages listing every item by kind without JavaScript, the header's link, a
failing indexer."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from llv.common.testing import build_site, page

SEARCH_PAGES = {"fr": "/recherche/", "en": "/en/search/"}
FILES = {
    "pages/about.fr.md": page("À propos", "a-propos"),
    "pages/about.en.md": page("About", "about"),
    "news/launch.fr.md": page("Lancement", "lancement", date="2026-01-02"),
    "startups/lumiere.yaml": "name: Lumière\nslug: lumiere\ncohort: 2014\nprogramme: incubation\n"
                             "pitch: {fr: Une phrase., en: A sentence.}\n",
    "partners/orange.yaml": "name: {fr: Orange}\nslug: orange\nkind: founding-member\n"
                            "description: {fr: Membre fondateur., en: Founding member.}\n",
    "events/atelier.yaml": "slug: atelier\nkind: workshop\ntitle: {fr: Atelier}\nstart: 2027-01-14\n",
    "events/appel.yaml": "slug: appel\nkind: call-for-projects\ntitle: {fr: Appel}\nstart: 2026-11-01\n"
                         "opens: 2026-11-01\ncloses: 2027-01-15\n",
}


def indexed(output: Path) -> dict[str, dict]:
    """Every record of the Pagefind index, by URL (fragments are gzip'd JSON)."""
    records = {}
    for path in (output / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data.removeprefix(b"pagefind_dcd"))
        records[record["url"]] = {**record, "lang": path.name.split("_")[0]}
    return records


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    # llv.news, llv.agenda: the news and the events, indexed and listed when they are built
    return build_site(tmp_path_factory.mktemp("search"), FILES)


def test_each_page_is_indexed_in_its_language_with_its_kind(site):
    records = indexed(site.output)
    kinds = {url: (r["lang"], r["filters"]["kind"]) for url, r in records.items()}
    assert kinds == {
        "/a-propos/": ("fr", ["page"]), "/en/about/": ("en", ["page"]),
        "/actualites/lancement/": ("fr", ["news"]),
        "/start-up/lumiere/": ("fr", ["startup"]), "/en/start-ups/lumiere/": ("en", ["startup"]),
        "/partenaires/": ("fr", ["partner"]), "/en/partners/": ("en", ["partner"]),
        "/agenda/atelier/": ("fr", ["event"]), "/en/events/atelier/": ("en", ["event"]),
        "/agenda/appel/": ("fr", ["call"]), "/en/events/appel/": ("en", ["call"]),
    }  # not the listings, the facet pages, the search pages nor the 404s
    lumiere = records["/en/start-ups/lumiere/"]
    assert lumiere["meta"] == {"title": "Lumière", "kind": "Start-up"}
    assert lumiere["filters"] == {"kind": ["startup"], "cohort": ["2014"], "programme": ["incubation"]}
    for record in records.values():  # header, menu, footer: outside the indexed <main>
        assert "Aller au contenu" not in record["content"], record["url"]


def test_two_cold_builds_write_the_same_index(site, tmp_path):
    again = build_site(tmp_path, FILES)  # empty caches

    def files(output: Path) -> dict[str, bytes]:
        bundle = output / "pagefind"
        return {path.relative_to(bundle).as_posix(): path.read_bytes()
                for path in sorted(bundle.rglob("*")) if path.is_file()}

    first, second = files(site.output), files(again.output)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    # both languages in the one bundle the search pages load, filters included
    assert {"filter/fr_", "filter/en_", "pagefind.fr_", "pagefind.en_"} <= {
        name[:name.index("_") + 1] for name in first if "_" in name}


def test_without_javascript_the_search_page_lists_every_item_by_kind(site):
    html = site.html("/recherche/")
    groups = {group["aria-labelledby"].removeprefix("search-kind-"): [a["href"] for a in group.select("a")]
              for group in html.select(".search-listing__group")}
    assert groups == {"page": ["/a-propos/"], "news": ["/actualites/lancement/"],
                      "startup": ["/start-up/lumiere/"], "partner": ["/partenaires/#partner-orange"],
                      "event": ["/agenda/atelier/"], "call": ["/agenda/appel/"]}
    orange = site.html("/en/search/").select_one(".search-listing__group a[href$='#partner-orange']")
    assert (orange.get_text(), orange["lang"]) == ("Orange", "fr")  # its name, in its language
    form = html.select_one("form[role=search]")
    assert form["action"] == "/recherche/" and form["method"] == "get" and form.select_one("input[name=q]")


def test_every_page_links_to_the_search_page_of_its_language(site):
    for path in site.output.rglob("*.html"):
        html = site.html("/" + path.relative_to(site.output).as_posix())
        link = html.select_one("header .site-search-link")
        assert link is not None and link["href"] == SEARCH_PAGES[html.html["lang"]], path


def test_a_failing_indexer_fails_the_build(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    built = build_site(tmp_path, {"pages/about.fr.md": page("À propos", "a-propos")},
                       fails=True)
    assert built.errors[0].startswith("Search index: Pagefind failed")


def test_a_language_that_fails_leaves_no_half_made_index_in_the_cache(tmp_path, monkeypatch):
    from pagefind_bin import get_executable

    fake = tmp_path / "pagefind"
    fake.write_text(f'#!/bin/sh\n"{get_executable()}" "$@" >/dev/null || exit 1\n'  # files written,
                    'case "$*" in *"en/**"*) echo "no English today"; exit 3;; esac\n')  # then a failure
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    cache = tmp_path / "index-cache"
    built = build_site(tmp_path / "site", FILES, {"SEARCH_INDEX_CACHE_DIR": str(cache)}, fails=True)
    assert built.errors[0].startswith("Search index: Pagefind failed")
    assert built.errors[0].endswith("no English today")
    # the French index, made while English was being indexed, is whole; nothing else is left
    assert [(path.name[:3], (path / "pagefind-entry.json").is_file())
            for path in sorted(cache.iterdir())] == [("fr-", True)]
