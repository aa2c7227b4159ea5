"""Theme assets are published under content-hashed names, references rewritten."""

import re

import pytest

from llv.assets.assets import AssetError, build_manifest
from llv.common.testing import build_site, page

HASHED = re.compile(r"/theme/[\w/-]+\.[0-9a-f]{10}\.\w+")


def test_stylesheet_references_hashed_font(tmp_path):
    (tmp_path / "fonts").mkdir()
    (tmp_path / "css").mkdir()
    (tmp_path / "fonts" / "a.woff2").write_bytes(b"font-bytes")
    (tmp_path / "css" / "site.css").write_text("@font-face{src:url('../fonts/a.woff2')}")
    manifest = build_manifest(tmp_path, "theme/")
    font = manifest["fonts/a.woff2"]
    css = manifest["css/site.css"]
    assert font.url.startswith("theme/fonts/a.") and font.url.endswith(".woff2")
    assert css.data.decode() == f"@font-face{{src:url(../{font.hashed})}}"
    # the stylesheet's name changes when the font changes
    (tmp_path / "fonts" / "a.woff2").write_bytes(b"other-bytes")
    assert build_manifest(tmp_path, "theme/")["css/site.css"].url != css.url


def test_missing_css_reference_is_an_error(tmp_path):
    (tmp_path / "site.css").write_text("a{background:url(missing.png)}")
    with pytest.raises(AssetError, match="missing.png"):
        build_manifest(tmp_path, "theme/")


def test_pages_link_the_theme_files_by_their_hashed_names(tmp_path):
    site = build_site(tmp_path, {"pages/about.fr.md": page("À propos", "a-propos")})
    head = site.html("/a-propos/").head
    for link, name in ((head.find("link", rel="stylesheet"), "css/site"),
                       (head.find("link", rel="icon"), "img/icon")):
        assert HASHED.fullmatch(link["href"]) and link["href"].startswith(f"/theme/{name}."), link
        assert site.exists(link["href"])
    # only the hashed names are published
    assert not (site.output / "theme" / "css" / "site.css").exists()
