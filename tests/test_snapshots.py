"""What a visitor reads on one page of each type, in both languages, against the
committed snapshots (tests/snapshot_pages.py): a difference fails with a unified
diff; `make snapshots` rewrites them after a deliberate change."""

import difflib

import pytest

from tests.snapshot_pages import LANGS, PAGES, SNAPSHOTS, build, snapshots


@pytest.fixture(scope="module")
def texts(tmp_path_factory):
    return snapshots(build(tmp_path_factory.mktemp("snapshot-site")))


@pytest.mark.parametrize("name", [f"{lang}/{kind}.txt" for kind in PAGES for lang in LANGS])
def test_a_page_reads_as_its_snapshot(texts, name):
    path = SNAPSHOTS / name
    if not path.is_file():
        pytest.fail(f"no snapshot tests/snapshots/{name}: run `make snapshots` and commit it")
    expected = path.read_text(encoding="utf-8")
    if texts[name] != expected:
        diff = difflib.unified_diff(expected.splitlines(keepends=True),
                                    texts[name].splitlines(keepends=True),
                                    f"tests/snapshots/{name} (committed)", f"{name} (built now)")
        pytest.fail("what a visitor reads changed (if deliberate, run `make snapshots` and "
                    "commit the result):\n" + "".join(diff), pytrace=False)


def test_no_snapshot_is_left_of_a_page_no_longer_kept(texts):
    kept = {path.relative_to(SNAPSHOTS).as_posix() for path in SNAPSHOTS.rglob("*.txt")}
    assert kept <= set(texts), "run `make snapshots` to remove them"
