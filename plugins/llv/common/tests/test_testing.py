"""The tiny sites of the plugins' tests: the whole build, less what a test names."""

from llv.common.testing import build_site, page
from llv.search.index import write_index
from llv.typography.output import typeset_output

APOSTROPHE = {"pages/about.fr.md": page("À propos", "a-propos", body="L'école.")}


def test_a_receiver_left_out_does_not_run_and_comes_back_in_the_next_build(tmp_path):
    plain = build_site(tmp_path / "a", APOSTROPHE, without={typeset_output, write_index})
    assert "L'école." in plain.path_for("/a-propos/").read_text(encoding="utf-8")
    typeset = build_site(tmp_path / "b", APOSTROPHE)
    assert "L’école." in typeset.path_for("/a-propos/").read_text(encoding="utf-8")


def test_every_build_shows_every_warning(tmp_path):
    for folder in ("a", "b"):  # Pelican shows a message once per process
        site = build_site(tmp_path / folder, APOSTROPHE)
        assert "pages/about.fr.md: page 'about' has no translation in en" in site.log
