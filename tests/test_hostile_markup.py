"""Hostile markup (issue 15): raw HTML and dangerous links in texts, redirect
injection, SVG that fetches from elsewhere, JSON-LD that breaks out of its
script, broken images. Refused cases are listed by `make html` and `make
check` as `content/…:line: …` in one run, output/ unchanged; accepted ones
are published harmless, as a real browser shows."""

import json
import os
import subprocess
import sys

import pytest

from llv.common.jsonld import json_ld
from llv.images.svg import SvgError, sanitize_svg
from llv.model.schema import address_problem
from llv.reader.html_policy import html_problems, url_scheme
from tests.hostiletools import STARTUP, assert_refused, built_baseline, copy_site, page, write
from tests.sitetools import ROOT

TITLE = "6e Culturathon <!--<script>"
SVG_FETCHING = b"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 200 100">
  <style>@import url(https://evil.example/a.css); .a { fill: url(https://evil.example/b.svg#g) }
    .b { fill: url(#g) } .c { background: image-set("https://evil.example/c.png" 1x) }</style>
  <linearGradient id="g"><stop offset="0" stop-color="#0b5d7a"/></linearGradient>
  <rect class="a b" width="200" height="100" style="fill: url(https://evil.example/d.svg#g)"/>
  <rect width="100" height="50" fill="url(https://evil.example/e.svg#g)" filter="url(#g)"/>
  <use xlink:href="https://evil.example/f.svg#x"/><use href="#g"/>
  <image href="https://evil.example/g.png" width="10" height="10"/>
  <a href="https://evil.example/h"><circle cx="50" cy="50" r="20"/></a>
</svg>"""
GOOD = {
    "pages/home.fr.md": page("Accueil", "accueil", template="home"),
    "pages/about.fr.md": page("À propos", "a-propos", "Texte avec <abbr title=\"Louvre Lens Vallée\">"
                              "LLV</abbr>, H<sub>2</sub>O, [un lien](https://www.louvrelens.fr/)"
                              " et [un courriel](mailto:contact@example.fr)."),
    "events/culturathon.yaml": f"slug: culturathon\nkind: culturathon\ntitle:\n  fr: \"{TITLE}\"\n"
                               f"  en: \"{TITLE}\"\nstart: 2026-12-14 18:00\n",
    "startups/wezaart.yaml": STARTUP + "logo: images/logos/wezaart.svg\n",
    "images/logos/wezaart.svg": SVG_FETCHING,
    "redirects.yaml": "redirects:\n  - old: /qui-sommes-nous/\n    new: /a-propos/\n"
                      "  - old: /musee/\n    new: https://www.louvrelens.fr/\n",
}
SETTINGS = 'REDIRECT_HOSTS = ["www.louvrelens.fr"]\n'


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    return built_baseline(tmp_path_factory.mktemp("hostile-markup"), GOOD, SETTINGS)


# --- 3. HTML in texts ------------------------------------------------------------------

HTML_CASES = [
    # (Markdown, field, words of the message)
    ("<script>alert(1)</script>", "html", "`<script>` is not allowed"),
    ('<img src="x" onerror="alert(1)">', "html", "the event handler `onerror` on `<img>`"),
    ('<img src="https://tracker.example/x.gif">', "html", "write images in Markdown"),
    ('<iframe src="https://evil.example/"></iframe>', "html", "`<iframe>` is not allowed"),
    ('<a href="javascript:alert(1)">x</a>', "link", "the address `javascript:alert(1)`"),
    ("[x](javascript:alert(1))", "link", "the address `javascript:alert(1)`"),
    ("[x](JavaScript:alert(1))", "link", "the address `JavaScript:alert(1)`"),
    ("[x](jav&#x09;ascript:alert(1))", "link", "is not allowed"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", "link", "the address `data:text/html"),
    ('<a href="vbscript:msgbox">x</a>', "link", "the address `vbscript:msgbox`"),
    ('Texte{: onclick="alert(1)" }\n{: onmouseover="alert(1)" }', "html", "event handler"),
    ('<p style="color:red">x</p>', "html", "`style` on `<p>` is not allowed"),
    ("| a | b |\n|:--|--:|\n| 1 | 2 |", "html", "column alignment"),
    ("<form action=\"https://evil.example/\"><input name=\"q\"></form>", "html", "`<form>`"),
    ("<svg><script>alert(1)</script></svg>", "html", "`<svg>` is not allowed"),
    ("<!-- a --!><script>alert(1)</script> -->", "html", "is not allowed"),
    ('<a href="x" target="_blank">x</a>', "html", "the attribute `target` is not allowed on `<a>`"),
    ("<object data=\"x.swf\"></object>", "html", "`<object>` is not allowed"),
]


@pytest.mark.parametrize("markdown, field, words", HTML_CASES, ids=[c[0][:30] for c in HTML_CASES])
def test_each_unsafe_construct_is_named(markdown, field, words):
    import markdown as md
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    html = md.Markdown(**settings["MARKDOWN"]).convert(markdown)
    problems = html_problems(html)
    assert any(p.field == field and words in p.message for p in problems), \
        f"{words!r} not in {[p.message for p in problems]} for {html!r}"


def test_what_markdown_and_editors_write_is_allowed():
    import markdown as md
    from pelican.settings import read_settings

    text = ("# Titre {#titre}\n\nDu *texte*, du **gras**, `du code`, [un lien](https://a.fr/),"
            " [un autre]({filename}/pages/x.fr.md), [ici](#titre), [tél.](tel:+33321216216),"
            " <abbr title=\"x\">X</abbr>, H<sub>2</sub>O, 1<sup>er</sup>, <br>\n\n"
            "> Citation\n\n- liste\n\n1. numéros\n\nTerme\n: définition\n\n| a | b |\n|---|---|\n"
            "| 1 | 2 |\n\nNote[^1].\n\n[^1]: La note.\n\n```python\nx = '<script>'\n```\n\n"
            "<!-- une remarque -->\n\n<details><summary>Plus</summary>Texte.</details>\n")
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    html = md.Markdown(**settings["MARKDOWN"]).convert(text)
    assert [p.message for p in html_problems(html)] == []


def test_an_image_in_html_only_as_the_image_pipeline_names_it():
    """The pipeline's names (llv.common.hashed_names.variant_name) pass; lookalikes do not."""
    from llv.common.hashed_names import variant_name

    key = "0f6a94d255" * 4
    written = ["/" + variant_name("images/frise", key, 800, "webp"),
               "/" + variant_name("images/logo", key, "vector", "svg")]
    assert html_problems("".join(f'<img src="{url}" alt="x">' for url in written)) == []
    for lookalike in ("/images/frise-0f6a94d255-800.html", "/images/a/frise-0f6a94d255-800.webp",
                      "/images/frise-0f6a94d25-800.webp", "/theme/frise-0f6a94d255-800.webp"):
        assert html_problems(f'<img src="{lookalike}" alt="x">'), lookalike


@pytest.mark.parametrize("url, scheme", [
    ("https://a.fr/", "https"), ("/a-propos/", None), ("#x", None), ("{filename}/a.md", None),
    (" \tjava\nscript:alert(1)", "javascript"), ("\x01javascript:x", "javascript"),
    ("VBScript:x", "vbscript"), ("a/b:c", None),
])
def test_url_scheme_as_a_browser_reads_it(url, scheme):
    assert url_scheme(url) == scheme


def test_raw_html_fails_the_build_with_its_line(baseline, tmp_path):
    folder = copy_site(baseline, tmp_path / "site")
    body = "\n\n".join(["Bonjour <script>alert(1)</script>.", '<img src=x onerror="alert(1)">',
                        "[clic](javascript:alert(1))", "<iframe src=\"https://evil.example/\"></iframe>"])
    write(folder / "content", {"pages/xss.fr.md": page("XSS", "xss", body),
                               "startups/wezaart.fr.md": "Texte <object data=\"x\"></object>.\n"})
    assert_refused(folder, [
        "content/pages/xss.fr.md:7: html: `<script>` is not allowed in a text",
        "content/pages/xss.fr.md:9: html: the event handler `onerror` on `<img>` is not allowed",
        "content/pages/xss.fr.md:11: link: the address `javascript:alert(1)` is not allowed",
        "content/pages/xss.fr.md:13: html: `<iframe>` is not allowed in a text",
        "content/startups/wezaart.fr.md:1: html: `<object>` is not allowed in a text",
    ])


# --- 4. JSON-LD -------------------------------------------------------------------------

def test_json_ld_escapes_what_could_end_its_script():
    text = json_ld({"name": "a</script><!--<script>&\u2028\u2029"})
    assert not any(c in text for c in "<>&\u2028\u2029")
    assert json.loads(text) == {"name": "a</script><!--<script>&\u2028\u2029"}


@pytest.mark.browser
@pytest.mark.parametrize("url", ["/agenda/culturathon/", "/en/events/culturathon/"])
def test_an_event_title_cannot_break_out_of_its_json_ld(baseline, chromium_browser, url):
    from tests.browser import serve

    with serve(baseline / "output") as origin:
        page_ = chromium_browser.new_page()
        try:
            page_.goto(origin + url, wait_until="load")
            assert page_.locator("h1").inner_text() == TITLE  # the page is not blanked
            assert page_.locator("footer").count() == 1
            blocks = page_.eval_on_selector_all(
                "script[type='application/ld+json']", "nodes => nodes.map(n => n.textContent)")
            names = [json.loads(block).get("name") for block in blocks]
            assert TITLE in names
        finally:
            page_.close()


# --- 5. redirects ----------------------------------------------------------------------

@pytest.mark.parametrize("address, old, words", [
    ("/a-propos/ https://evil.example/ 301!\n/ancien/", True, "holds a space, a line break"),
    ("/*", True, "wildcard"),
    ("/news/:year/", True, "placeholder"),
    ("https://evil.example/", True, "must be a path of this site"),
    ("//evil.example/", True, "must be a path of this site"),
    ("/a/../b/", True, "holds `..`"),
    ("/a/?x=1", True, "without `?` or `#`"),
    ("https://evil.example/", False, "not a host the site redirects to"),
    ("https://user@www.louvrelens.fr/", False, "must start with / (a page of this site) or https://"),
    ("http://www.louvrelens.fr/", False, "must start with / (a page of this site) or https://"),
    ("/contact/\t", False, "holds a space"),
    ("/\u2028x/", False, "invisible character"),
    ("javascript:alert(1)", False, "must start with /"),
    (["/a/"], False, "must be text"),
])
def test_each_bad_address_is_named(address, old, words):
    problem = address_problem(address, old, ["www.louvrelens.fr"])
    assert problem and words in problem, problem


def test_redirect_injection_fails_check_and_build(baseline, tmp_path):
    folder = copy_site(baseline, tmp_path / "site")
    write(folder / "content", {"redirects.yaml": (
        "redirects:\n"
        '  - old: "/a-propos/ https://evil.example/ 301!\\n/ancien/"\n    new: /contact/\n'
        '  - old: "/*"\n    new: /contact/\n'
        "  - old: /vieux/\n    new: https://evil.example/x\n"
        "  - old: /ici/\n    new: /ici/#haut\n")})
    assert_refused(folder, [
        "content/redirects.yaml:2: redirects[0].old: the old address"
        " '/a-propos/ https://evil.example/ 301!\\n/ancien/'"
        " holds a space, a line break or an invisible character",
        "content/redirects.yaml:4: redirects[1].old: the old address '/*' holds a wildcard",
        "content/redirects.yaml:7: redirects[2].new: the new address leads to evil.example,"
        " which is not a host",
        "content/redirects.yaml:8: redirects[3]: '/ici/' redirects to itself",
    ])


def test_redirects_the_site_cannot_follow_fail_check_and_build(baseline, tmp_path):
    folder = copy_site(baseline, tmp_path / "site")
    write(folder / "content", {"redirects.yaml": (
        "redirects:\n"
        "  - old: /a-propos/\n    new: /\n"
        "  - old: /perdu/\n    new: /nulle-part/\n"
        "  - old: /qui-sommes-nous/\n    new: /a-propos/\n"
        "  - old: /qui-sommes-nous/\n    new: /\n")})
    assert_refused(folder, [
        "content/redirects.yaml:2: redirects[0].old: '/a-propos/' is still a page of the site",
        "content/redirects.yaml:5: redirects[1].new: the new address '/nulle-part/' is not a page"
        " of the site",
        "content/redirects.yaml:8: redirects[3].old: '/qui-sommes-nous/' is already redirected",
    ])


def test_allowed_redirects_are_published(baseline):
    lines = (baseline / "output" / "_redirects").read_text().splitlines()[1:]
    assert lines == ["/musee/ https://www.louvrelens.fr/ 301", "/qui-sommes-nous/ /a-propos/ 301"]


# --- 6. SVG ----------------------------------------------------------------------------

def test_the_svg_sanitiser_keeps_no_external_reference():
    clean = sanitize_svg(SVG_FETCHING)
    text = clean.data.decode()
    assert "evil.example" not in text and "@import" not in text
    assert "url(#g)" in text and 'href="#g"' in text and text.count("<rect") == 2
    assert "<circle" in text  # the drawing inside a link stays


@pytest.mark.parametrize("data", [
    b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"'
    b' "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>',
    b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
    b'<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg">&b;</svg>',
])
def test_svg_with_a_doctype_or_entities_is_refused(data):
    with pytest.raises(SvgError, match="DOCTYPE or entities"):
        sanitize_svg(data)


@pytest.mark.browser
def test_opening_a_published_svg_requests_nothing_elsewhere(baseline, chromium_browser):
    from tests.browser import serve

    published = next((baseline / "output" / "images").glob("wezaart-*.svg"))
    with serve(baseline / "output") as origin:
        page_ = chromium_browser.new_page()
        requests = []
        page_.on("request", lambda request: requests.append(request.url))
        try:
            page_.goto(f"{origin}/images/{published.name}", wait_until="load")
        finally:
            page_.close()
    assert requests and all(url.startswith(origin) for url in requests), requests


def test_broken_images_fail_check_and_build(baseline, tmp_path):
    from PIL import Image

    folder = copy_site(baseline, tmp_path / "site")
    image = Image.effect_noise((400, 300), 60).convert("RGB")
    image.save(folder / "photo.jpg", quality=90)
    truncated = (folder / "photo.jpg").read_bytes()
    write(folder / "content", {
        "images/truncated.jpg": truncated[: len(truncated) // 2],
        "images/logos/doctype.svg": b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"'
                                    b' "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
                                    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 1"/>',
        "startups/wezaart.yaml": STARTUP + "logo: images/logos/doctype.svg\n",
        "pages/photo.fr.md": page("Photo", "photo", "![Une photo](images/truncated.jpg)"),
    })
    assert_refused(folder, [
        "content/startups/wezaart.yaml:6: logo: content/images/logos/doctype.svg: the SVG declares"
        " a DOCTYPE or entities, which are not allowed",
        "content/pages/photo.fr.md:7: image: content/images/truncated.jpg: the image is corrupt"
        " or truncated",
    ])


# --- 8. deploy -------------------------------------------------------------------------

@pytest.mark.parametrize("variable, value, words", [
    ("LLV_S3_ENDPOINT", "not-a-url", "LLV_S3_ENDPOINT must be the address of the S3 service"),
    ("LLV_S3_ENDPOINT", "https://s3.example:port", "LLV_S3_ENDPOINT must be the address"),
    ("LLV_CDN_PURGE_COMMAND", "purge 'unclosed", "LLV_CDN_PURGE_COMMAND cannot be read"),
])
def test_deploy_settings_mistakes_are_one_line(variable, value, words, tmp_path):
    env = {**os.environ, "LLV_S3_BUCKET": "site", "LLV_S3_REGION": "fr-par", variable: value}
    result = subprocess.run([sys.executable, "-m", "tools.deploy", str(tmp_path), "--dry-run"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and words in result.stderr
