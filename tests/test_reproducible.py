"""Two builds of the same sources are byte-identical (incremental deploys rely on it)."""

from tests.sitetools import BUILD_NOW, build_real_site


def files(folder) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_two_builds_of_the_real_site_are_byte_identical(site, tmp_path):
    again = build_real_site(tmp_path / "output")
    assert again.returncode == 0, again.log
    first, second = files(site.output), files(again.output)
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert not different, different


def test_the_real_site_is_built_at_a_fixed_now(site):
    """(else two builds on either side of midnight differ). The agenda's feed, with
    no upcoming event on the real site, is dated by the build's day."""
    feed = (site.output / "agenda" / "atom.xml").read_text(encoding="utf-8")
    assert f"<updated>{BUILD_NOW[:10]}T00:00:00+01:00</updated>" in feed
