"""The rebuild record: for every file of the last build, what it was made from.

For a page: the fingerprint of its inputs (the site's fingerprint, its
template and the templates it pulls in, and the value of every context name
its render looked up), the names themselves, the images it asked for, and the
file's size and mtime once written. A build finds the record of the output
folder it will update; a page whose inputs give the same fingerprint, and
whose file in that folder is still the one recorded, is not rendered again:
the file is kept as it is and what the render asked of the image pipeline is
asked again. The record is saved only after the output folder was updated.

The site's fingerprint covers what pages do not look up by name: the code,
the theme's static files and catalogues, settings, images in content/, the
interpreter, and what the clock decided (llv_common.clock).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from llv_common.clock import clock_signature

from .fingerprint import Fingerprinter, digest_hex
from .parallel import RenderWorkers, worker_count


RECORD_VERSION = 3
# Content files that reach pages only through the values they are read into.
TEXT_SOURCES = (".md", ".markdown", ".yaml", ".yml")
_MISSING = "<missing>"


@dataclass
class RebuildStats:
    rendered: int = 0
    reused: int = 0
    kept_files: int = 0

    def add(self, other: "RebuildStats") -> None:
        self.rendered += other.rendered
        self.reused += other.reused
        self.kept_files += other.kept_files

    def __str__(self):
        return (f"Rebuild: {self.rendered} file(s) rendered, {self.reused} reused "
                f"unchanged, {self.kept_files} image file(s) kept.")


@dataclass
class ReuseState:
    settings: dict
    final_output: Path
    record_file: Path
    input_digests: dict  # {path: [size, mtime_ns, sha256]} from tools.uptodate
    previous: dict = field(default_factory=dict)
    entries: dict = field(default_factory=dict)  # relative path -> entry of this build
    kept: set = field(default_factory=set)  # relative paths left as they are in final_output
    stats: RebuildStats = field(default_factory=RebuildStats)
    _site: str | None = None
    _code: str | None = None
    _read_cache: object = None
    _last_values: dict = field(default_factory=dict)
    _fingerprinter: Fingerprinter | None = None
    _bytecode_cache: object = None
    generators: list = field(default_factory=list)  # set when every context is built
    workers: RenderWorkers | None = None

    @classmethod
    def from_settings(cls, settings) -> "ReuseState | None":
        final = settings.get("_LLV_FINAL_OUTPUT")
        record = settings.get("_LLV_REBUILD_RECORD")
        if not final or not record or settings.get("_LLV_INPUT_DIGESTS") is None:
            return None
        state = cls(settings, Path(final), Path(record), settings["_LLV_INPUT_DIGESTS"])
        state.previous = _load(state.record_file)
        return state

    # -- the processes sharing the output phase ----------------------------------------

    def start_workers(self, export, merge) -> None:
        if self.workers is None:
            self.workers = RenderWorkers(worker_count(self.settings))
            self.workers.start(self.generators, export, merge)

    def owns(self, relative: str) -> bool:
        """True when this process renders `relative` (parallel.py)."""
        return self.workers is None or self.workers.owns(relative)

    # -- fingerprints ----------------------------------------------------------------

    def code_and_settings(self) -> str:
        """Fingerprint of the code, settings, theme files (templates aside) and images."""
        if self._code is None:
            settings = self.settings
            templates = str(Path(settings["THEME"], "templates")) + os.sep
            content = str(Path(settings["PATH"])) + os.sep
            inputs = sorted(
                (path, value[2]) for path, value in self.input_digests.items()
                if not path.startswith(templates)
                and not (path.startswith(content) and path.endswith(TEXT_SOURCES))
            )
            plain = {key: _plain(value) for key, value in sorted(settings.items())
                     if not key.startswith("_LLV_") and key != "OUTPUT_PATH"}
            self._code = digest_hex(str(RECORD_VERSION), sys.version,
                                    json.dumps(plain, sort_keys=True, default=str),
                                    json.dumps(inputs))
        return self._code

    def site(self) -> str:
        """Fingerprint of everything a page depends on without naming it.
        Computed at the first write, when every generator has built its context."""
        if self._site is None:
            moments = sorted(self.settings.get("_LLV_CLOCK_MOMENTS") or [])
            self._site = digest_hex(self.code_and_settings(),
                                    json.dumps(clock_signature(self.settings, moments)))
        return self._site

    def read_cache(self):
        if self._read_cache is None:
            from .reading import ReadCache

            self._read_cache = ReadCache(
                self.record_file.with_name(self.record_file.name + ".reading"),
                self.code_and_settings(), self.settings, self.input_digests)
        return self._read_cache

    def template_bytecode_cache(self):
        """Compiled templates kept between builds. Jinja keys them by name and
        source; the folder is keyed by the code and settings, which decide how
        a template compiles (extensions, gettext style, Jinja options)."""
        if self._bytecode_cache is None:
            from jinja2 import FileSystemBytecodeCache

            parent = self.record_file.with_name(self.record_file.name + ".templates")
            folder = parent / self.code_and_settings()
            for stale in (parent.iterdir() if parent.is_dir() else ()):
                if stale != folder:
                    shutil.rmtree(stale, ignore_errors=True)
            folder.mkdir(parents=True, exist_ok=True)
            self._bytecode_cache = FileSystemBytecodeCache(str(folder))
        return self._bytecode_cache

    def fingerprinter(self, context=None) -> Fingerprinter:
        if self._fingerprinter is None:
            from jinja2 import Environment
            from pelican.generators import Generator
            from pelican.writers import Writer

            identities = {id(self.settings): "settings"}
            if context is not None:
                identities[id(context)] = "context"
            opaque = {Environment: lambda e: "environment", Generator: lambda g: type(g).__name__,
                      Writer: lambda w: "writer", logging.Logger: lambda l: l.name}
            for extra_type, key in (self.settings.get("_LLV_OPAQUE_TYPES") or {}).items():
                opaque[extra_type] = key

            def links():
                generated = (context or {}).get("generated_content") or {}
                static = (context or {}).get("static_content") or {}
                pairs = sorted((str(path), str(getattr(item, "url", "")))
                               for table in (generated, static) for path, item in table.items())
                return bytes.fromhex(digest_hex(json.dumps(pairs)))

            self._fingerprinter = Fingerprinter(opaque, identities, links_digest=links)
        return self._fingerprinter

    def fingerprint(self, kind: str, named_values) -> str:
        """Fingerprint of `(name, value)` pairs for an output of `kind`."""
        digest = self.fingerprinter().digest
        values = self._last_values = {name: digest(value) for name, value in named_values}
        hasher = hashlib.blake2b(digest_size=16)
        hasher.update(f"{self.site()}\0{kind}\0".encode())
        for name in sorted(values):
            hasher.update(name.encode() + b"\0" + values[name])
        return hasher.hexdigest()

    # -- decisions -------------------------------------------------------------------

    def _still_there(self, relative: str, entry: dict) -> bool:
        try:
            stat = os.stat(self.final_output / relative)
        except OSError:
            return False
        return stat.st_size == entry["size"] and stat.st_mtime_ns == entry["mtime"]

    def reusable(self, relative: str, fingerprint_of: Callable[[list], str]) -> dict | None:
        """The record of `relative` when its file can be kept as it is, else None.
        `fingerprint_of(names)` gives the output's fingerprint from these names."""
        entry = self.previous.get(relative)
        if entry is None or not self._still_there(relative, entry):
            return None
        if fingerprint_of(entry["reads"]) != entry["fingerprint"]:
            if os.environ.get("LLV_REBUILD_EXPLAIN"):
                self._explain(relative, entry)
            return None
        self.entries[relative] = entry
        self.kept.add(relative)
        self.stats.reused += 1
        return entry

    def _explain(self, relative: str, entry: dict) -> None:
        old = entry.get("values") or {}
        new = self._last_values
        changed = sorted(name for name in set(old) | set(new) if old.get(name) != new.get(name))
        print(f"rebuild {relative}: " + (", ".join(changed) or "site fingerprint"), file=sys.stderr)

    def produced(self, relative: str, fingerprint: str, reads=(), effects=()) -> None:
        self.entries[relative] = {"fingerprint": fingerprint, "reads": list(reads),
                                  "values": dict(self._last_values), "effects": list(effects),
                                  "size": None, "mtime": None}
        self.kept.discard(relative)
        self.stats.rendered += 1

    def keep_file(self, relative: str) -> None:
        """A content-addressed file (an image) already in the output folder."""
        self.kept.add(relative)
        self.stats.kept_files += 1

    def in_final_output(self, relative: str, size: int) -> bool:
        try:
            return os.stat(self.final_output / relative).st_size == size
        except OSError:
            return False

    # -- after the output folder is updated --------------------------------------------

    def save(self) -> None:
        if self._read_cache is not None:
            self._read_cache.save()
        files = {}
        for relative, entry in self.entries.items():
            if entry["size"] is None:
                try:
                    stat = os.stat(self.final_output / relative)
                except OSError:
                    continue
                entry = {**entry, "size": stat.st_size, "mtime": stat.st_mtime_ns}
            files[relative] = entry
        self.record_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.record_file.with_name(self.record_file.name + ".tmp")
        with temporary.open("wb") as handle:
            pickle.dump({"version": RECORD_VERSION, "files": files}, handle,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.record_file)


# Records read ahead by a build process waiting for its start (tools.devserver),
# by path: (size and mtime when read, record).
_PRELOADED: dict[str, tuple[tuple[int, int], dict]] = {}


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def preload(record_file: Path) -> None:
    """Read the record now; a build of this process later takes it if the file
    has not changed since."""
    signature = _signature(record_file)
    if signature is not None:
        _PRELOADED[str(record_file)] = (signature, _read(record_file))


def _load(path: Path) -> dict:
    signature, record = _PRELOADED.pop(str(path), (None, None))
    if signature is not None and signature == _signature(path):
        return record
    return _read(path)


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            record = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return {}
    if not isinstance(record, dict) or record.get("version") != RECORD_VERSION:
        return {}
    return record.get("files") or {}


def _plain(value):
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return f"<{type(value).__module__}.{type(value).__qualname__}>"


def reuse_state(settings) -> ReuseState | None:
    return settings.get("_LLV_REBUILD")


def fingerprint_of_reads(state: ReuseState, template_digest: str, localcontext: dict,
                         template_globals: dict):
    """A function giving a page's fingerprint from the names its render looked up."""
    def fingerprint_of(names) -> str:
        values = []
        for name in names:
            if name in localcontext:
                values.append((name, localcontext[name]))
            else:
                values.append((name, template_globals.get(name, _MISSING)))
        return state.fingerprint("page:" + template_digest, values)
    return fingerprint_of
