"""Theme assets are published under content-hashed names, references rewritten."""

from llv_assets.assets import AssetError, build_manifest

import pytest


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


def test_real_site_links_hashed_stylesheet(site):
    link = site.html("/").find("link", rel="stylesheet")["href"]
    path = site.local(link)
    assert path.startswith("/theme/css/site.") and path.endswith(".css")
    assert site.exists(path)
