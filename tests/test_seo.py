"""What search engines and social networks read: sitemap, robots.txt, meta, JSON-LD, 404."""

import json
import xml.etree.ElementTree as ET

import yaml

from llv.model.keyfigures import key_figures_by_lang
from llv.model.registry import DATA_FILES
from llv.model.store import read_data_file
from llv.typography.typography import typeset_text
from tests.sitetools import PRODUCTION_URL, ROOT, build_fixture_site, page

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
NOT_FOUND = {"404.html", "en/404.html"}


def _html_pages(site):
    """Root-relative URLs of every HTML page written, as a visitor asks for them."""
    urls = set()
    for path in site.output.rglob("*.html"):
        relative = path.relative_to(site.output).as_posix()
        urls.add("/" + relative.removesuffix("index.html"))
    return urls


def _sitemap(site):
    root = ET.parse(site.output / "sitemap.xml").getroot()
    entries = {}
    for url in root.findall(f"{SITEMAP}url"):
        loc = url.findtext(f"{SITEMAP}loc")
        links = url.findall(f"{XHTML}link")
        for link in links:
            assert link.get("ref") is None and link.get("href"), ET.tostring(link)
        entries[site.local(loc)] = {link.get("hreflang"): site.local(link.get("href"))
                                   for link in links}
    return entries


def test_sitemap_lists_every_page_but_the_404s_and_the_cms(site):
    entries = _sitemap(site)
    expected = _html_pages(site) - {"/" + u for u in NOT_FOUND} - {"/admin/"}
    assert site.html("/admin/").find("meta", attrs={"name": "robots"})["content"].startswith(
        "noindex")
    assert not site.html("/admin/").find(attrs={"data-pagefind-body": True})
    assert set(entries) == expected
    assert (site.output / "sitemap.xml").read_text().count("<loc>https://louvrelensvallee.com/")\
        == len(entries)


def test_sitemap_alternates_match_each_page_head(site):
    for url, alternates in _sitemap(site).items():
        head = {link["hreflang"]: site.local(link["href"])
                for link in site.html(url).find_all("link", rel="alternate", hreflang=True)}
        if len(head) > 2:  # translated: the sitemap names the same alternates
            assert alternates == head, url
        else:
            assert alternates == {}, url
    assert _sitemap(site)["/a-propos/"] == {
        "fr": "/a-propos/", "en": "/en/about/", "x-default": "/a-propos/"}


def test_robots_txt_points_at_the_sitemap(site):
    robots = (site.output / "robots.txt").read_text()
    assert "User-agent: *" in robots
    assert "Disallow: /admin/\n" in robots
    assert f"Sitemap: {PRODUCTION_URL}/sitemap.xml" in robots.splitlines()


def test_every_page_has_description_and_social_tags(site):
    descriptions = {}
    for url in _sitemap(site):
        html = site.html(url)
        lang = html.html["lang"]
        canonical = html.find("link", rel="canonical")["href"]
        assert canonical == PRODUCTION_URL + url
        meta = {m.get("property") or m.get("name"): m["content"]
                for m in html.find_all("meta", content=True)}
        description = meta["description"]
        assert 20 <= len(description) <= 300, f"{url}: description {description!r}"
        descriptions.setdefault(description, []).append(url)
        # the same title, typeset in the page and in its metadata alike
        assert typeset_text(meta["og:title"], lang) == html.title.get_text()
        assert meta["og:description"] == description
        assert meta["og:url"] == canonical
        assert meta["og:site_name"] == "Louvre Lens Vallée"
        assert meta["og:type"] in ("website", "article")
        assert meta["og:locale"] == {"fr": "fr_FR", "en": "en_GB"}[lang]
        translated = html.find("link", rel="alternate", hreflang="en" if lang == "fr" else "fr")
        alternates = [m["content"] for m in html.find_all("meta", property="og:locale:alternate")]
        assert alternates == ([{"fr": "en_GB", "en": "fr_FR"}[lang]] if translated else []), url
        assert meta["twitter:card"] in ("summary", "summary_large_image")
    # the home, the pages and the posts each have their own description
    for url in ("/", "/en/", "/a-propos/", "/en/about/", "/actualites/", "/en/news/"):
        description = site.html(url).find("meta", attrs={"name": "description"})["content"]
        assert descriptions[description] == [url], f"{url} shares its description"


def _json_ld(html):
    return [json.loads(script.string) for script in html.find_all("script", type="application/ld+json")]


def test_home_describes_the_organization(site):
    for url in ("/", "/en/"):
        blocks = [b for b in _json_ld(site.html(url)) if b.get("@type") == "Organization"]
        assert len(blocks) == 1, url
        organization = blocks[0]
        assert organization["@context"] == "https://schema.org"
        assert organization["name"] == "Louvre Lens Vallée"
        assert organization["url"] == PRODUCTION_URL + "/"
        assert organization["address"]["streetAddress"] == "84 rue Paul Bert"
        assert organization["address"]["postalCode"] == "62300"
        assert organization["foundingDate"].startswith("2013")
    assert not [b for b in _json_ld(site.html("/a-propos/")) if b.get("@type") == "Organization"]


def test_breadcrumbs_lead_from_the_home_page_to_the_page(site):
    cases = {
        "/en/news/french-tech-label/": ["/en/", "/en/news/", "/en/news/french-tech-label/"],
        "/actualites/": ["/", "/actualites/"],
        "/a-propos/": ["/", "/a-propos/"],
        "/start-up/wezaart/": ["/", "/start-up/", "/start-up/wezaart/"],
    }
    for url, trail in cases.items():
        html = site.html(url)
        crumbs = [b for b in _json_ld(html) if b.get("@type") == "BreadcrumbList"]
        assert len(crumbs) == 1, url
        items = crumbs[0]["itemListElement"]
        assert [site.local(i["item"]) for i in items] == trail
        assert [i["position"] for i in items] == list(range(1, len(trail) + 1))
        assert items[-1]["name"] == html.h1.get_text(" ", strip=True)
    for url in ("/", "/en/"):
        assert not [b for b in _json_ld(site.html(url)) if b.get("@type") == "BreadcrumbList"]


def test_home_shows_the_dated_key_figures(site):
    data = yaml.safe_load((ROOT / "content" / "data" / "key-figures.yaml").read_text())
    for url, lang in (("/", "fr"), ("/en/", "en")):
        items = site.html(url).select(".key-figures__item")
        assert len(items) == len(data["figures"])
        for item, figure in zip(items, data["figures"]):
            assert item.select_one(".key-figures__value").get_text() == str(figure["value"])
            label = item.select_one(".key-figures__label").get_text()
            assert label == typeset_text(figure["label"][lang], lang)
            # each figure keeps its date; its source is in the page's Sources section
            assert item.select_one(".key-figures__date time")["datetime"] == str(figure["as_of"])
        sources = [li.get_text() for li in site.html(url).select("details.sources .key-figures__source")]
        assert len(sources) == len(data["figures"])
        for source, figure in zip(sources, data["figures"]):
            assert typeset_text(figure["source"][lang], lang) in source


def test_key_figure_mistakes_name_the_file_line_and_fix(tmp_path):
    path = tmp_path / "content" / "data" / "key-figures.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(
        "figures:\n"
        "  - value: 3 000\n"
        "    label:\n"
        "      fr: mètres carrés\n"
        "    as_of: bientôt\n"
        "    source: {fr: fiche, en: sheet}\n"
        "    sources: x\n",
        encoding="utf-8",
    )
    read = read_data_file(path.parent.parent, DATA_FILES["key-figures"],
                          {"languages": ["fr", "en"], "default_lang": "fr"})
    assert read.model is None
    assert sorted(str(issue) for issue in read.issues) == [
        "content/data/key-figures.yaml:2: figures[0].value: expected a whole number without "
        "spaces or units, like 3000, found '3 000'",
        "content/data/key-figures.yaml:3: figures[0].label: write the text in every language "
        "(en missing), e.g. `en: ...` on its own indented line",
        "content/data/key-figures.yaml:5: figures[0].as_of: expected a date like 2022-10-14, "
        "or 2022-10 or 2022 when only the month or year is known, found 'bientôt'",
        "content/data/key-figures.yaml:7: figures[0].sources: unknown field "
        "(did you mean `source`?)",
    ]


def test_key_figures_are_dated_by_year_month_or_day_in_each_language(tmp_path):
    from pelican.settings import read_settings

    figure = "  - value: 3000\n    label: {fr: m², en: m²}\n    as_of: %s\n" \
             "    source: {fr: fiche, en: sheet}\n"
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "key-figures.yaml").write_text(
        "figures:\n" + "".join(figure % when for when in ("2022", '"2022-10"', "2022-10-01")),
        encoding="utf-8")
    shown = key_figures_by_lang(read_settings(str(ROOT / "pelicanconf.py"),
                                              override={"PATH": str(tmp_path)}))
    assert [(f.value, f.as_of, f.as_of_iso) for f in shown["fr"]] == [
        ("3\u202f000", "2022", "2022"), ("3\u202f000", "octobre 2022", "2022-10"),
        ("3\u202f000", "1er octobre 2022", "2022-10-01")]
    assert [f.as_of for f in shown["en"]] == ["2022", "October 2022", "1 October 2022"]
    assert shown["en"][0].value == "3,000" and shown["en"][0].source == "sheet"


def test_a_broken_key_figures_file_fails_the_build_with_its_line(tmp_path):
    site = build_fixture_site(tmp_path, {
        "pages/home.fr.md": page("Accueil", "accueil", template="home"),
        "data/key-figures.yaml": "figures:\n  - value: 79\n    label: {fr: projets}\n",
    })
    assert site.returncode != 0
    assert "key-figures.yaml:3: figures[0].label: write the text in every language" in site.log
    assert "Traceback" not in site.log
