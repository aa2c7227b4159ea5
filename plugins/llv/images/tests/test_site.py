"""Images in tiny sites: Markdown pictures, logos, the `picture()` global of templates,
social cards, the cache, mistakes named by file and line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from PIL import Image

from llv.common.testing import HOME, SITE_SETTINGS, build_site, page
from llv.images.tests.test_pipeline import file_of, make_logo, make_photo, srcset_entries

STATS = re.compile(r"Images: (\d+) processed, (\d+) from cache")


def with_templates(tmp: Path, templates: dict[str, str]) -> dict:
    """Settings of a site whose theme is the real one plus `templates` pages may use."""
    theme = tmp / "theme"
    shutil.copytree(SITE_SETTINGS.parent / "theme", theme)
    for name, text in templates.items():
        (theme / "templates" / name).write_text(text, encoding="utf-8")
    return {"THEME": str(theme), "PAGE_TEMPLATES": [n[:-5] for n in templates]}


BODY = """Introduction.

![Le bâtiment Paul Bert]({static}/images/batiment.jpg)

Un paragraphe ![](images/frise.png){.decorative} avec une frise.

![La salle de coworking](images/coworking.jpg "Coworking")
"""


def test_markdown_images_become_pictures_and_the_second_build_processes_nothing(tmp_path, capsys):
    images = tmp_path / "content" / "images"
    make_photo(images / "batiment.jpg", (1600, 1000))
    make_photo(images / "coworking.jpg", (900, 600), seed=4)
    make_photo(images / "frise.png", (600, 60), seed=2)
    files = {**HOME,
             "pages/about.fr.md": page("À propos", "a-propos", BODY),
             "pages/about.en.md": page("About", "about", BODY),
             "news/launch.fr.md": page("Lancement", "lancement", date="2020-01-02")}
    # llv.news: the home page lists the news
    site = build_site(tmp_path, files)
    assert STATS.search(capsys.readouterr().out).groups()[0] != "0"

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

    again = build_site(tmp_path, files)
    processed, cached = STATS.search(capsys.readouterr().out).groups()
    assert processed == "0" and int(cached) > 0
    assert again.html("/a-propos/").select(".prose picture") == pictures


BAD_BODY = """Texte.

![](images/batiment.jpg)

![Plan](images/plan.jpg)

![Secret](../../secret.jpg)
"""


def test_bad_markdown_images_fail_the_build_naming_file_and_line(tmp_path):
    make_photo(tmp_path / "content" / "images" / "batiment.jpg", (500, 300))
    site = build_site(tmp_path, {"pages/about.fr.md": page("À propos", "a-propos", BAD_BODY)}, fails=True)
    log = site.log
    assert "content/pages/about.fr.md:9: image: the image `images/batiment.jpg` has no alt text" in log
    assert "![](images/batiment.jpg){.decorative}" in log
    assert "content/pages/about.fr.md:11: image: no file content/images/plan.jpg\n" in log
    assert "content/pages/about.fr.md:13: image: `../../secret.jpg` leaves the content/ folder" in log


GOOD_LOGO = '{{ picture("images/logos/demo.png", "Démo", role="logo", where="content/startups/demo.yaml:4: logo") }}'
MISSING_LOGO = '{{ picture("images/logos/missing.png", "Absent", role="logo", where="content/startups/other.yaml:6: logo") }}'
LOGO_WITHOUT_ALT = '{{ picture("images/logos/demo.png", "", role="logo", where="content/startups/third.yaml:5: logo") }}'


def logo_template(*calls: str) -> str:
    items = "".join(f"  <li>{call}</li>\n" for call in calls)
    return ('{% extends "page.html" %}\n{% block content %}\n<ul class="logos">\n'
            f"{items}</ul>\n{{% endblock %}}\n")


def test_picture_global_in_templates_renders_logos_and_names_the_yaml_field(tmp_path):
    make_logo(tmp_path / "content" / "images" / "logos" / "demo.png")
    files = {"pages/logos.fr.md": page("Logos", "logos", template="logos")}
    bad = logo_template(GOOD_LOGO, MISSING_LOGO, LOGO_WITHOUT_ALT)
    site = build_site(tmp_path, files, with_templates(tmp_path, {"logos.html": bad}),
                      fails=True)
    assert ("content/startups/other.yaml:6: logo: no file content/images/logos/missing.png"
            in site.log)
    assert ("content/startups/third.yaml:5: logo: the image `images/logos/demo.png` has no alt text"
            in site.log)

    again = tmp_path / "again"
    make_logo(again / "content" / "images" / "logos" / "demo.png")
    site = build_site(again, files,
                      with_templates(again, {"logos.html": logo_template(GOOD_LOGO)}))
    img = site.html("/logos/").select_one(".logos picture img")
    assert img["alt"] == "Démo" and (img["width"], img["height"]) == ("160", "80")
    assert img["loading"] == "lazy" and img["src"].endswith(".png")
    with Image.open(file_of(site.output, img["src"])) as logo:
        assert logo.size == (160, 80) and logo.mode == "RGBA"


STARTUP = """\
slug: lumiere
name: Lumière
logo: images/logos/lumiere.png
logo_alt:
  fr: Logo de Lumière
pitch:
  fr: Une start-up de test.
  en: A test start-up.
"""
# its logo's alternative text: the start-up's name
UNNAMED_LOGO = ("slug: exemple\nname: Exemple\nlogo: images/logos/lumiere.png\n"
                "pitch: {fr: Phrase., en: Sentence.}\n")


def test_startup_logos_are_processed_pictures_with_their_alternative_text(tmp_path):
    path = tmp_path / "content" / "images" / "logos" / "lumiere.png"
    path.parent.mkdir(parents=True)
    image = Image.new("RGBA", (600, 300), (0, 0, 0, 0))
    image.paste((10, 90, 120, 255), (100, 50, 500, 250))
    image.save(path)
    # the start-up pages (llv.directory)
    site = build_site(tmp_path, {"startups/lumiere.yaml": STARTUP, "startups/exemple.yaml": UNNAMED_LOGO})
    for url in ("/start-up/lumiere/", "/en/start-ups/lumiere/"):
        picture = site.html(url).select_one(".startup__logo picture")
        assert picture is not None, url
        img = picture.img
        assert img["alt"] == "Logo de Lumière"
        assert site.exists(img["src"])
        with Image.open(site.path_for(img["src"])) as published:
            assert (published.width, published.height) == (int(img["width"]), int(img["height"]))
    # the English page's alt text falls back to French and says so
    assert site.html("/en/start-ups/lumiere/").select_one(".startup__logo")["lang"] == "fr"
    assert not site.html("/start-up/lumiere/").select_one(".startup__logo").has_attr("lang")
    assert site.html("/en/start-ups/exemple/").select_one(".startup__logo img")["alt"] == "Exemple"


def test_missing_logo_file_names_the_yaml_field(tmp_path):
    site = build_site(tmp_path, {"startups/lumiere.yaml": STARTUP},
                      fails=True)
    assert "content/startups/lumiere.yaml:3: logo: no such file: content/images/logos/lumiere.png" in site.log
