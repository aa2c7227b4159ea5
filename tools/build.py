"""Build the site; `output/` only ever shows a complete site, the old one or the new one.

`output` is a symbolic link to a finished build (a "generation") in
`.build/<output>.sites/`. A build renders every page into a new generation,
finishes it there (redirects checked and written to `_redirects`, the search
index, text files precompressed, `_headers`: tools.publishing), gives the files whose
bytes did not change the mtime they had (so deploys and caches see real
changes only) and, only if no error was logged, swaps the link to it in one
rename. The previous generation is kept until the next build, for readers
that started on it (a server); older ones are removed, except those a deploy
pins (`pinned`) until its upload ends. A failed or
interrupted build removes its generation and leaves `output` as it was.

Pelican runs in a process of its own (`in_child`), which ends before this one
runs Pagefind and finishes the folder: Pagefind holds a language's whole index
in memory, and Pelican's memory is given back by then. This process imports
neither Pelican nor the plugins' content model before Pagefind has run.

Two builds of the same output exclude each other (a lock beside it). A build
whose inputs did not change does nothing (tools.uptodate). Markdown is read
through Pelican's reader cache, in a folder named after everything that
decides the HTML a reader gives (code, settings, images, interpreter).
"""

from __future__ import annotations

import argparse
import ctypes
import errno
import fcntl
import hashlib
import logging
import os
import pickle
import shutil
import signal
import sys
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a type only
    from llv.search.index import IndexJob

ROOT = Path(__file__).resolve().parent.parent


class BuildError(Exception):
    """A reason the build cannot run, in one line that names the fix."""


class ErrorCounter(logging.Handler):
    """Counts errors, and the warnings that mean a broken site (dead links)."""

    def __init__(self):
        from llv.links.links import is_dead_link_warning

        super().__init__(level=logging.WARNING)
        self.count = 0
        self.is_fatal_warning = is_dead_link_warning

    def emit(self, record):
        if record.levelno >= logging.ERROR or self.is_fatal_warning(record):
            self.count += 1


@dataclass
class Generations:
    """The finished builds behind the `output` link."""

    output: Path

    @property
    def folder(self) -> Path:
        return self.output.parent / ".build" / f"{self.output.name}.sites"

    def current(self) -> Path | None:
        if self.output.is_symlink():
            target = Path(os.path.realpath(self.output))
            return target if target.is_dir() else None
        return self.output if self.output.is_dir() else None

    def new(self) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        path = self.folder / f"{stamp}-{os.getpid()}"
        path.mkdir()
        return path

    def publish(self, generation: Path) -> None:
        """Point `output` at `generation` in one rename; keep the one it replaces."""
        if self.output.exists() and not self.output.is_symlink():
            # an output folder from before generations: it becomes the previous one
            os.rename(self.output, self.folder / "previous-folder")
        link = self.output.with_name(f".{self.output.name}.{os.getpid()}.link")
        link.unlink(missing_ok=True)
        link.symlink_to(os.path.relpath(generation, self.output.parent))
        os.replace(link, self.output)

    def stale(self) -> list[Path]:
        """Every generation but the current one: left by builds that were killed, or older."""
        if not self.folder.is_dir():
            return []
        current = self.current()
        return [path for path in self.folder.iterdir()
                if current is None or path.resolve() != current.resolve()]


@contextmanager
def pinned(output: Path):
    """The generation `output` points at, kept until the block ends: a shared
    lock on its folder, which builds test before removing a generation (a
    deploy reading it while two builds replace `output`). Yields its path."""
    while True:
        path = Path(os.path.realpath(output))
        folder = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        try:
            fcntl.flock(folder, fcntl.LOCK_SH)
            if os.fstat(folder).st_nlink > 0:  # not removed before the lock was had
                yield path
                return
        finally:
            os.close(folder)


def remove_unless_pinned(path: Path) -> None:
    try:
        folder = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        shutil.rmtree(path, ignore_errors=True)
        return
    try:
        fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return  # a reader holds it: a later build removes it
    else:
        shutil.rmtree(path, ignore_errors=True)
    finally:
        os.close(folder)


STOPPING_BUILD_SECONDS = 30


def _locked(lock, wait: float = 0) -> bool:
    """Whether this process now holds `lock`, tried for up to `wait` seconds."""
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)


def _alive(pid: str) -> bool:
    """Whether process `pid` runs (or may: a lock file not yet written names none)."""
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (ValueError, PermissionError):
        return True
    return True


@contextmanager
def exclusive(output: Path):
    """One build of `output` at a time."""
    lock_path = output.parent / ".build" / f"{output.name}.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+", encoding="utf-8") as lock:
        if not _locked(lock):
            lock.seek(0)
            holder = lock.read().strip() or "another process"
            # A build whose process was killed leaves its Pelican process stopping
            # (it removes its folder): that one holds the lock for a few seconds more.
            if _alive(holder):
                raise BuildError(
                    f"another build of {output.name}/ is running (process {holder}); wait for "
                    "it to finish (or stop it), then build again")
            if not _locked(lock, wait=STOPPING_BUILD_SECONDS):
                raise BuildError(
                    f"a build of {output.name}/ that was stopped (process {holder}) is still "
                    f"ending after {STOPPING_BUILD_SECONDS} s; find its Python processes "
                    "(`ps ax | grep tools.build`), stop them, then build again")
        lock.seek(0)
        lock.truncate()
        lock.write(str(os.getpid()))
        lock.flush()
        try:
            yield
        finally:
            lock.seek(0)
            lock.truncate()


@contextmanager
def interruptible():
    """SIGTERM (a CI timeout, `kill`) interrupts like Ctrl-C: cleanup runs."""
    def stop(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def keep_unchanged_mtimes(new: Path, old: Path | None, digests: dict[str, str],
                          previous: dict | None) -> dict[str, list[int]]:
    """Files of `new` with the same bytes as in `old` get their mtime there.
    Every file of `new` with its [size, mtime_ns, changed (1) or not (0)].
    `digests`: the finished pages of `new` (relative path: SHA-256); `previous`:
    the record of `old` (uptodate), whose digests stand for the bytes of the
    files it saw, with the size and mtime it saw. Other files are compared."""
    from llv.common.files import walk_files

    old_pages = (previous or {}).get("pages", {})
    old_stats = (previous or {}).get("outputs", {})

    def same_bytes(relative, path, before, stat_old):
        known = digests.get(relative)
        if known and old_stats.get(relative) == [stat_old.st_size, stat_old.st_mtime_ns]:
            return known == old_pages.get(relative, [None])[0]
        return _same_bytes(path, before)

    outputs = {}
    for relative, entry in walk_files(new):
        before = os.path.join(old, relative) if old is not None else None
        try:
            stat_old = os.stat(before) if before else None
        except OSError:
            stat_old = None
        stat_new = entry.stat()
        if stat_old is not None and (
                (stat_old.st_ino == stat_new.st_ino and stat_old.st_dev == stat_new.st_dev)
                or (stat_old.st_size == stat_new.st_size
                    and same_bytes(relative, entry.path, before, stat_old))):
            os.utime(entry.path, ns=(stat_old.st_atime_ns, stat_old.st_mtime_ns))
            outputs[relative] = [stat_new.st_size, stat_old.st_mtime_ns, 0]
        else:
            outputs[relative] = [stat_new.st_size, stat_new.st_mtime_ns, 1]
    return outputs


def previous_pages(record: dict | None, old: Path | None) -> dict:
    """The settings that let the typography pass reuse the pages of the build
    that `record` describes, in `old`, when nothing else changed them since."""
    from llv.common.services import FinishedPage

    if not record or old is None:
        return {}
    stats, pages = record.get("outputs", {}), {}
    for relative, (digest, indexed, written) in record.get("pages", {}).items():
        try:
            stat = os.stat(old / relative)
        except OSError:
            continue
        if stats.get(relative) == [stat.st_size, stat.st_mtime_ns]:
            pages[relative] = FinishedPage(bytes.fromhex(digest), bool(indexed),
                                           bytes.fromhex(written))
    return {"PREVIOUS_PAGES": pages, "PREVIOUS_OUTPUT": str(old)}


def _same_bytes(one: str, other: str) -> bool:
    with open(one, "rb") as first, open(other, "rb") as second:
        return first.read() == second.read()


class ReaderCache:
    """Pelican's reader cache (CACHE_CONTENT) in a folder named after what decides
    the HTML a reader gives: the code, the settings, the images (their hashed
    names and sizes are in the HTML), content/data/ (legal facts) and the
    interpreter. Texts and templates
    may change: Pelican checks each text's SHA-256.

    Pelican reads and writes its cache files in place; a build works on a copy
    and puts it back whole, and only when the build succeeded: an interrupted
    build never leaves a truncated cache, and a text whose reading logged an
    error is read again (and its mistake shown) until it is fixed."""

    KEPT = 8  # folders: `make html` and `make publish`, test sites…

    def __init__(self, settings, settings_file: Path, inputs: dict):
        content = str(Path(settings["PATH"])) + os.sep
        plugins = str(ROOT / "plugins") + os.sep
        decisive = {str(settings_file), str(ROOT / "requirements.lock"),
                    *(str(p) for p in ROOT.glob("*.py"))}
        digest = hashlib.sha256(sys.version.encode())
        data = content + "data" + os.sep  # legal facts, put in pages as they are read
        for path, (_, _, sha) in sorted(inputs.items()):
            image = path.startswith(content) and not path.endswith((".md", ".yaml", ".yml"))
            code = path.startswith(plugins) and path.endswith(".py")
            if image or code or path.startswith(data) or path in decisive:
                digest.update(f"{path}\0{sha}\0".encode())
        self.root = Path(settings["CACHE_PATH"])
        self.folder = self.root / digest.hexdigest()[:16]

    def settings(self, copy: Path, declared, load: bool = True) -> dict:
        """What makes Pelican read through this cache (its working `copy`), and
        keep the compiled templates beside it (Jinja checks their source)."""
        from jinja2 import FileSystemBytecodeCache

        templates = self.folder / "templates"
        templates.mkdir(parents=True, exist_ok=True)
        return {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": load, "CACHE_PATH": str(copy),
                "CONTENT_CACHING_LAYER": "reader", "CHECK_MODIFIED_METHOD": "sha256",
                "GZIP_CACHE": False,
                "JINJA_ENVIRONMENT": {**declared["JINJA_ENVIRONMENT"],
                                      "bytecode_cache": FileSystemBytecodeCache(str(templates))}}

    def working_copy(self, parent: Path) -> Path:
        copy = parent / f".reader-cache.{os.getpid()}"
        shutil.rmtree(copy, ignore_errors=True)
        copy.mkdir(parents=True)
        try:
            for path in self.folder.glob("*-Readers"):
                shutil.copyfile(path, copy / path.name)
        except OSError:
            pass  # a cache file less: those texts are read again
        return copy

    def keep(self, copy: Path) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for path in copy.iterdir():
                os.replace(path, self.folder / path.name)  # Pelican's cache files
            os.utime(self.folder)
            folders = sorted((p for p in self.root.iterdir() if p.is_dir()),
                             key=lambda p: p.stat().st_mtime, reverse=True)
            for path in folders[self.KEPT:]:
                shutil.rmtree(path, ignore_errors=True)
        except OSError:
            pass  # the next build reads more texts again, nothing worse
        finally:
            shutil.rmtree(copy, ignore_errors=True)


def build(settings_file: Path, output: Path, overrides: dict | None = None,
          force: bool = False) -> int:
    """Build `output`; the exit status (0: built or already up to date)."""
    from llv.common.clock import ClockError

    try:
        with interruptible(), exclusive(output):
            return _build(settings_file, output, overrides, force)
    except (BuildError, ClockError) as error:
        print(f"ERROR: {error}", file=sys.stderr)
    except KeyboardInterrupt:
        print(f"Build interrupted: {output.name}/ was left as it was.", file=sys.stderr)
        return 130
    except MemoryError:
        print("ERROR: the build ran out of memory; close other programs or build on a machine "
              f"with more memory. {output.name}/ was left as it was.", file=sys.stderr)
    except OSError as error:
        print(f"ERROR: {_describe_os_error(error)}; {output.name}/ was left as it was.",
              file=sys.stderr)
    return 1


def in_child(work, *args, meanwhile=None):
    """`work(*args)` in a forked process, whose memory is given back when it ends;
    its result, or the exception it raised, raised here; `meanwhile()` runs here
    in the meantime. Interrupted here, the process is interrupted too (SIGTERM,
    which `interruptible` turns into KeyboardInterrupt there) and waited for."""
    sys.stdout.flush()
    sys.stderr.flush()
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        try:
            os.close(read_end)
            try:
                _end_with(parent)
                outcome = (True, work(*args))
            except BaseException as error:  # noqa: BLE001 - raised again in the parent
                outcome = (False, error)
            try:
                data = pickle.dumps(outcome)
            except Exception as error:  # noqa: BLE001 - an exception that cannot travel
                data = pickle.dumps((False, BuildError(f"{type(error).__name__}: {error}")))
            with open(write_end, "wb") as pipe:
                pipe.write(data)
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(0)
    os.close(write_end)
    try:
        if meanwhile is not None:
            meanwhile()
        with open(read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
    except BaseException:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
        raise
    if not data:
        raise BuildError(f"the build's process ended before it finished (exit status "
                         f"{os.waitstatus_to_exitcode(status)}); build again")
    done, value = pickle.loads(data)
    if not done:
        raise value
    return value


def _end_with(parent: int) -> None:
    """SIGTERM to this process when `parent` dies (Linux's PR_SET_PDEATHSIG): a build
    whose parent was killed stops and removes its folder, as it does when interrupted."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: it ends when it finds no one to answer
        return
    if os.getppid() != parent:  # died before that
        os.kill(os.getpid(), signal.SIGTERM)


def settings_or_error(settings_file: Path, overrides: dict | None = None) -> dict:
    """Pelican's settings from `settings_file`; a mistake in the file is a BuildError
    naming its line."""
    from pelican.settings import read_settings

    try:
        return read_settings(str(settings_file), override=dict(overrides or {}))
    except Exception as error:  # the file is Python: anything can go wrong in it
        line = next((frame.lineno for frame in reversed(traceback.extract_tb(error.__traceback__))
                     if frame.filename == str(settings_file)), None)
        where = f"{settings_file.name}:{line}" if line else settings_file.name
        raise BuildError(f"{where}: {type(error).__name__}: {error}; fix the settings file") from None


def _describe_os_error(error: OSError) -> str:
    where = f" ({error.filename})" if error.filename else ""
    if error.errno == errno.ENOSPC:
        return f"the disk is full{where}: free some space, then build again"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write{where}: {error.strerror}; check the folder's permissions"
    return f"{error.strerror or error}{where}"


@dataclass
class Rendered:
    """What the process that ran Pelican hands back (tools.build's own process then
    indexes, finishes and publishes the new folder): `exit_code` when the build
    ended there (nothing to build, or failed, the new folder removed)."""

    exit_code: int | None = None
    generation: Path | None = None
    current: Path | None = None
    cache: ReaderCache | None = None
    cache_copy: Path | None = None
    index: IndexJob | None = None
    precompress: bool = True
    compression_cache: Path | None = None
    previous: dict | None = None  # the record of `current`
    sources: dict | None = None  # uptodate.sources_record()


def _build(settings_file: Path, output: Path, overrides: dict | None, force: bool) -> int:
    """Pelican runs in a process of its own, which ends before Pagefind runs here:
    the memory of the two is never held at once."""
    started = time.perf_counter()
    generations = Generations(output)
    stale = generations.stale()
    rendered = in_child(_render, settings_file, output, overrides, force,
                        meanwhile=lambda: [remove_unless_pinned(path) for path in stale])
    if rendered.exit_code is not None:
        return rendered.exit_code
    generation, current = rendered.generation, rendered.current
    published = False
    try:
        if not _finish(rendered):
            print(f"Build failed: {output.name}/ was left untouched.", file=sys.stderr)
            return 1
        finished = rendered.index.finished
        outputs = keep_unchanged_mtimes(
            generation, current, {relative: page.digest.hex() for relative, page in finished.items()},
            rendered.previous)
        generations.publish(generation)
        published = True
        rendered.cache.keep(rendered.cache_copy)
    finally:
        if not published:
            shutil.rmtree(generation, ignore_errors=True)
        shutil.rmtree(rendered.cache_copy, ignore_errors=True)
    if current is not None and current.name == "previous-folder":
        remove_unless_pinned(current)
    changed = sum(flag for _, _, flag in outputs.values())
    unchanged = len(outputs) - changed
    from tools import uptodate

    uptodate.save(output, rendered.sources,
                  outputs={name: stat[:2] for name, stat in outputs.items()},
                  pages={relative: [page.digest.hex(), int(page.indexed), page.written.hex()]
                         for relative, page in finished.items()})
    print(f"Built {output.name}/ in {time.perf_counter() - started:.1f} s: "
          f"{changed} files new or changed, {unchanged} unchanged.")
    return 0


def _render(settings_file: Path, output: Path, overrides: dict | None, force: bool) -> Rendered:
    """The sources checked, then Pelican's run into a new folder (in its own process)."""
    from pelican.log import init as init_logging

    from tools import uptodate

    # Plain, unwrapped lines: editors and CI read `path:line: field: message`.
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    init_logging(level=logging.WARNING, handler=handler,
                 logs_dedup_min_level=logging.CRITICAL + 1)
    started = time.perf_counter()
    declared = settings_or_error(settings_file, overrides)
    previous = uptodate.load(output)  # the build `output` shows, if made the same way
    if not uptodate.same_environment(previous, settings_file, overrides):
        previous = None
    record = None if force else previous
    fresh, inputs = uptodate.up_to_date(record, declared, settings_file, output, overrides)
    if fresh:
        uptodate.refresh(output, record, inputs)
        print(f"Nothing to build: {output.name}/ is already what these sources give "
              f"(checked in {time.perf_counter() - started:.2f} s).")
        return Rendered(exit_code=0)

    generations = Generations(output)
    current = generations.current()
    cache = ReaderCache(declared, settings_file, inputs)
    generation = generations.new()
    cache_copy = cache.working_copy(generations.folder)
    try:
        settings = _run_pelican(settings_file, generation, {
            **(overrides or {}), **cache.settings(cache_copy, declared, load=not force),
            **previous_pages(record, current), "SEARCH_INDEX_AFTER_PELICAN": True})
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        shutil.rmtree(cache_copy, ignore_errors=True)
        raise
    if settings is None:
        shutil.rmtree(generation, ignore_errors=True)
        shutil.rmtree(cache_copy, ignore_errors=True)
        print(f"Build failed: {output.name}/ was left untouched.", file=sys.stderr)
        return Rendered(exit_code=1)
    from llv.search.index import IndexJob

    compression_cache = settings.get("COMPRESSION_CACHE_DIR")
    return Rendered(
        generation=generation, current=current, cache=cache, cache_copy=cache_copy,
        index=IndexJob.of(settings, generation), precompress=settings.get("PRECOMPRESS", True),
        compression_cache=Path(compression_cache) if compression_cache else None,
        previous=previous, sources=uptodate.sources_record(settings, settings_file, inputs,
                                                           overrides))


def _finish(rendered: Rendered) -> bool:
    """The search index, then precompression and `_headers`; False on an error
    (shown)."""
    failure = rendered.index.run()
    if failure:
        print(f"ERROR: {failure}\n1 error(s).", file=sys.stderr)
        return False
    from tools.publishing import finish_site

    finish = finish_site(rendered.generation, compress_text=rendered.precompress,
                         cache_dir=rendered.compression_cache)
    if finish.compressed:
        print(f"Precompressed {finish.compressed} text files: {finish.bytes_before} bytes, "
              f"{finish.bytes_gzip} gzip, {finish.bytes_brotli} brotli.")
    return True


def _run_pelican(settings_file: Path, generation: Path, overrides: dict):
    """Pelican's run into `generation`, then its redirects; the settings, or None
    when an error was logged (each was shown as it happened)."""
    from pelican import Pelican
    from pelican.settings import read_settings

    from tools.publishing.redirects import PublishError, write_redirects

    counter = ErrorCounter()
    logging.getLogger().addHandler(counter)
    settings = read_settings(str(settings_file),
                             override={**overrides, "OUTPUT_PATH": str(generation)})
    try:
        Pelican(settings).run()
    except (OSError, MemoryError, KeyboardInterrupt):
        raise
    except Exception as error:  # reported here; the output stays untouched
        if getattr(error, "shown_as_is", False):  # a message that names its place
            logging.getLogger("pelican").error("%s", error)
        else:
            logging.getLogger("pelican").error("%s: %s", type(error).__name__, error)
    finally:
        logging.getLogger().removeHandler(counter)
    if not counter.count:  # the redirects are checked against the pages built
        try:
            write_redirects(generation, Path(settings["PATH"]), settings.get("REDIRECT_HOSTS", ()))
        except PublishError as error:
            for line in str(error).splitlines():
                print(f"ERROR: {line}", file=sys.stderr)
                counter.count += 1
    if counter.count:
        print(f"{counter.count} error(s).", file=sys.stderr)
        return None
    return settings


def preview(settings_file: Path, output: Path, pages: set[str]) -> bool:
    """Render only `pages` (paths in the site, `a-propos/index.html`) from the
    current sources, with their images and theme files, into the preview
    folder beside `output` (what tools.devserver serves before `output/`).
    Quiet: the full build that follows reports the mistakes. True on success."""
    from pelican import Pelican
    from pelican.settings import read_settings

    from tools import uptodate

    declared = read_settings(str(settings_file))
    record = uptodate.load(output) or {}
    inputs = uptodate.scan_inputs(uptodate.input_roots(declared, settings_file),
                                  record.get("inputs"))
    cache = ReaderCache(declared, settings_file, inputs)
    folder = preview_folder(output)
    staging = folder.with_name(f"{folder.name}.{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    copy = cache.working_copy(staging.parent)
    counter = ErrorCounter()
    root = logging.getLogger()
    level, handlers = root.level, root.handlers[:]
    for handler in handlers:
        root.removeHandler(handler)
    root.addHandler(counter)
    root.setLevel(logging.WARNING)
    try:
        settings = read_settings(str(settings_file), override={
            **cache.settings(copy, declared), "OUTPUT_PATH": str(staging), "RENDER_ONLY": pages})
        Pelican(settings).run()
        if counter.count:
            return False
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(staging, folder)
        return True
    except Exception:  # noqa: BLE001 - the full build shows it
        return False
    finally:
        root.removeHandler(counter)
        for handler in handlers:
            root.addHandler(handler)
        root.setLevel(level)
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(copy, ignore_errors=True)


def preview_folder(output: Path) -> Path:
    return output.parent / ".build" / f"{output.name}.preview"


def prepare(settings_file: Path) -> None:
    """Import ahead what the next build starts with (Pelican, the plugins), for
    a process that waits for a change (tools.devserver)."""
    import importlib

    from pelican.settings import read_settings

    settings = read_settings(str(settings_file))
    for name in settings.get("PLUGINS") or ():
        importlib.import_module(name).register()  # as Pelican will (connecting twice is once)
    import pelican.generators  # noqa: F401
    import tools.publishing  # noqa: F401
    from tools import uptodate  # noqa: F401


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py", type=Path)
    parser.add_argument("--output", default="output", type=Path)
    parser.add_argument("--force", action="store_true",
                        help="build again, even when the sources did not change, "
                             "without Pelican's reader cache")
    parser.add_argument("--siteurl", help="the site's address, instead of the settings' "
                                           "SITEURL (a pull request's preview)")
    args = parser.parse_args(argv)
    address = (args.siteurl or "").rstrip("/")
    overrides = {"SITEURL": address, "FEED_DOMAIN": address} if address else None
    return build(args.settings.resolve(), args.output.absolute(), overrides, force=args.force)


if __name__ == "__main__":
    sys.exit(main())
