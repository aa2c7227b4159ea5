"""The Pagefind index, written at the end of the build into the output folder.

Pagefind (the binary that the `pagefind[bin]` package ships, run as `python
-m pagefind`) reads the HTML files Pelican wrote, keeps the pages marked
`data-pagefind-body`, and writes an index per language (`<html lang>`), so
French words are stemmed as French. It holds every page it reads in memory
until it writes: it is run once per language, on that language's folders
only, and the indexes are put together in one bundle, `pagefind/`, which the
search pages of every language load.
(Its Python API answers each request after a fixed 0.1 s pause: the command
line indexes the whole site in the time the API takes for two requests.)
A failure is logged as an error, which fails the build.

Pagefind 1.5 keeps the filters in hash maps seeded anew in every run (its
issue #638): the order of the filters in the language's metadata file and of
the values in each filter file changes from run to run; and it numbers the
pages in the order the file system lists the files, which differs between
two clones. `normalise` numbers the pages in the order of their fragments'
names, puts the filters in name order and names the files it changed after
their new bytes, as Pagefind does, so that the same pages give the same
bytes. Each file is decoded and checked to encode back to the same bytes
first: a format it does not know fails the build rather than the search. Each language's index is
also kept in SEARCH_INDEX_CACHE_DIR under the digest of what Pagefind reads,
so a build whose pages of a language did not change does not run Pagefind
for it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from llv.common.outputs import SEARCH_INDEX_FOLDER
from llv.common.rendering import is_rendered
from llv.common.services import FinishedPage, services
from llv.search import cbor

log = logging.getLogger(__name__)

BUNDLE = SEARCH_INDEX_FOLDER
ENTRY = "pagefind-entry.json"
# Pagefind also writes its ready-made interfaces; the search page uses its own
# small script on the JS API (theme/static/js/search.js): they are not published.
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
                "pagefind-modular-ui.css", "pagefind-component-ui.js",
                "pagefind-component-ui.css", "pagefind-highlight.js",
                "pagefind-worker.js")  # search.js runs Pagefind without a worker
TIMEOUT = 300  # seconds
# Left out of what Pagefind indexes, so that a result's excerpt starts with the text a
# reader wants (the page's first sentence, an event's summary), not with the way to
# the page ("Agenda · Salon"), its title (already the result's title: Pagefind still
# takes it from the <h1>), its date or an event's facts ("Quand … Où …").
NOT_INDEXED = ("main h1", ".article__section", ".article__date", ".event__section",
               ".event__facts", ".startup__section")
INDEXES_KEPT = 16
# Every compressed file Pagefind writes starts with this, once decompressed.
SIGNATURE = b"pagefind_dcd"


class LanguagePages:
    """The HTML files of one language: a glob for Pagefind, and the digest of
    what Pagefind reads in them."""

    def __init__(self, lang: str, glob: str):
        self.lang, self.glob = lang, glob
        self.digest = hashlib.sha256(f"{version('pagefind')} {NOT_INDEXED} {lang}".encode())
        self.indexed = False  # has a page marked data-pagefind-body

    def add(self, relative: str, page: FinishedPage) -> None:
        self.digest.update(f"{relative}\0".encode())
        self.digest.update(page.digest)
        self.indexed = self.indexed or page.indexed


def language_pages(site: Path, prefixes: dict[str, str],
                   finished: dict[str, FinishedPage]) -> list[LanguagePages]:
    """The pages of each language of `prefixes` (language: URL prefix, "" or
    "en/"), in language order, from the `finished` pages of `site` (none is read
    again). A language's pages are those under its prefix; the language without
    one has the other folders (not the bundle)."""
    folders = {prefix.strip("/"): lang for lang, prefix in prefixes.items() if prefix}
    root = next((lang for lang, prefix in prefixes.items() if not prefix), None)
    others = sorted(entry.name for entry in os.scandir(site)
                    if entry.is_dir() and entry.name not in folders and entry.name != BUNDLE)
    globs = {lang: f"{_escape(folder)}/**/*.html" for folder, lang in folders.items()}
    if root:
        globs[root] = "{" + ",".join(["*.html", *(f"{_escape(f)}/**/*.html" for f in others)]) + "}"
    languages = {lang: LanguagePages(lang, globs[lang]) for lang in prefixes}
    for relative in sorted(finished):
        top = relative.split("/", 1)[0] if "/" in relative else ""
        lang = folders.get(top, root)
        if relative.endswith(".html") and lang and top != BUNDLE:
            languages[lang].add(relative, finished[relative])
    return list(languages.values())


def _escape(name: str) -> str:
    return re.sub(r"([\\{}\[\]*?,<>:!#$])", r"\\\1", name)


def index_languages(site: Path, languages: list[tuple[LanguagePages, Path]]) -> None:
    """Index each language of `site` into its folder (`[(pages, folder)…]`), one
    Pagefind at a time (its memory); a language's files are put in their fixed
    order (`normalise`) while Pagefind reads the next one. Raises RuntimeError."""
    done = None  # the language whose Pagefind ended: (its staging folder, its folder)
    staged = []  # removed at the end: what was not put in the cache (a failure) is gone
    try:
        for pages, folder in languages:
            staging = folder.with_name(f"{folder.name}.{os.getpid()}.tmp")
            shutil.rmtree(staging, ignore_errors=True)
            staged.append(staging)
            with tempfile.TemporaryFile("w+") as report:
                process = _start_pagefind(site, pages, staging, report)
                try:
                    if done:
                        _keep_language(*done)
                    process.wait(timeout=TIMEOUT)
                except subprocess.TimeoutExpired as error:
                    raise RuntimeError(str(error)) from None
                finally:
                    if process.poll() is None:  # a failure or an interruption here
                        process.kill()
                        process.wait()
                if process.returncode != 0 or not (staging / ENTRY).is_file():
                    report.seek(0)
                    lines = report.read().strip().splitlines()
                    raise RuntimeError(" / ".join(lines[-5:])
                                       or f"exit status {process.returncode}")
            done = staging, folder
        if done:
            _keep_language(*done)
    finally:
        for staging in staged:
            shutil.rmtree(staging, ignore_errors=True)


def _start_pagefind(site: Path, pages: LanguagePages, bundle: Path, report) -> subprocess.Popen:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--glob", pages.glob,
               "--output-path", str(bundle),
               *(part for selector in NOT_INDEXED for part in ("--exclude-selectors", selector))]
    try:  # its report in a file, not a pipe: a full pipe would stop it while we work
        return subprocess.Popen(command, stdout=report, stderr=subprocess.STDOUT, text=True)
    except OSError as error:
        raise RuntimeError(str(error)) from None


def _keep_language(staging: Path, folder: Path) -> None:
    """Pagefind's files in `staging` made ready and put in their `folder` of the cache."""
    for name in UNUSED_FILES:
        (staging / name).unlink(missing_ok=True)
    normalise(staging)
    shutil.rmtree(folder, ignore_errors=True)
    os.replace(staging, folder)


def normalise(bundle: Path) -> None:
    """Give each language of `bundle` the bytes its pages decide alone: pages
    numbered in the order of their fragments' names (Pagefind numbers them in
    the order the file system lists the files), filters in name order, and
    the values in each filter file; what changed is renamed after its new
    bytes as Pagefind names it (`<lang>_` and the start of the SHA-1 of the
    uncompressed bytes). A file not shaped as Pagefind 1.5 writes it raises
    RuntimeError, ValueError, KeyError or TypeError (the build fails)."""
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    for lang, language in entry["languages"].items():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        # [version, pages ([fragment, words]), word chunks ([from, to, hash]),
        #  filters ([name, hash]), sorts ([name, [page…]]), metadata fields]
        version_, pages, chunks, filters, sorts, fields = _read(meta_path)
        order = sorted(range(len(pages)), key=pages.__getitem__)
        number = {old: new for new, old in enumerate(order)}

        def words(index):  # [[[word, pages, [[variant, pages]…]]…]]
            return [[[word, _renumbered(found, number),
                      [[variant, _renumbered(on, number)] for variant, on in variants]]
                     for word, found, variants in index[0]]]

        def values(index):  # [filter, [[value, [page…]]…]]
            return [index[0], sorted([value, sorted(number[page] for page in found)]
                                     for value, found in index[1])]

        for chunk in chunks:
            chunk[2] = _rewrite(bundle / "index", lang, chunk[2], "pf_index", words)
        filters = sorted([name, _rewrite(bundle / "filter", lang, hash_, "pf_filter", values)]
                         for name, hash_ in filters)
        sorts = sorted([name, [number[page] for page in found]] for name, found in sorts)
        meta = [version_, [pages[old] for old in order], chunks, filters, sorts, fields]
        old_hash = language["hash"]
        language["hash"] = _write(bundle, lang, cbor.dumps(meta), "pf_meta", len(lang) + 8)
        if language["hash"] != old_hash:
            meta_path.unlink()
    (bundle / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                                encoding="utf-8")


def _renumbered(found: list, number: dict[int, int]) -> list:
    """A word's pages, [[page, locations, metadata locations]…], each page
    number written as the difference from the previous one, renumbered."""
    pages, page = [], 0
    for step, *where in found:
        page += step
        pages.append([number[page], *where])
    pages.sort()
    steps, previous = [], 0
    for page, *where in pages:
        steps.append([page - previous, *where])
        previous = page
    return steps


def _rewrite(folder: Path, lang: str, hash_: str, suffix: str, change) -> str:
    """Replace the file `hash_` of `folder` by `change` of its content; its new hash."""
    path = folder / f"{hash_}.{suffix}"
    new_hash = _write(folder, lang, cbor.dumps(change(_read(path))), suffix, 7)
    if new_hash != hash_:
        path.unlink()
    return new_hash


def _read(path: Path) -> list:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise RuntimeError(f"{path.name}: not a Pagefind index file")
    return cbor.loads(data[len(SIGNATURE):])  # ValueError unless it encodes back to `data`


def _write(folder: Path, lang: str, data: bytes, suffix: str, length: int) -> str:
    """Write `data` compressed as Pagefind does; its hash (the file's name)."""
    digest = "".join(f"{byte:x}" for byte in hashlib.sha1(data).digest())  # Pagefind's {:x?}
    name = f"{lang}_{digest[:length]}"
    path = folder / (f"pagefind.{name}.{suffix}" if suffix == "pf_meta" else f"{name}.{suffix}")
    path.write_bytes(gzip.compress(SIGNATURE + data, compresslevel=9, mtime=0))
    return name


def cached_index(site: Path, prefixes: dict[str, str], finished: dict[str, FinishedPage],
                 cache_dir: Path) -> tuple[int, list, list]:
    """Put the index of `site` (its `finished` pages) in its `pagefind/`, each
    language from the cache when its pages were indexed before; (pages
    indexed, languages indexed, languages from the cache)."""
    bundle = site / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    bundle.mkdir()
    languages = [(pages, cache_dir / f"{pages.lang}-{pages.digest.hexdigest()[:32]}")
                 for pages in language_pages(site, prefixes, finished)
                 if pages.indexed]  # (else Pagefind would index every page of the language)
    missing = [(pages, kept) for pages, kept in languages if not (kept / ENTRY).is_file()]
    index_languages(site, missing)
    indexed = [pages.lang for pages, _ in missing]
    reused = [pages.lang for pages, _ in languages if pages.lang not in indexed]
    entry = None
    for _, kept in languages:
        os.utime(kept)
        shutil.copytree(kept, bundle, copy_function=_link_or_copy, dirs_exist_ok=True,
                        ignore=lambda folder, names: [ENTRY] if folder == str(kept) else [])
        language_entry = json.loads((kept / ENTRY).read_text(encoding="utf-8"))
        if entry is None:
            entry = language_entry
        else:
            entry["languages"].update(language_entry["languages"])
    _prune(cache_dir)
    if entry is None:
        return 0, indexed, reused
    (bundle / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                                encoding="utf-8")
    count = sum(language["page_count"] for language in entry["languages"].values())
    return count, indexed, reused


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except FileExistsError:  # a file every language's bundle has (pagefind.js…): the same
        pass
    except OSError:  # another file system
        shutil.copyfile(source, target)


def _prune(cache_dir: Path) -> None:
    indexes = sorted((p for p in cache_dir.iterdir() if p.is_dir()),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for path in indexes[INDEXES_KEPT:]:
        shutil.rmtree(path, ignore_errors=True)


@dataclass(frozen=True)
class IndexJob:
    """What indexing a built site needs, from its settings and its finished pages:
    handed by the build's process to the one that runs Pagefind (tools.build)."""

    site: Path
    prefixes: dict[str, str]  # language: URL prefix ("" or "en/")
    finished: dict[str, FinishedPage]
    cache_dir: str | None  # SEARCH_INDEX_CACHE_DIR

    @classmethod
    def of(cls, settings, site: Path) -> IndexJob:
        finished = services(settings).finished_pages
        if finished is None:
            raise RuntimeError("the search index is made from the finished pages:"
                               " llv.typography's typeset_output runs before write_index")
        prefixes = {lang: language["prefix"] for lang, language in settings["LANGUAGES"].items()}
        return cls(site, prefixes, finished, settings.get("SEARCH_INDEX_CACHE_DIR"))

    def run(self) -> str | None:
        """Index the site; its failure in one line, or None."""
        started = time.perf_counter()
        try:
            if self.cache_dir:
                cache_dir = Path(self.cache_dir)
                cache_dir.mkdir(parents=True, exist_ok=True)
                count, indexed, reused = cached_index(self.site, self.prefixes, self.finished,
                                                      cache_dir)
            else:
                with tempfile.TemporaryDirectory() as cache_dir:
                    count, indexed, reused = cached_index(self.site, self.prefixes,
                                                          self.finished, Path(cache_dir))
        except (RuntimeError, OSError, ValueError, KeyError, TypeError) as error:
            # (the last three: an index file not shaped as Pagefind 1.5 writes it)
            return f"Search index: Pagefind failed on {self.site}: {error}"
        how = "; ".join([*([f"{', '.join(indexed)} indexed"] if indexed else []),
                         *([f"{', '.join(reused)} unchanged, index reused"] if reused else [])])
        print(f"Search index: {count} pages ({how}) in {time.perf_counter() - started:.2f} s",
              flush=True)
        return None


def write_index(pelican) -> None:
    """Pelican's `finalized` signal: index the site built in `pelican.output_path`
    (not when the build renders only some pages, the devserver's first pass; nor
    when SEARCH_INDEX_AFTER_PELICAN says that the caller runs the IndexJob once
    Pelican's process has ended, tools.build, so that Pagefind's memory and
    Pelican's are not held at once)."""
    settings = pelican.settings
    if settings.get("SEARCH_INDEX_AFTER_PELICAN") or not is_rendered(settings, f"{BUNDLE}/{ENTRY}"):
        return
    failure = IndexJob.of(settings, Path(pelican.output_path)).run()
    if failure:
        log.error("%s", failure)
