"""Images in real builds of tiny sites: Markdown pictures, errors, social cards, cache."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from PIL import Image

from tests.sitetools import ROOT, build_fixture_site, page
from tests.test_images_pipeline import file_of, make_photo, srcset_entries

HOME = {
    "pages/home.fr.md": page("Accueil", "accueil", template="home"),
    "pages/home.en.md": page("Home", "home", template="home"),
}
STATS = re.compile(r"Images: (\d+) processed, (\d+) from cache")


def theme_with_social_card(tmp: Path, templates: dict[str, str] | None = None) -> Path:
    """The real theme, its base layout made to include the social card partial if it
    does not, plus the given extra templates."""
    theme = ROOT / "theme"
    base = (theme / "templates" / "base.html").read_text(encoding="utf-8")
    if "partials/social_card.html" in base and not templates:
        return theme
    copy = tmp / "theme"
    shutil.copytree(theme, copy)
    if "partials/social_card.html" not in base:
        (copy / "templates" / "base.html").write_text(
            base.replace("</head>", '{% include "partials/social_card.html" %}\n</head>', 1),
            encoding="utf-8")
    for name, text in (templates or {}).items():
        (copy / "templates" / name).write_text(text, encoding="utf-8")
    return copy


def settings_for(tmp: Path, templates: dict[str, str] | None = None) -> str:
    return (f"IMAGE_CACHE_DIR = {str(tmp / 'cache')!r}\n"
            f"THEME = {str(theme_with_social_card(tmp, templates))!r}\n"
            f"PAGE_TEMPLATES = [\"page\", \"home\", *{sorted(name[:-5] for name in templates or ())!r}]\n")


BODY = """Introduction.

![Le bâtiment Paul Bert]({static}/images/batiment.jpg)

Un paragraphe ![](images/frise.png){.decorative} avec une frise.

![La salle de coworking](images/coworking.jpg "Coworking")
"""


def test_markdown_images_become_pictures_and_the_second_build_processes_nothing(tmp_path):
    images = tmp_path / "content" / "images"
    make_photo(images / "batiment.jpg", (1600, 1000))
    make_photo(images / "coworking.jpg", (900, 600), seed=4)
    make_photo(images / "frise.png", (600, 60), seed=2)
    files = {**HOME,
             "pages/about.fr.md": page("À propos", "a-propos", BODY),
             "pages/about.en.md": page("About", "about", BODY),
             "news/launch.fr.md": page("Lancement", "lancement", date="2020-01-02")}
    settings = settings_for(tmp_path)
    site = build_fixture_site(tmp_path, files, settings)
    assert site.returncode == 0, site.log
    assert STATS.search(site.log).groups()[0] != "0"

    html = site.html("/a-propos/")
    pictures = html.select(".prose picture")
    assert len(pictures) == 3
    first, decorative, last = (p.img for p in pictures)
    # the first image of the page is its main one: loaded at once, high priority
    assert first["fetchpriority"] == "high" and not first.has_attr("loading")
    assert decorative["loading"] == last["loading"] == "lazy"
    assert first["alt"] == "Le bâtiment Paul Bert" and decorative["alt"] == ""
    assert not decorative.has_attr("class") and last["title"] == "Coworking"
    for picture in pictures:
        img = picture.img
        assert [s["type"] for s in picture.find_all("source")] == ["image/avif", "image/webp"]
        with Image.open(file_of(site.output, img["src"])) as published:
            assert (int(img["width"]), int(img["height"])) == published.size
        for element in [*picture.find_all("source"), img]:
            for url, width in srcset_entries(element["srcset"]):
                with Image.open(file_of(site.output, url)) as variant:
                    assert variant.width == width
    assert [w for _, w in srcset_entries(first["srcset"])] == [480, 800, 1200, 1600]
    assert site.html("/en/about/").select_one(".prose picture img")["fetchpriority"] == "high"

    # every page has its own 1200×630 card
    cards = set()
    for path in sorted(site.output.rglob("index.html")):
        document = site.html("/" + str(path.parent.relative_to(site.output)) + "/")
        image = document.find("meta", property="og:image")
        assert image is not None, path
        assert document.find("meta", property="og:image:width")["content"] == "1200"
        assert document.find("meta", property="og:image:height")["content"] == "630"
        assert document.find("meta", property="og:image:alt")["content"]
        with Image.open(file_of(site.output, image["content"])) as card:
            assert card.size == (1200, 630)
        cards.add(image["content"])
    assert len(cards) >= 5
    about = site.html("/a-propos/").find("meta", property="og:image:alt")["content"]
    assert "À propos" in about

    again = build_fixture_site(tmp_path, files, settings, "--force")
    assert again.returncode == 0, again.log
    processed, cached = STATS.search(again.log).groups()
    assert processed == "0" and int(cached) > 0
    assert again.html("/a-propos/").select(".prose picture") == pictures


BAD_BODY = """Texte.

![](images/batiment.jpg)

![Plan](images/plan.jpg)

![Secret](../../secret.jpg)
"""


def test_bad_markdown_images_fail_the_build_naming_file_and_line(tmp_path):
    make_photo(tmp_path / "content" / "images" / "batiment.jpg", (500, 300))
    files = {**HOME, "pages/about.fr.md": page("À propos", "a-propos", BAD_BODY)}
    site = build_fixture_site(tmp_path, files, settings_for(tmp_path))
    assert site.returncode != 0
    log = site.log
    assert "content/pages/about.fr.md:9: image: the image `images/batiment.jpg` has no alt text" in log
    assert "![](images/batiment.jpg){.decorative}" in log
    assert "content/pages/about.fr.md:11: image: no file content/images/plan.jpg\n" in log
    assert "content/pages/about.fr.md:13: image: `../../secret.jpg` leaves the content/ folder" in log
    assert "Traceback" not in log


def test_every_page_of_the_real_site_has_its_own_social_card(site):
    cards = {}
    for path in sorted(site.output.rglob("*.html")):
        if path.relative_to(site.output).parts[0] == "admin":  # the CMS, not a page to share
            continue
        document = site.html("/" + path.relative_to(site.output).as_posix())
        image = document.find("meta", property="og:image")
        assert image is not None, path
        url = image["content"]
        assert url.startswith(site.site_url + "/images/social/"), url
        with Image.open(site.path_for(url)) as card:
            assert card.size == (1200, 630)
        title = document.find("meta", property="og:title")
        cards.setdefault(url, set()).add(title["content"] if title else path.name)
    # pages with different titles never share a card
    assert all(len(titles) == 1 for titles in cards.values()), cards


GOOD_LOGO = '{{ picture("images/logos/demo.png", "Démo", role="logo", where="content/startups/demo.yaml:4: logo") }}'
MISSING_LOGO = '{{ picture("images/logos/missing.png", "Absent", role="logo", where="content/startups/other.yaml:6: logo") }}'
LOGO_WITHOUT_ALT = '{{ picture("images/logos/demo.png", "", role="logo", where="content/startups/third.yaml:5: logo") }}'


def logo_template(*calls: str) -> str:
    items = "".join(f"  <li>{call}</li>\n" for call in calls)
    return ('{% extends "page.html" %}\n{% block content %}\n<ul class="logos">\n'
            f"{items}</ul>\n{{% endblock %}}\n")


def test_picture_global_in_templates_renders_logos_and_names_the_yaml_field(tmp_path):
    from tests.test_images_pipeline import make_logo
    make_logo(tmp_path / "content" / "images" / "logos" / "demo.png")
    files = {**HOME, "pages/logos.fr.md": page("Logos", "logos", template="logos")}
    bad = logo_template(GOOD_LOGO, MISSING_LOGO, LOGO_WITHOUT_ALT)
    site = build_fixture_site(tmp_path, files, settings_for(tmp_path, {"logos.html": bad}))
    assert site.returncode != 0
    assert ("content/startups/other.yaml:6: logo: no file content/images/logos/missing.png"
            in site.log)
    assert ("content/startups/third.yaml:5: logo: the image `images/logos/demo.png` has no alt text"
            in site.log)
    assert "Traceback" not in site.log

    good = logo_template(GOOD_LOGO)
    site = build_fixture_site(tmp_path, files, settings_for(tmp_path / "again", {"logos.html": good}))
    assert site.returncode == 0, site.log
    img = site.html("/logos/").select_one(".logos picture img")
    assert img["alt"] == "Démo" and (img["width"], img["height"]) == ("160", "80")
    assert img["loading"] == "lazy" and img["src"].endswith(".png")
    with Image.open(file_of(site.output, img["src"])) as logo:
        assert logo.size == (160, 80) and logo.mode == "RGBA"
