"""Two builds of the same sources are byte-identical (incremental deploys rely on it)."""

from tests.sitetools import build_real_site, comparable


def files(folder) -> dict[str, bytes]:
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and (data := comparable(relative, path.read_bytes())) is not None:
            found[relative] = data
    return found


def test_two_builds_of_the_real_site_are_byte_identical(site, tmp_path):
    again = build_real_site(tmp_path / "output")
    assert again.returncode == 0, again.log
    first, second = files(site.output), files(again.output)
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert not different, different
