"""What reading produced (Markdown converted, YAML validated), remembered by content.

`remember(key, compute)` returns what `compute()` returned the last time for
the same key (a key names the text's bytes: its hash), as long as the code,
settings and images did not change since; otherwise it computes and keeps
the result. What reading asked of the image pipeline is asked again on a hit.
A result is kept only when reading it logged no mistake, so a mistake is
reported by every build until it is fixed.

When the cache holds nothing usable (a first build, or code or settings
changed), `prefetch()` reads the content files on every core ahead of
Pelican, which then finds each file's result in the cache.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from pathlib import Path
from typing import Callable, TypeVar

from .parallel import receive, send_and_exit

T = TypeVar("T")
_VERSION = 1


class _ErrorCount(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.count = 0

    def emit(self, record):
        self.count += 1


class ReadCache:
    def __init__(self, file: Path, fingerprint: str, settings, file_digests: dict):
        self.file = file
        self.fingerprint = fingerprint
        self.settings = settings
        self.file_digests = file_digests  # {path: [size, mtime_ns, sha256]}, tools.uptodate
        self.previous = self._load()
        self.current: dict[str, tuple[bytes, list]] = {}
        self.hits = 0
        self.misses = 0

    def _load(self) -> dict:
        try:
            with self.file.open("rb") as handle:
                stored = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return {}
        if stored.get("version") != _VERSION or stored.get("fingerprint") != self.fingerprint:
            return {}
        return stored.get("entries") or {}

    def remember(self, key: tuple, compute: Callable[[], T],
                 keep: Callable[[T], bool] = lambda _: True) -> T:
        name = hashlib.blake2b(repr(key).encode("utf-8", "surrogatepass"),
                               digest_size=16).hexdigest()
        pipeline = self.settings.get("_LLV_IMAGES")
        entry = self.previous.get(name) or self.current.get(name)
        if entry is not None:
            data, plans = entry
            try:
                value = pickle.loads(data)
            except Exception:  # a class changed shape: compute again
                value = None
            else:
                if pipeline is not None:
                    pipeline.replay(plans)
                self.current[name] = entry
                self.hits += 1
                return value
        self.misses += 1
        errors = _ErrorCount()
        logging.getLogger().addHandler(errors)
        plans: list = []
        if pipeline is not None:
            pipeline.recording_plans = plans
        try:
            value = compute()
        finally:
            logging.getLogger().removeHandler(errors)
            if pipeline is not None:
                pipeline.recording_plans = None
        if not errors.count and keep(value):
            # pickled now: Pelican adds to what a reader returns
            self.current[name] = (pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), plans)
        return value

    def file_key(self, path) -> str:
        """The SHA-256 of a file: the one tools.build already took, else read now."""
        known = self.file_digests.get(str(path))
        return known[2] if known else text_key(Path(path).read_bytes())

    def save(self) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.file.with_name(self.file.name + ".tmp")
        with temporary.open("wb") as handle:
            pickle.dump({"version": _VERSION, "fingerprint": self.fingerprint,
                         "entries": self.current}, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.file)


def prefetch(cache: ReadCache, tasks: list[Callable[[], object]], workers: int) -> int:
    """Run `tasks` (reads that go through `cache`) on `workers` forked processes
    and add what they remembered to `cache`; the number of results added.

    A task that fails or logs a mistake leaves nothing: the build reads that
    file again itself, and reports the mistake once, as usual."""
    children = []
    for index in range(workers):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - measured in the parent
            os.close(read_end)
            _prefetch_in_worker(cache, tasks[index::workers], write_end)
        os.close(write_end)
        children.append((pid, read_end))
    added = 0
    for pid, read_end in children:
        entries, _ = receive(pid, read_end)
        for name, entry in (entries or {}).items():  # nothing: the build reads it all
            if name not in cache.current:
                cache.current[name] = entry
                added += 1
    return added


def _prefetch_in_worker(cache: ReadCache, tasks, pipe: int) -> None:
    def read_all() -> dict:
        root = logging.getLogger()
        for handler in list(root.handlers):  # mistakes are shown by the build's own read
            root.removeHandler(handler)
        root.addHandler(logging.NullHandler())
        before = set(cache.current)
        for task in tasks:
            try:
                task()
            except Exception:  # noqa: BLE001 - read again, and reported, by the build
                pass
        return {name: entry for name, entry in cache.current.items() if name not in before}

    send_and_exit(pipe, read_all)


def text_key(text: str | bytes) -> str:
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


def read_cache(settings) -> ReadCache | None:
    state = settings.get("_LLV_REBUILD")
    return state.read_cache() if state is not None else None
