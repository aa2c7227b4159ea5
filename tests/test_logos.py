"""Logos of start-ups and partners go through the image pipeline."""

from PIL import Image

from tests.sitetools import build_fixture_site, page

HOME = {
    "pages/home.fr.md": page("Accueil", "accueil", template="home"),
    "pages/home.en.md": page("Home", "home", template="home"),
}
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


def _logo(tmp_path):
    path = tmp_path / "content" / "images" / "logos" / "lumiere.png"
    path.parent.mkdir(parents=True)
    image = Image.new("RGBA", (600, 300), (0, 0, 0, 0))
    image.paste((10, 90, 120, 255), (100, 50, 500, 250))
    image.save(path)


def test_startup_logo_is_a_processed_picture(tmp_path):
    _logo(tmp_path)
    site = build_fixture_site(tmp_path, {**HOME, "startups/lumiere.yaml": STARTUP})
    assert site.returncode == 0, site.log
    for url in ("/start-up/lumiere/", "/en/start-ups/lumiere/"):
        picture = site.html(url).select_one(".startup__logo picture")
        assert picture is not None, url
        img = picture.img
        assert img["alt"] == "Logo de Lumière"
        assert site.exists(img["src"])
        with Image.open(site.path_for(img["src"])) as published:
            assert (published.width, published.height) == (int(img["width"]), int(img["height"]))
    # the English page's alt text falls back to French and says so
    assert site.html("/en/start-ups/lumiere/").select_one(".startup__logo span")["lang"] == "fr"


def test_missing_logo_file_names_the_yaml_field(tmp_path):
    site = build_fixture_site(tmp_path, {**HOME, "startups/lumiere.yaml": STARTUP})
    assert site.returncode != 0
    assert "content/startups/lumiere.yaml:3: logo: no such file: content/images/logos/lumiere.png" in site.log
