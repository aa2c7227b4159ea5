"""Hostile and broken content (issue 15): files that lead outside content/,
YAML that explodes, values that break their format. Each class is one broken
copy of a good site: `make html` and `make check` list every case in one run,
as `content/…:line: …`, without a traceback, without quoting anything from
outside content/, and output/ stays byte for byte what it was."""

import os
import time

import pytest

from llv.model.yamlfile import load_yaml
from tests.hostiletools import (SECRET_TEXT, STARTUP, assert_refused, built_baseline, check,
                                copy_site, page, write)

GOOD = {
    "pages/home.fr.md": page("Accueil", "accueil", template="home"),
    "pages/about.fr.md": page("À propos", "a-propos", "## L'équipe {#equipe}\n\nTexte."),
    "startups/wezaart.yaml": STARTUP,
    # accepted: a byte order mark, as some Windows editors write it
    "pages/bom.fr.md": "\ufeff" + page("Avec BOM", "avec-bom"),
    "partners/orange.yaml": "\ufeffname: Orange\nslug: orange\nkind: company-partner\n"
                            "description: {fr: Partenaire.}\n",
}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    return built_baseline(tmp_path_factory.mktemp("hostile-content"), GOOD)


def test_a_byte_order_mark_is_accepted(baseline):
    assert (baseline / "output/avec-bom/index.html").is_file()
    assert (baseline / "output/partenaires/index.html").read_text().count("Orange")


# --- 1. only files inside content/ -------------------------------------------------

def test_links_leading_outside_content_are_refused_without_quoting_them(baseline, tmp_path):
    folder = copy_site(baseline, tmp_path / "site")
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET_TEXT, encoding="utf-8")
    content = folder / "content"
    write(content, {
        "pages/leak.fr.md": page("Fuite", "fuite", "[doc]({static}/docs/leak.txt)\n\n"
                                 "![Photo](images/photo.jpg)\n\n[page]({static}/docs/page.html)"
                                 " [logo]({attach}/docs/logo.svg) [ok]({static}/docs/ok.pdf)"),
        "docs/page.html": "<script>alert(document.cookie)</script>",  # would run on the site's origin
        "docs/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "docs/ok.pdf": "%PDF-1.4\n",
        "startups/other.fr.md": "Texte.\n",
        # Pelican would publish these as they are (no front matter check, no HTML allowlist)
        "pages/raw.html": '<html><head><title>X</title><meta name="key" content="raw">'
                          '<meta name="slug" content="raw"></head><body><script>alert(1)</script>',
        "pages/other.fr.mkd": page("Autre", "autre", "<script>alert(1)</script>"),
    })
    (content / "images").mkdir()
    links = {
        "startups/wezaart.fr.md": secret,  # a start-up's text (/proc/self/environ in the issue)
        "pages/env.fr.md": secret,  # a page
        "pages/git.fr.md": os.path.relpath(secret, content / "pages"),  # relative (../../.git/config)
        "startups/other.yaml": secret,  # a YAML file
        "docs/leak.txt": secret,  # a {static} file
        "images/photo.jpg": secret,  # an image
        "redirects.yaml": secret,
    }
    for name, target in links.items():
        os.symlink(target, content / name)
    outside = "this is a link leading outside content/"
    built, _ = assert_refused(folder, [
        f"content/startups/wezaart.fr.md: {outside}",
        f"content/pages/env.fr.md: {outside}",
        f"content/pages/git.fr.md: {outside}",
        f"content/startups/other.yaml: {outside}",
        f"content/docs/leak.txt: {outside}",
        f"content/pages/leak.fr.md:9: image: content/images/photo.jpg: {outside}",
        f"content/redirects.yaml: {outside}",
        "content/pages/raw.html: unexpected file: content/pages/ holds `<key>.<language>.md` files",
        "content/pages/other.fr.mkd: unexpected file",
        "content/docs/page.html: a file linked with {static} or {attach} is published as it is",
        "content/docs/logo.svg: a file linked with {static} or {attach} is published as it is",
    ])
    assert str(secret) not in built.out  # not even where the links lead


def test_a_fifo_is_refused_instead_of_hanging_the_check(baseline, tmp_path):
    # `make html` too once tools/uptodate.py (which hashes every input) skips
    # what is not a regular file.
    folder = copy_site(baseline, tmp_path / "site")
    os.mkfifo(folder / "content" / "pages" / "fifo.fr.md")
    checked = check(folder)
    assert checked.returncode == 1 and "Traceback" not in checked.out
    assert "content/pages/fifo.fr.md: this is not a regular file" in checked.out


def test_a_link_to_a_folder_stops_the_build_before_an_endless_walk(baseline, tmp_path):
    folder = copy_site(baseline, tmp_path / "site")
    os.symlink("..", folder / "content" / "pages" / "up")
    assert_refused(folder, ["content/pages/up: this is a link to a folder"])


# --- 2. YAML that explodes -----------------------------------------------------------

def _laughs(levels: int) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bombs_and_deep_nesting_are_refused_at_once():
    for text in (_laughs(9), "name: " + "[" * 200_000 + "]" * 200_000 + "\n"):
        started = time.perf_counter()
        loaded = load_yaml(text, "content/startups/x.yaml")
        assert time.perf_counter() - started < 1
        assert loaded.data is None and len(loaded.issues) == 1


YAML_CASES = [
    # (file, text, expected line)
    ("startups/bomb.yaml", STARTUP + _laughs(9),
     "content/startups/bomb.yaml:6: YAML anchors and aliases (`&name`, `*name`) are not supported"),
    ("pages/bomb.fr.md", "---\ntitle: &t Bombe\nslug: bombe\nsummary: *t\n---\nTexte.\n",
     "content/pages/bomb.fr.md:2: YAML anchors and aliases"),
    ("data/key-figures.yaml", "figures: &f\n  - value: 1\nother: *f\n",
     "content/data/key-figures.yaml:1: YAML anchors and aliases"),
    ("redirects.yaml", "redirects:\n  - old: &x /a/\n    new: *x\n",
     "content/redirects.yaml:2: YAML anchors and aliases"),
    ("events/deep.yaml", "slug: deep\nkind: workshop\ntitle: " + "[" * 100_000 + "\n",
     "content/events/deep.yaml:3: this YAML is nested more than 50 levels deep"),
    ("partners/tabs.yaml", "name: Tab\nslug: tabs\nkind: company-partner\ndescription:\n\tfr: Texte.\n",
     "content/partners/tabs.yaml:5: this is not valid YAML: while scanning for the next token"
     " found character that cannot start any token (indent with spaces, not tabs)"),
]


def test_yaml_bombs_and_mistakes(baseline, tmp_path):
    folder = copy_site(baseline, tmp_path / "site")
    write(folder / "content", {name: text for name, text, _ in YAML_CASES})
    started = time.perf_counter()
    assert_refused(folder, [line for _, _, line in YAML_CASES], forbidden=("lol",))
    assert time.perf_counter() - started < 30


# --- 8 and 10. values that break their format ---------------------------------------

EVENT = "slug: {slug}\nkind: culturathon\ntitle:\n  fr: {title}\nstart: 2026-12-14 18:00\n"
VALUE_CASES = [
    ("pages/t.fr.md", page("T", "t", template="../../../etc/passwd"),
     "content/pages/t.fr.md:5: template: unknown page template '../../../etc/passwd';"
     " expected one of: page, home"),
    ("events/cr.yaml", EVENT.format(slug="cr", title='"Culturathon\\r 6"'),
     "content/events/cr.yaml:4: title.fr: remove the invisible control character U+000D"),
    ("startups/newline.yaml", STARTUP.replace("slug: wezaart", 'slug: "teweco\\n"'),
     "content/startups/newline.yaml:2: slug: expected lowercase letters, digits and hyphens"),
    ("startups/long.yaml", STARTUP.replace("name: Wezaart", "name: " + "W" * 5000),
     "content/startups/long.yaml:1: name: expected at most 150 characters, found 5,000"),
    ("startups/huge.yaml", STARTUP + "founders: [" + "x" * 10_000_000 + "]\n",
     "content/startups/huge.yaml: the file weighs 10.0 MB, over the limit of 1.0 MB"),
    ("events/url.yaml", EVENT.format(slug="url", title="U") + 'registration: "https://a.fr/\\nx"\n',
     "content/events/url.yaml:6: registration: expected a web address starting with https://"),
    ("pages/links.fr.md", page("Liens", "liens", "[a]({filename}/pages/x.fr.md)\n\n"
                               "[b]({filename}/pages/about.fr.md#equipee)\n\n[c](#nulle-part)"),
     "content/pages/links.fr.md:7: link: no file content/pages/x.fr.md"),
    ("pages/links.fr.md", None,
     "content/pages/links.fr.md:9: link: no `#equipee` in content/pages/about.fr.md"
     " (did you mean `#equipe`?)"),
    ("pages/links.fr.md", None, "content/pages/links.fr.md:11: link: no `#nulle-part` in this text"),
    ("events/nan.yaml", EVENT.format(slug="nan", title="N") + "place: {name: Totem, latitude: .nan}\n"
     "price: .inf\n", "content/events/nan.yaml:6: place.latitude: `.nan` is read as infinity or"
     " not-a-number: write a number"),
    ("events/nan.yaml", None, "content/events/nan.yaml:7: price: `.inf` is read as infinity"),
    ("events/far.yaml", EVENT.format(slug="far", title="F").replace("2026-12-14 18:00", "9999-12-31"),
     "content/events/far.yaml:5: start: expected a date between 1900 and 2100, found 9999-12-31"),
    ("data/key-figures.yaml", "figures:\n  - value: " + "9" * 5000 + "\n    label: {fr: a}\n"
     "    as_of: 2022-13-45\n    source: {fr: a}\n",
     "content/data/key-figures.yaml:2: figures[0].value: cannot read the value '999"),
    ("data/key-figures.yaml", None,
     "content/data/key-figures.yaml:4: figures[0].as_of: expected a date like 2022-10-14, found"
     " '2022-13-45'"),
    ("startups/wezaart.fr.md", "Voir [la page]({filename}/pages/about.fr.md).\n",
     "content/startups/wezaart.fr.md:1: link: links by file name (`{filename}`, `{static}`)"
     " work in pages and news only"),
    ("pages/a\nb.fr.md", page("Nom", "nom"),
     "content/pages/a\\x0ab.fr.md: the file name must be `<key>.<language>.md`"),
]


def test_values_that_break_their_format(baseline, tmp_path):
    folder = copy_site(baseline, tmp_path / "site")
    write(folder / "content", {name: text for name, text, _ in VALUE_CASES if text})
    built, _ = assert_refused(folder, [line for _, _, line in VALUE_CASES], forbidden=("9" * 100,))
    assert "Unable to find" not in built.out  # Pelican's line without file nor line number


def test_quadratic_markdown_is_stopped_by_the_time_limit(baseline, tmp_path):
    folder = copy_site(baseline, tmp_path / "site")
    with open(folder / "testconf.py", "a", encoding="utf-8") as settings:
        settings.write("MARKDOWN_TIME_LIMIT = 0.5\n")
    write(folder / "content", {"pages/slow.fr.md": page("Lent", "lent", "[" * 40_000)})  # hours
    assert_refused(folder, ["content/pages/slow.fr.md: this text takes more than 0.5 s to convert"])


def test_a_converter_stopped_midway_converts_the_next_text_right():
    from markdown import Markdown
    from pelican.settings import read_settings

    from llv.reader.safety import convert_markdown
    from tests.sitetools import ROOT

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    markdown = Markdown(**settings["MARKDOWN"])
    deep = "".join("    " * i + "- x\n" for i in range(300))
    for text, limit, words in (("[" * 40_000, 0.5, "more than 0.5 s"), (deep, 20, "nested too deeply")):
        settings["MARKDOWN_TIME_LIMIT"] = limit
        html, issue = convert_markdown(settings, markdown, text, None, "content/pages/x.fr.md")
        assert html == "" and words in issue.message
        html, issue = convert_markdown(settings, markdown, "Un *texte*.", None, "content/pages/y.fr.md")
        assert issue is None and html == "<p>Un <em>texte</em>.</p>"
