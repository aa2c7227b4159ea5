"""Snapshots of what a visitor reads: one page of each type, in both languages, of
the fixture site in `tests/snapshot_site/` (its own content, never `content/`),
built in-process with the real theme and every plugin at the tests' fixed "now".

Each snapshot (`tests/snapshots/<lang>/<type>.txt`) holds the page's `<title>`,
meta description and Open Graph (and Twitter) texts, its visible text one block
per line (images as `[image: alt]`), and its JSON-LD pretty-printed.
`tests/test_snapshots.py` compares; `make snapshots` (`python -m tests.snapshot_pages`)
rewrites them after a deliberate change, so that the commit shows what visitors
will read differently.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from pelican.settings import read_settings

from llv.common.testing import SITE_SETTINGS, Site, build_site
from llv.common.visible_text import READ_META, read_page

TESTS = Path(__file__).resolve().parent
SITE = TESTS / "snapshot_site"
SNAPSHOTS = TESTS / "snapshots"
# type: (French URL, English URL)
PAGES = {
    "home": ("/", "/en/"),
    "page": ("/a-propos/", "/en/about/"),
    "apply": ("/candidater/", "/en/apply/"),
    "news-post": ("/actualites/lancement-deuxieme-promotion/", "/en/news/second-cohort-starts/"),
    "news-index": ("/actualites/", "/en/news/"),
    "startup": ("/start-up/lumiere/", "/en/start-ups/lumiere/"),
    "startups": ("/start-up/", "/en/start-ups/"),
    "partners": ("/partenaires/", "/en/partners/"),
    "event": ("/agenda/atelier-2027/", "/en/events/atelier-2027/"),
    "event-past": ("/agenda/rencontre-2025/", "/en/events/rencontre-2025/"),
    "call": ("/agenda/appel-2027/", "/en/events/appel-2027/"),
    "agenda": ("/agenda/", "/en/events/"),
    "search": ("/recherche/", "/en/search/"),
    "404": ("/404.html", "/en/404.html"),
}
LANGS = ("fr", "en")


def build(folder: Path) -> Site:
    """The fixture site with every plugin of the real site."""
    files = {path.relative_to(SITE).as_posix(): path.read_bytes()
             for path in sorted(SITE.rglob("*")) if path.is_file()}
    # The real site's menu, with the pages the fixture has, as visitors meet it.
    return build_site(folder, files,
                      {"NAVIGATION": ("about", "apply", "@startups", "@partners", "@news", "@agenda")})


def snapshot(html: str) -> str:
    """What a visitor reads on a page, as the text of its snapshot."""
    page = read_page(html)
    lines = [f"title: {page.title}"]
    lines += [f"{name}: {page.meta[name]}" for name in READ_META if name in page.meta]
    lines += ["", "== text ==", *page.blocks]
    for data in page.json_ld:
        lines += ["", "== JSON-LD ==", json.dumps(data, ensure_ascii=False, indent=2)]
    return "\n".join(lines) + "\n"


def snapshots(site: Site) -> dict[str, str]:
    """`<lang>/<type>.txt`: its text, for every page of PAGES."""
    return {f"{lang}/{kind}.txt": snapshot(site.path_for(url).read_text(encoding="utf-8"))
            for kind, urls in PAGES.items() for lang, url in zip(LANGS, urls)}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="llv-snapshots-") as folder:
        try:
            texts = snapshots(build(Path(folder)))
        except AssertionError as failure:  # the build logged errors, or a page shows code
            print(f"snapshots not written: {failure}", file=sys.stderr)
            return 1
    changed = 0
    for name, text in texts.items():
        path = SNAPSHOTS / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed += 1
            print(f"written {path.relative_to(TESTS.parent)}")
    for path in sorted(SNAPSHOTS.rglob("*.txt")):
        if path.relative_to(SNAPSHOTS).as_posix() not in texts:
            path.unlink()
            changed += 1
            print(f"removed {path.relative_to(TESTS.parent)}")
    print(f"{len(texts)} snapshots, {changed} changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
