"""Two builds of the same sources are byte-identical (incremental deploys rely on it)."""

from tests.sitetools import build_real_site


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
