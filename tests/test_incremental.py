"""A rebuild (Pelican's reader cache warm, the previous output in place) gives,
byte for byte, the site a full build of the same sources gives: after changing,
adding, deleting and renaming content, changing an image a text shows, a
template and a setting. Files whose bytes did not change keep their mtime."""

import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from tests.sitetools import ROOT, private_caches, run_build
from tools.settings_files import inherit_site_settings

STATS = re.compile(r"(\d+) files new or changed, (\d+) unchanged")


@pytest.fixture
def site(tmp_path):
    """The real content and theme, copied so that the test can edit them."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "theme", tmp_path / "theme")  # a link would lead outside it
    settings = tmp_path / "siteconf.py"
    settings.write_text(
        inherit_site_settings() +
        f"PATH = {str(tmp_path / 'content')!r}\n"
        f"THEME = {str(tmp_path / 'theme')!r}\n"
        f"IMAGE_CACHE_DIR = {str(tmp_path / 'image-cache')!r}\n"
        + private_caches(tmp_path) +
        'BUILD_NOW = "2026-11-21T12:00:00"\n',
        encoding="utf-8",
    )
    return tmp_path, settings


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
            for p in folder.rglob("*") if p.is_file()}


def rebuild_and_compare(tmp: Path, settings: Path, step: str) -> int:
    """Rebuild `incremental/`, build `cold-<step>/` from nothing (no reader
    cache); compare them. The number of files the rebuild changed."""
    before = mtimes(tmp / "incremental")
    incremental = run_build(settings, tmp / "incremental")
    assert incremental.returncode == 0, incremental.stdout + incremental.stderr
    cold = run_build(settings, tmp / f"cold-{step}", "--force")
    assert cold.returncode == 0, cold.stdout + cold.stderr
    got, expected = tree(tmp / "incremental"), tree(tmp / f"cold-{step}")
    assert sorted(got) == sorted(expected), f"{step}: not the same files"
    different = [name for name in expected if got[name] != expected[name]]
    assert not different, f"{step}: these files differ from a full build: {different}"
    after = mtimes(tmp / "incremental")
    touched = {name for name in after if before.get(name) != after[name]}
    changed, unchanged = map(int, STATS.search(incremental.stdout).groups())
    assert len(touched) == changed and len(after) == changed + unchanged
    return changed


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def photo(path: Path, colour) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (900, 600), colour).save(path)


def test_rebuilds_equal_full_builds(site):
    tmp, settings = site
    content = tmp / "content"
    first = run_build(settings, tmp / "incremental")
    assert first.returncode == 0, first.stdout + first.stderr
    total = int(STATS.search(first.stdout).group(1))

    # changed: a news text and a start-up's pitch
    with (content / "news" / "totem-launch-2014.fr.md").open("a", encoding="utf-8") as news:
        news.write("\nUn paragraphe ajouté après coup.\n")
    edit(content / "startups" / "teweco.yaml", "pitch:\n  fr: ", "pitch:\n  fr: Enfin, ")
    changed = rebuild_and_compare(tmp, settings, "changed")
    assert 0 < changed < total / 2

    # a legal fact filled in: the pages that show it, read from the cache, show it
    edit(content / "data" / "legal.yaml", "  rna: null\n", "  rna: W623001234\n")
    rebuild_and_compare(tmp, settings, "legal-fact")
    assert "W623001234" in (tmp / "incremental" / "mentions-legales" / "index.html").read_text()

    # added: a news item with a photo, in both languages; deleted: a partner
    photo(content / "images" / "atelier.jpg", (200, 120, 40))
    for lang, title in (("fr", "Une nouvelle actualité"), ("en", "A new news item")):
        (content / "news" / f"added-2026.{lang}.md").write_text(
            f"---\ntitle: {title}\nslug: {'nouvelle' if lang == 'fr' else 'new'}\n"
            f"date: 2026-11-20\nsummary: {title}.\n---\n\n## {title}\n\nWritten for the test.\n\n"
            f"![{title}](images/atelier.jpg)\n", encoding="utf-8")
    (content / "partners" / "orange.yaml").unlink()
    rebuild_and_compare(tmp, settings, "added-deleted")

    # the photo changes, its texts do not: the pages show the new one
    photo(content / "images" / "atelier.jpg", (20, 60, 200))
    rebuild_and_compare(tmp, settings, "image")

    # renamed: a news item's files and its address
    for lang in ("fr", "en"):
        (content / "news" / f"added-2026.{lang}.md").rename(
            content / "news" / f"renamed-2026.{lang}.md")
    edit(content / "news" / "renamed-2026.fr.md", "slug: nouvelle", "slug: renommee")
    rebuild_and_compare(tmp, settings, "renamed")
    assert not (tmp / "incremental" / "actualites" / "nouvelle").exists()

    # templates: one used by start-up pages only, one used by every page
    edit(tmp / "theme" / "templates" / "startup.html", "{% endblock %}",
         "{% endblock %}{# edited #}")
    edit(tmp / "theme" / "templates" / "partials" / "footer.html", "</footer>",
         "<p>Test</p></footer>")
    rebuild_and_compare(tmp, settings, "template")

    # a setting that changes how the Markdown already read is converted
    with settings.open("a", encoding="utf-8") as conf:
        conf.write('MARKDOWN = {**MARKDOWN, "extensions": [*MARKDOWN["extensions"],'
                   ' "markdown.extensions.toc"]}\n')
    rebuild_and_compare(tmp, settings, "setting")
    assert tree(tmp / "cold-setting") != tree(tmp / "cold-template")


def test_a_file_changed_by_hand_in_the_output_is_built_again(site):
    tmp, settings = site
    output = tmp / "incremental"
    assert run_build(settings, output).returncode == 0
    about = output / "a-propos" / "index.html"
    original = about.read_bytes()
    about.write_bytes(original.replace(b"<main", b"<MAIN", 1))  # the same size
    edited = about.stat().st_mtime_ns
    result = run_build(settings, output)
    assert result.returncode == 0 and "Nothing to build" not in result.stdout
    assert about.read_bytes() == original
    # a change for whoever reads the folder (a deploy, a server's Last-Modified), though
    # the page is what the previous build wrote: the hand edit is compared, not assumed
    assert about.stat().st_mtime_ns != edited


@pytest.mark.parametrize("mistake", [
    ("title: Lancement", "titel: Lancement"),  # front matter
    ("\n\n", "\n\n![](images/atelier.jpg)\n\n"),  # an image without alt text
])
def test_a_text_with_a_mistake_fails_every_build_until_fixed(site, mistake):
    """Pelican's reader cache never keeps a text whose reading logged an error."""
    tmp, settings = site
    photo(tmp / "content" / "images" / "atelier.jpg", (200, 120, 40))
    news = tmp / "content" / "news" / "totem-launch-2014.fr.md"
    original = news.read_text(encoding="utf-8")
    assert run_build(settings, tmp / "output").returncode == 0
    news.write_text(original.replace(*mistake, 1), encoding="utf-8")
    for _ in range(2):
        failed = run_build(settings, tmp / "output")
        assert failed.returncode == 1
        assert "content/news/totem-launch-2014.fr.md" in failed.stderr
    news.write_text(original, encoding="utf-8")
    assert run_build(settings, tmp / "output").returncode == 0
