"""A build whose sources did not change does nothing, and a change is never missed."""

import os

from tests.sitetools import build_fixture_site, page

HOME = {
    "pages/home.fr.md": page("Accueil", "accueil", template="home"),
    "pages/home.en.md": page("Home", "home", template="home"),
    "pages/about.fr.md": page("À propos", "a-propos"),
}
# ends 21 November 2026 at 21:00, Paris time
EVENT = """\
slug: afterwork
kind: afterwork
title: {fr: Afterwork}
start: 2026-11-21 18:30
end: 2026-11-21 21:00
"""
NO_CLOCK = "BUILD_NOW = None\n"  # the clock comes from SOURCE_DATE_EPOCH below


def _at(utc: str) -> dict:
    from datetime import datetime, timezone
    moment = datetime.fromisoformat(utc).replace(tzinfo=timezone.utc)
    return {**os.environ, "SOURCE_DATE_EPOCH": str(int(moment.timestamp()))}


def test_second_build_does_nothing_and_keeps_every_file(tmp_path):
    first = build_fixture_site(tmp_path, HOME)
    assert first.returncode == 0, first.log
    before = {p: p.stat().st_mtime_ns for p in first.output.rglob("*")}
    second = build_fixture_site(tmp_path, HOME)
    assert second.returncode == 0
    assert "Nothing to build" in second.log
    assert {p: p.stat().st_mtime_ns for p in second.output.rglob("*")} == before


def test_a_changed_source_is_rebuilt(tmp_path):
    build_fixture_site(tmp_path, HOME)
    changed = {**HOME, "pages/about.fr.md": page("À propos de nous", "a-propos")}
    second = build_fixture_site(tmp_path, changed)
    assert "Built" in second.log
    assert second.html("/a-propos/").h1.get_text() == "À propos de nous"


def test_a_touched_but_identical_source_is_not_rebuilt(tmp_path):
    build_fixture_site(tmp_path, HOME)
    # build_fixture_site writes every content file again, same bytes, new mtimes
    second = build_fixture_site(tmp_path, HOME)
    assert "Nothing to build" in second.log


def test_a_deleted_output_file_is_restored(tmp_path):
    first = build_fixture_site(tmp_path, HOME)
    first.path_for("/a-propos/").unlink()
    second = build_fixture_site(tmp_path, HOME)
    assert "Built" in second.log and second.exists("/a-propos/")


def test_the_clock_passing_an_event_end_rebuilds_the_agenda(tmp_path):
    files = {**HOME, "events/afterwork.yaml": EVENT}
    before = build_fixture_site(tmp_path, files, NO_CLOCK, env=_at("2026-11-21T17:00:00"))
    assert before.returncode == 0, before.log
    assert before.html("/agenda/").select(".agenda__upcoming .event-card")
    # same day, no agenda moment passed: nothing to do
    later = build_fixture_site(tmp_path, files, NO_CLOCK, env=_at("2026-11-21T18:00:00"))
    assert "Nothing to build" in later.log
    # 21:30 in Paris: the afterwork is over and moves to the archives
    after = build_fixture_site(tmp_path, files, NO_CLOCK, env=_at("2026-11-21T20:30:00"))
    assert "Built" in after.log
    assert not after.html("/agenda/").select(".agenda__upcoming .event-card")
    assert after.exists("/agenda/archives/2026/")


def test_other_settings_mean_a_real_build(tmp_path):
    build_fixture_site(tmp_path, HOME)
    other = tmp_path / "otherconf.py"
    other.write_text((tmp_path / "testconf.py").read_text() + 'SITEURL = "https://llv.example"\n')
    from tests.sitetools import run_build
    result = run_build(other, tmp_path / "output")
    assert "Built" in result.stdout + result.stderr
    assert 'href="https://llv.example/a-propos/"' in (tmp_path / "output/a-propos/index.html").read_text()
