"""The helpers the plugins share: the build's "now", what a build renders, the time
limit on work over editors' input."""

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest

from llv.common.clock import build_now, clock_signature
from llv.common.testing import HOME, build_site, page
from llv.common.timelimit import TooSlow, time_limit

PARIS = ZoneInfo("Europe/Paris")


def test_a_feed_with_no_item_is_dated_by_the_build_not_the_clock():
    import io

    from llv.common.feeds import AtomFeed, RssFeed

    day = dt.datetime(2026, 11, 21, tzinfo=PARIS)
    for feed_class, date in ((AtomFeed, "<updated>2026-11-21T00:00:00+01:00</updated>"),
                             (RssFeed, "<lastBuildDate>Sat, 21 Nov 2026 00:00:00 +0100")):
        feed = feed_class(title="t", link="https://a.fr/", description="d", empty_date=day)
        written = io.StringIO()
        feed.write(written, "utf-8")
        assert date in written.getvalue(), written.getvalue()


def test_now_is_build_now_then_source_date_epoch_then_the_clock(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    settings = {"TIMEZONE": "Europe/Paris"}
    assert build_now({**settings, "BUILD_NOW": "2026-11-21T12:00:00"}) == \
        dt.datetime(2026, 11, 21, 12, tzinfo=PARIS)
    assert build_now(settings) == dt.datetime(2023, 11, 14, 23, 13, 20, tzinfo=PARIS)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert abs(build_now(settings) - dt.datetime.now(tz=PARIS)) < dt.timedelta(minutes=1)


def test_the_clock_signature_changes_with_the_day_and_each_moment_passed():
    moments = ["2026-11-21T18:30:00", "2026-11-21T21:00:00"]

    def at(now):
        return clock_signature({"TIMEZONE": "Europe/Paris", "BUILD_NOW": now}, moments)

    assert at("2026-11-21T12:00:00") == at("2026-11-21T18:00:00")
    assert at("2026-11-21T18:00:00") != at("2026-11-21T18:30:00") != at("2026-11-21T21:30:00")
    assert at("2026-11-21T23:59:00") != at("2026-11-22T00:01:00")


def test_render_only_writes_the_open_pages_with_their_images_and_theme_files(tmp_path):
    files = {**HOME, "pages/about.fr.md": page("À propos", "a-propos"),
             "news/a.fr.md": page("Actualité", "actualite", date="2026-01-01")}
    site = build_site(tmp_path / "devserver", files, {"RENDER_ONLY": {"a-propos/index.html"}})
    written = {p.relative_to(site.output).as_posix() for p in site.output.rglob("*") if p.is_file()}
    assert {name for name in written if not name.startswith(("theme/", "images/"))} == {
        "a-propos/index.html"}
    assert {"images/social", "theme/css"} <= {name.rsplit("/", 1)[0] for name in written}
    # `make check`: everything read and checked, no page, feed or image written
    check = build_site(tmp_path / "check", files, {"RENDER_ONLY": set()})
    assert all(p.relative_to(check.output).parts[0] == "theme"
               for p in check.output.rglob("*") if p.is_file())


def test_work_over_its_time_limit_is_stopped():
    with pytest.raises(TooSlow, match="over 0.1 s"):
        with time_limit(0.1):
            while True:
                pass
    # outside the main thread there is no timer to stop it: the work runs
    results = []
    thread = threading.Thread(target=lambda: results.append(_limited_sum()))
    thread.start()
    thread.join()
    assert results == [sum(range(100_000))]


def _limited_sum():
    with time_limit(0.000001):
        return sum(range(100_000))
