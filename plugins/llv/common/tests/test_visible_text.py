"""The visible-text check every test-built site goes through: it finds each kind of
code-like text wherever a visitor reads it, and nothing in ordinary text."""

from html import escape

import pytest

from llv.common.testing import build_site
from llv.common.testing import page as page_file
from llv.common.visible_text import assert_reads_as_text, code_like, read_page

PAGE = """<!doctype html>
<html lang="en"><head><title>{title}</title>
<meta name="description" content="{description}">
<meta property="og:image:alt" content="{image_alt}">
<script type="application/ld+json">{json_ld}</script>
<script>var x = "{{{{ script }}}} undefined None";</script>
<style>p::after {{ content: "None" }}</style>
</head><body><main><h1>{heading}</h1><p>Founded in <em>{text}</em>.</p>
<img src="a.png" alt="{alt}" width="1" height="1"><a href="/" aria-label="{label}">x</a>
<svg role="img"><title>{svg_title}</title></svg></main></body></html>"""
CLEAN = dict(title="Partners — LLV", description="Who supports the cluster.", image_alt="LLV",
             json_ld='{"@type": "Organization", "name": "LLV"}', heading="Partners",
             text="2014", alt="Logo of Euralens", label="Home", svg_title="Wordmark")


def page(**changes) -> str:
    return PAGE.format(**{**CLEAN, **changes})


def test_an_ordinary_page_reads_clean():
    text = page(text="100 % {free}; Station F (Paris); Name (born 1980). None of them",
                heading="None.")
    assert code_like(read_page(text)) == []


def test_none_is_a_word_only_opening_an_english_sentence():
    french = page(heading="None.").replace('lang="en"', 'lang="fr"')
    assert [found.split(": ")[1] for found in code_like(read_page(french))] == ["None"]


@pytest.mark.parametrize("where, value, what", [
    ("text", "Localized(text='Chambre de Commerce', lang='fr')", "a repr"),
    ("heading", "datetime.date(2026, 1, 2)", "a repr"),
    ("label", "<llv.directory.pages.Logo object at 0x7f3a2c1e4d90>", "an object's address"),
    ("text", "{{ partner.name }}", "template syntax"),
    ("heading", "{% if x %}", "template syntax"),
    ("alt", "undefined", "undefined"),
    ("text", "NaN", "NaN"),
    ("text", "nan €", "NaN"),
    ("text", "None", "None"),
    ("description", "Price: None.", "None"),
    ("title", "{'fr': 'Accueil', 'en': 'Home'} — LLV", "a Python mapping or list"),
    ("image_alt", "['Ada', 'Grace']", "a Python mapping or list"),
    ("svg_title", "None", "None"),
    ("text", 'Traceback (most recent call last): File "x.py", line 3', "a traceback"),
    ("text", "<Kind.event: 'event'>", "a repr"),
    ("text", "see {filename}/pages/a.md", "a Pelican placeholder"),
    ("json_ld", '{"@type": "Event", "name": "Localized(text=\\"A\\", lang=\\"fr\\")"}', "a repr"),
    ("json_ld", '{"@type": "Event", "description": null}', "None"),
    ("json_ld", '{"@type": "Offer", "price": NaN}', "NaN"),
])
def test_each_kind_of_code_like_text_is_found_where_a_visitor_reads_it(where, value, what):
    html = value if where == "json_ld" else escape(value)  # as Jinja escapes what it prints
    found = code_like(read_page(page(**{where: html})))
    assert len(found) == 1 and f": {what}: " in found[0], found


def test_a_json_ld_that_does_not_parse_is_found():
    assert code_like(read_page(page(json_ld='{"name": "A",}')))[0].startswith("JSON-LD that does not parse")


def test_a_site_with_one_bad_page_fails_naming_the_page_and_the_text(tmp_path):
    (tmp_path / "en" / "partners").mkdir(parents=True)
    (tmp_path / "index.html").write_text(page(), encoding="utf-8")
    (tmp_path / "en" / "partners" / "index.html").write_text(
        page(text="Localized(text='CCI', lang='fr')"), encoding="utf-8")
    with pytest.raises(AssertionError) as failure:
        assert_reads_as_text(tmp_path)
    assert "/en/partners/index.html: text: a repr: «Founded in Localized(text='CCI'" in str(failure.value)
    assert "/index.html:" not in str(failure.value).replace("/partners/index.html", "")


def test_blocks_are_lines_and_inline_text_joins():
    text = read_page(page(text="<a href='/'>Euralens</a>, <strong>CCI</strong>"))
    assert text.blocks == ["Partners", "Founded in Euralens, CCI.", "[image: Logo of Euralens] x Wordmark"]
    assert text.title == "Partners — LLV" and text.meta["og:image:alt"] == "LLV"


def test_every_site_the_plugins_tests_build_is_checked(tmp_path):
    with pytest.raises(AssertionError, match=r"/a/index.html: text: None: «Fondée en None.»"):
        build_site(tmp_path, {"pages/a.fr.md": page_file("A", "a", body="Fondée en None.")})
