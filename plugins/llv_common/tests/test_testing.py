"""The tiny sites of the plugins' tests: each build runs alone, with what its
plugins declare they need."""

import importlib

from pelican.settings import read_settings

from llv_common.testing import SITE_SETTINGS, THEME_NEEDS, build_site, page, site_plugins

APOSTROPHE = {"pages/about.fr.md": page("À propos", "a-propos", body="L'école.")}


def test_a_plugin_of_one_build_does_not_run_in_the_next(tmp_path):
    typeset = build_site(tmp_path / "a", "llv_typography", APOSTROPHE)
    assert "L’école." in typeset.path_for("/a-propos/").read_text(encoding="utf-8")
    plain = build_site(tmp_path / "b", "llv_i18n", APOSTROPHE)
    assert "L'école." in plain.path_for("/a-propos/").read_text(encoding="utf-8")


def test_every_build_shows_every_warning(tmp_path):
    for folder in ("a", "b"):  # Pelican shows a message once per process
        site = build_site(tmp_path / folder, "llv_content", APOSTROPHE)
        assert "pages/about.fr.md: page 'about' has no translation in en" in site.log


def test_a_plugin_comes_with_its_needs_and_the_theme_s_in_the_site_s_order():
    assert site_plugins("llv_agenda") == ["llv_i18n", "llv_content", "llv_assets", "llv_agenda",
                                          "llv_seo"]


def test_every_plugin_of_the_site_finds_what_it_needs_before_it():
    plugins = read_settings(str(SITE_SETTINGS))["PLUGINS"]
    assert set(THEME_NEEDS) <= set(plugins)
    for position, name in enumerate(plugins):
        for need in importlib.import_module(name).NEEDS:
            assert need in plugins[:position], f"{name} needs {need} before it in PLUGINS"
