"""Search (plugins/llv/search) in the real site, without a browser: what the
Pagefind index holds, what the search page lists without JavaScript, the
header link, the search pages' Content-Security-Policy."""

from __future__ import annotations

import json
import re

import pytest

from llv.search.tests.test_search import indexed
from tests.sitetools import ROOT
from tools.publishing import policy

SEARCH_PAGES = {"fr": "/recherche/", "en": "/en/search/"}


@pytest.fixture(scope="module")
def records(site):
    return indexed(site.output)


def test_one_index_per_language(site):
    entry = json.loads((site.output / "pagefind" / "pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {"fr", "en"}
    assert re.search(r"Search index: \d+ pages \([^)]*(indexed|index reused)\) in [\d.]+ s", site.log)


def test_content_pages_are_indexed_with_their_kind(records):
    expected = {
        "/agenda/culturathon-2022/": ("fr", ["event"]),
        "/actualites/sixieme-culturathon/": ("fr", ["news"]),
        "/en/start-ups/wezaart/": ("en", ["startup"]),
        "/a-propos/": ("fr", ["page"]),
        "/partenaires/": ("fr", ["partner"]),
    }
    for url, (lang, kind) in expected.items():
        assert url in records, f"{url} is not in the index: {sorted(records)}"
        assert records[url]["lang"] == lang
        assert records[url]["filters"]["kind"] == kind
    wezaart = records["/en/start-ups/wezaart/"]
    assert wezaart["meta"] == {"title": "Wezaart", "kind": "Start-up"}
    assert wezaart["filters"] == {"kind": ["startup"], "cohort": ["2014"], "programme": ["incubation"]}
    assert "sectors" not in records["/start-up/web-diffuz/"]["filters"]  # help with digital
    # tools is not cultural mediation: no sector (issue 16)
    calls = [r for r in records.values() if r["filters"]["kind"] == ["call"]]
    assert calls, "no call for projects in the index"


def test_listings_404_home_and_search_pages_are_not_indexed(site, records):
    excluded = ["/", "/en/", "/404.html", "/en/404.html", "/actualites/", "/en/news/",
                "/agenda/", "/en/events/", "/start-up/", "/en/start-ups/",
                *SEARCH_PAGES.values()]
    excluded += [url for url in records if "/archives/" in url or "/archive/" in url]
    excluded += [url for url in records if re.match(r"/(en/)?start-ups?/[^/]+/[^/]+/", url)]
    assert not [url for url in excluded if url in records]
    assert not any(url.startswith("/admin") for url in records)
    for record in records.values():  # header, menu, footer: outside the indexed <main>
        assert "Aller au contenu" not in record["content"], record["url"]
        assert "Skip to content" not in record["content"], record["url"]


def listing(site, lang) -> dict[str, list[str]]:
    html = site.html(SEARCH_PAGES[lang])
    groups = {}
    for group in html.select(".search-listing__group"):
        kind = group["aria-labelledby"].removeprefix("search-kind-")
        groups[kind] = [site.local(a["href"]) for a in group.select("a")]
    return groups


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_without_javascript_the_search_page_lists_every_item_by_kind(site, records, lang):
    groups = listing(site, lang)
    content = ROOT / "content"
    assert len(groups["startup"]) == len(list((content / "startups").glob("*.yaml")))
    assert len(groups["event"]) + len(groups.get("call", [])) == \
        len(list((content / "events").glob("*.yaml")))
    assert len(groups["news"]) == len(list((content / "news").glob(f"*.{lang}.md")))
    assert len(groups["partner"]) == len(list((content / "partners").glob("*.yaml")))
    assert len(groups["page"]) == len(list((content / "pages").glob(f"*.{lang}.md"))) - 1  # home
    # every indexed page of the language is listed, and every link leads to a page
    pages = {url for url, r in records.items() if r["lang"] == lang and r["filters"]["kind"] != ["partner"]}
    listed = {url for urls in groups.values() for url in urls}
    assert pages <= listed
    for url in listed:
        assert site.exists(url.split("#")[0]), url
    for anchor in groups["partner"]:
        path, _, fragment = anchor.partition("#")
        assert site.html(path).find(id=fragment) is not None, anchor


def test_the_search_filters_come_from_the_content_model(site):
    from llv.model.vocabulary import FACET_WORDS, ITEM_KINDS

    form = site.html("/recherche/").select_one("form[role=search]")
    names = [select["name"] for select in form.select("select")]
    assert names[0] == "kind" and set(names[1:]) <= set(FACET_WORDS)
    kinds = [o["value"] for o in form.select("select[name=kind] option") if o["value"]]
    assert kinds == [k for k in ITEM_KINDS.values if k in kinds] and "startup" in kinds
    assert form["action"].endswith("/recherche/") and form["method"] == "get"
    assert form.select_one("input[name=q]")


def test_every_page_links_to_the_search_page_of_its_language(site):
    for path in site.output.rglob("*.html"):
        if path.parts[-2:] == ("admin", "index.html"):
            continue
        html = site.html("/" + path.relative_to(site.output).as_posix())
        lang = html.html["lang"]
        link = html.select_one("header .site-search-link")
        assert link is not None, path
        assert site.local(link["href"]) == SEARCH_PAGES[lang], path


def test_only_the_search_pages_may_compile_webassembly(site):
    for lang, url in SEARCH_PAGES.items():
        key = url.lstrip("/") + "index.html"
        assert site.exists(url) and key in policy.SEARCH_PAGES
        csp = policy.headers_for(key).security["Content-Security-Policy"]
        assert "script-src 'self' 'wasm-unsafe-eval';" in csp
        assert "unsafe-inline" not in csp and "'unsafe-eval'" not in csp
    for key in ("index.html", "start-up/index.html", "pagefind/pagefind.js"):
        assert "wasm" not in policy.headers_for(key).security.get("Content-Security-Policy", "")
    headers = (site.output / "_headers").read_text()
    for url in SEARCH_PAGES.values():  # one rule each, the only ones with WebAssembly
        rule = re.search(rf"^{re.escape(url)}\*?\n((?:  .*\n)+)", headers, re.M)
        assert rule and "'wasm-unsafe-eval'" in rule[1], url
    assert headers.count("'wasm-unsafe-eval'") == len(SEARCH_PAGES)


def test_the_unused_pagefind_interfaces_are_not_published(site):
    bundle = site.output / "pagefind"
    assert (bundle / "pagefind.js").is_file() and list(bundle.glob("wasm.fr.pagefind"))
    assert not list(bundle.glob("pagefind-*ui*")) and not (bundle / "pagefind-worker.js").exists()


def test_an_excerpt_starts_with_what_a_reader_wants_to_see(records):
    """Not the way to the page ("Agenda · Salon"), its title, date or facts."""
    assert len(records) > 30
    for url, record in records.items():
        content, title = record["content"], record["meta"]["title"]
        assert not content.startswith(title), url
        for noise in ("Agenda ·", "Events ·", "Actualités.", "News.", "Start-up.",
                      "Start-ups.", "Publié", "Published", "Quand ", "When "):
            assert not content.startswith(noise), (url, content[:60])
    assert records["/agenda/culturathon-2022/"]["content"].startswith("En octobre 2022, la sixième")
    assert records["/en/events/salon-metiers-art-2015/"]["content"].startswith("An arts and crafts")
    assert records["/start-up/wezaart/"]["content"].startswith("Réseau social pour les artistes")
