"""What search engines and social networks read, on tiny sites: sitemap.xml with its
hreflang alternates, robots.txt, JSON-LD, the 404 page of each language."""

import json
import xml.etree.ElementTree as ET

import pytest

from llv.common.testing import HOME, SITE_SETTINGS, build_site, page

SITEURL = "https://llv.example"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
FILES = {
    "pages/about.fr.md": page("À propos", "a-propos"),
    "pages/about.en.md": page("About", "about"),
    "pages/legal.fr.md": page("Mentions légales", "mentions-legales"),
    "news/launch.fr.md": page("Lancement", "lancement", date="2026-01-02"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("seo"), FILES,
                      {"SITEURL": SITEURL})


def _json_ld(html, kind):
    blocks = [json.loads(s.string) for s in html.find_all("script", type="application/ld+json")]
    return [block for block in blocks if block["@type"] == kind]


def test_sitemap_lists_every_page_but_the_404s_with_the_alternates_of_translations(site):
    root = ET.parse(site.output / "sitemap.xml").getroot()
    entries = {site.local(url.findtext(f"{SITEMAP}loc")):
               {link.get("hreflang"): site.local(link.get("href")) for link in url.findall(f"{XHTML}link")}
               for url in root.findall(f"{SITEMAP}url")}
    pages = {"/" + p.relative_to(site.output).as_posix().removesuffix("index.html")
             for p in site.output.rglob("*.html")}
    assert set(entries) == pages - {"/404.html", "/en/404.html"}
    assert {"/a-propos/", "/mentions-legales/", "/actualites/lancement/"} <= set(entries)
    assert entries["/a-propos/"] == {"fr": "/a-propos/", "en": "/en/about/", "x-default": "/a-propos/"}
    assert entries["/mentions-legales/"] == {}  # no translation: no alternates


def test_robots_txt_keeps_out_what_is_no_page_and_points_at_the_sitemap(site):
    robots = (site.output / "robots.txt").read_text().splitlines()
    assert robots[:2] == ["User-agent: *", "Disallow: /admin/"]
    assert f"Sitemap: {SITEURL}/sitemap.xml" in robots


def test_not_found_page_in_each_language(site):
    for path, lang, title in (("404.html", "fr", "Page introuvable"),
                              ("en/404.html", "en", "Page not found")):
        html = site.html("/" + path)
        assert html.html["lang"] == lang
        assert html.h1.get_text(strip=True) == title
        assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        assert not html.find("link", rel="canonical")
        # served at any address: every link and the stylesheet are absolute
        for element in html.find_all(["a", "link"], href=True):
            assert element["href"].startswith((SITEURL + "/", "#")), f"{path}: {element['href']}"
        assert site.local(html.select_one("main a")["href"]) == ("/" if lang == "fr" else "/en/")


def test_breadcrumbs_lead_from_the_home_page_to_the_page(site):
    for url, trail in (("/a-propos/", ["/", "/a-propos/"]),
                       ("/actualites/lancement/", ["/", "/actualites/", "/actualites/lancement/"])):
        html = site.html(url)
        (crumbs,) = _json_ld(html, "BreadcrumbList")
        items = crumbs["itemListElement"]
        assert [site.local(i["item"]) for i in items] == trail
        assert [i["position"] for i in items] == list(range(1, len(trail) + 1))
        assert items[-1]["name"] == html.h1.get_text(" ", strip=True)


def test_the_home_page_describes_the_organization_with_its_legal_address(tmp_path):
    legal = (SITE_SETTINGS.parent / "content" / "data" / "legal.yaml").read_text(encoding="utf-8")
    # llv.news: the home page lists the news; llv.legal: the address
    site = build_site(tmp_path, {**HOME, **FILES, "data/legal.yaml": legal}, {"SITEURL": SITEURL})
    for url in ("/", "/en/"):
        (organization,) = _json_ld(site.html(url), "Organization")
        assert organization["name"] == "Louvre Lens Vallée"
        assert organization["url"] == SITEURL + "/"
        assert organization["address"]["streetAddress"] == "84 rue Paul Bert"
        assert organization["foundingDate"].startswith("2013")
        assert not _json_ld(site.html(url), "BreadcrumbList")
    assert not _json_ld(site.html("/a-propos/"), "Organization")
