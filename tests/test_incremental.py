"""A rebuild that renders only what changed gives, byte for byte, the site a full
build of the same sources gives: after changing, adding, deleting and renaming
content and after changing a template. The incremental builds render on three
processes (and the first one reads ahead on three), the full ones on one: the
number of processes changes nothing."""

import re
import shutil
from pathlib import Path

import pytest

from tests.sitetools import ROOT, run_build

STATS = re.compile(r"Rebuild: (\d+) file\(s\) rendered, (\d+) reused")


@pytest.fixture
def site(tmp_path):
    """The real content and theme, copied so that the test can edit them."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "theme", tmp_path / "theme",
                    ignore=shutil.ignore_patterns("fonts"))
    (tmp_path / "theme" / "fonts").symlink_to(ROOT / "theme" / "fonts")
    settings = tmp_path / "siteconf.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *  # noqa\n"
        f"PATH = {str(tmp_path / 'content')!r}\n"
        f"THEME = {str(tmp_path / 'theme')!r}\n"
        f"IMAGE_CACHE_DIR = {str(tmp_path / 'image-cache')!r}\n"
        'BUILD_NOW = "2026-11-21T12:00:00"\n'
        "RENDER_WORKERS = 3\nREAD_AHEAD_MINIMUM = 1\n",
        encoding="utf-8",
    )
    serial = tmp_path / "serialconf.py"
    serial.write_text(f"exec(open({str(settings)!r}).read())\nRENDER_WORKERS = 1\n",
                      encoding="utf-8")
    return tmp_path, settings


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def rebuild_and_compare(tmp: Path, settings: Path, step: str) -> tuple[int, int]:
    """Rebuild `incremental/` in place, build `cold-<step>/` from nothing; compare."""
    incremental = run_build(settings, tmp / "incremental")
    assert incremental.returncode == 0, incremental.stdout + incremental.stderr
    cold = run_build(settings.with_name("serialconf.py"), tmp / f"cold-{step}", "--force")
    assert cold.returncode == 0, cold.stdout + cold.stderr
    got, expected = tree(tmp / "incremental"), tree(tmp / f"cold-{step}")
    assert sorted(got) == sorted(expected), f"{step}: not the same files"
    different = [name for name in expected if got[name] != expected[name]]
    assert not different, f"{step}: these files differ from a full build: {different}"
    rendered, reused = STATS.search(incremental.stdout).groups()
    return int(rendered), int(reused)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_incremental_rebuilds_equal_full_builds(site):
    tmp, settings = site
    content = tmp / "content"
    first = run_build(settings, tmp / "incremental")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Read ahead on 3 processes" in first.stdout
    total = sum(int(n) for n in STATS.search(first.stdout).groups())

    # changed: a news text and a start-up's pitch
    with (content / "news" / "totem-launch-2014.fr.md").open("a", encoding="utf-8") as news:
        news.write("\nUn paragraphe ajouté après coup.\n")
    edit(content / "startups" / "teweco.yaml", "suit ses clients",
         "suit chacun de ses clients")
    rendered, reused = rebuild_and_compare(tmp, settings, "changed")
    assert 0 < rendered < total / 2 and reused > total / 2

    # added: a news item in both languages; deleted: a partner nobody refers to
    for lang, title in (("fr", "Une nouvelle actualité"), ("en", "A new news item")):
        (content / "news" / f"added-2026.{lang}.md").write_text(
            f"---\ntitle: {title}\nslug: {'nouvelle' if lang == 'fr' else 'new'}\n"
            f"date: 2026-11-20\nsummary: {title}.\n---\n\n{title}, written for the test.\n",
            encoding="utf-8")
    (content / "partners" / "orange.yaml").unlink()
    rendered, reused = rebuild_and_compare(tmp, settings, "added-deleted")
    assert reused > 0

    # renamed: a news item's files and its address
    for lang in ("fr", "en"):
        (content / "news" / f"added-2026.{lang}.md").rename(
            content / "news" / f"renamed-2026.{lang}.md")
    edit(content / "news" / "renamed-2026.fr.md", "slug: nouvelle", "slug: renommee")
    rendered, reused = rebuild_and_compare(tmp, settings, "renamed")
    assert reused > 0
    assert not (tmp / "incremental" / "actualites" / "nouvelle").exists()

    # a template used by start-up pages only
    edit(tmp / "theme" / "templates" / "startup.html", "{% endblock %}",
         "{% endblock %}{# edited #}")
    edit(tmp / "theme" / "templates" / "partials" / "footer.html", "</footer>",
         "<p>Test</p></footer>")
    rebuild_and_compare(tmp, settings, "template")

    # a Jinja option: templates compiled by the last build are not used with it
    with settings.open("a", encoding="utf-8") as conf:
        conf.write('JINJA_ENVIRONMENT = {**JINJA_ENVIRONMENT, "trim_blocks": False}\n')
    rebuild_and_compare(tmp, settings, "jinja-option")
    assert tree(tmp / "cold-jinja-option") != tree(tmp / "cold-template")


def test_a_page_is_rendered_again_when_its_file_was_changed_by_hand(site):
    tmp, settings = site
    output = tmp / "incremental"
    assert run_build(settings, output).returncode == 0
    about = output / "a-propos" / "index.html"
    original = about.read_bytes()
    about.write_bytes(b"edited by hand")
    with (tmp / "content" / "news" / "totem-launch-2014.fr.md").open("a") as news:
        news.write("\nUne ligne.\n")  # a real change, so that the build runs
    assert run_build(settings, output).returncode == 0
    assert about.read_bytes() == original
