"""Two builds of the same sources are byte-identical (incremental deploys rely on it)."""

from tests.sitetools import build_real_site


def test_two_builds_of_the_real_site_are_byte_identical(site, tmp_path):
    again = build_real_site(tmp_path / "output")
    assert again.returncode == 0, again.log
    first = sorted(p.relative_to(site.output) for p in site.output.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again.output) for p in again.output.rglob("*") if p.is_file())
    assert first == second
    different = [str(p) for p in first
                 if (site.output / p).read_bytes() != (again.output / p).read_bytes()]
    assert not different, different
