"""The identity as the built site delivers it: one self-hosted font file, preloaded
where the stylesheet asks for it, light; the wordmark; the favicon."""

import re

import pytest

FONT_LIMIT = 40 * 1024
PAGES = ["/", "/en/", "/a-propos/", "/agenda/", "/en/events/", "/candidater/", "/404.html"]


@pytest.fixture(scope="module")
def stylesheet(site):
    href = site.html("/").select_one('link[rel="stylesheet"]')["href"]
    path = site.path_for(site.local(href))
    return path, path.read_text(encoding="utf-8")


def test_the_stylesheet_s_fonts_are_swapped_woff2_files_of_the_site(site, stylesheet):
    path, css = stylesheet
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    assert faces
    total = 0
    for face in faces:
        assert re.search(r"font-display:\s*swap", face)
        (url,) = re.findall(r'url\("?([^")]+)"?\)', face)
        font = (path.parent / url).resolve()
        assert font.read_bytes()[:4] == b"wOF2", url
        total += font.stat().st_size
    assert total <= FONT_LIMIT, f"{total} bytes of font > 40 KB"


@pytest.mark.parametrize("url", PAGES)
def test_each_page_preloads_the_font_its_first_screen_needs(site, stylesheet, url):
    path, css = stylesheet
    used = {(path.parent / u).resolve() for u in re.findall(r'url\("?([^")]+\.woff2)"?\)', css)}
    preloads = site.html(url).select('link[rel="preload"][as="font"]')
    assert len(preloads) == 1, url
    (preload,) = preloads
    assert preload["type"] == "font/woff2" and preload.has_attr("crossorigin")
    assert site.path_for(site.local(preload["href"])).resolve() in used, \
        "the preloaded file is not the one the stylesheet uses: it would be fetched twice"


@pytest.mark.parametrize("url", ["/", "/en/"])
def test_the_header_shows_the_wordmark_named_for_screen_readers(site, url):
    html = site.html(url)
    link = html.select_one("header .site-name")
    svg = link.select_one("svg.wordmark")
    assert svg["aria-hidden"] == "true" and svg.path["fill"] == "currentColor"
    assert svg.has_attr("width") and svg.has_attr("height")  # no layout shift
    assert link.get_text(strip=True) == "Louvre Lens Vallée"
    icon = html.select_one('link[rel="icon"][type="image/svg+xml"]')
    assert site.exists(site.local(icon["href"]))
