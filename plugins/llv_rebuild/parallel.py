"""Render on every core: the output phase of a build shared by forked processes.

Reading content and building the context is done once. When the writer is
created, the build forks into `RENDER_WORKERS` processes (default: the cores
this process may use). Each one runs the whole output phase, so every
generator makes the same calls in the same order, but renders (and
fingerprints) only the files of its shard, chosen by a stable hash of the
file's path; another process's file is not even opened. Generators whose
output does not all go through the writer (static files, assets, the
sitemap) run in the main process only: a generator says it can be shared with
`OUTPUT_THROUGH_WRITER = True` (Pelican's articles and pages generators can).

Before Pelican's `finalized` signal, each worker sends the main process what
rendering left besides files: the rebuild record's entries, the images its
pages planned, its log messages (shown by the main process, once each). A
worker that fails makes the build fail with its error. The output does not
depend on the number of processes (tests/test_incremental.py builds it both
ways).
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import traceback
import zlib
from dataclasses import dataclass

log = logging.getLogger(__name__)


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def worker_count(settings) -> int:
    configured = settings.get("RENDER_WORKERS")
    count = usable_cores() if configured in (None, "", 0) else int(configured)
    return max(1, count)


def shares_output(generator) -> bool:
    """True when everything `generator` writes goes through the writer."""
    from pelican.generators import ArticlesGenerator, PagesGenerator, TemplatePagesGenerator

    return isinstance(generator, (ArticlesGenerator, PagesGenerator, TemplatePagesGenerator)) \
        or bool(getattr(generator, "OUTPUT_THROUGH_WRITER", False))


@dataclass(frozen=True)
class Shard:
    index: int = 0
    count: int = 1

    def owns(self, relative: str) -> bool:
        if self.count == 1:
            return True
        return zlib.crc32(os.path.normpath(relative).encode("utf-8")) % self.count == self.index


class WorkerFailed(RuntimeError):
    """A rendering process stopped on an error (its message is the worker's)."""

    shown_as_is = True


class _Collector(logging.Handler):
    """In a worker: keeps every log message, to be shown by the main process."""

    def __init__(self):
        super().__init__(level=logging.NOTSET)
        self.records: list[tuple[str, int, str, str]] = []

    def emit(self, record):
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + "".join(traceback.format_exception(*record.exc_info)).rstrip()
        self.records.append((record.name, record.levelno, record.levelname, message))


class _Seen(logging.Handler):
    """In the main process: the messages already shown while workers ran."""

    def __init__(self):
        super().__init__(level=logging.NOTSET)
        self.messages: set[tuple[int, str]] = set()

    def emit(self, record):
        self.messages.add((record.levelno, record.getMessage()))


class RenderWorkers:
    """The processes sharing one build's output phase, seen from any of them."""

    def __init__(self, count: int):
        self.count = count
        self.shard = Shard()
        self.is_worker = False
        self._sharing = False  # a generator whose output is shared is running
        self._children: list[tuple[int, int]] = []  # (pid, read end of its pipe)
        self._pipe: int | None = None  # a worker's write end
        self._collector: _Collector | None = None
        self._seen: _Seen | None = None

    def start(self, generators, export, merge) -> None:
        """Fork the workers. `export()` gives, in a worker, what it sends back;
        `merge(payload)` takes it in the main process."""
        with_output = [g for g in generators if hasattr(g, "generate_output")]
        if self.count < 2 or not any(shares_output(g) for g in with_output):
            return
        self._export, self._merge = export, merge
        for position, generator in enumerate(with_output):
            generator.generate_output = self._wrapped(
                generator, generator.generate_output, last=position == len(with_output) - 1)
        for index in range(1, self.count):
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_end)
                for _, other in self._children:
                    os.close(other)
                self._become_worker(Shard(index, self.count), write_end)
                return
            os.close(write_end)
            self._children.append((pid, read_end))
        self.shard = Shard(0, self.count)
        self._seen = _Seen()
        logging.getLogger().addHandler(self._seen)

    def owns(self, relative: str) -> bool:
        """True when this process writes `relative`: its shard's files while a
        shared generator runs; everything the others write (main process)."""
        return not self._sharing or self.shard.owns(relative)

    # -- in a worker -------------------------------------------------------------------

    def _become_worker(self, shard: Shard, pipe: int) -> None:
        self.shard, self.is_worker, self._pipe, self._children = shard, True, pipe, []
        self._collector = _Collector()
        root = logging.getLogger()
        for handler in list(root.handlers):
            root.removeHandler(handler)
        root.addHandler(self._collector)

    def _finish_worker(self, failure: BaseException | None = None) -> None:
        """Send the results to the main process and end this process."""
        def payload():
            sent = {"failure": None, "logs": self._collector.records}
            if failure is None:
                sent["results"] = self._export()
            else:
                sent["failure"] = (str(failure) if getattr(failure, "shown_as_is", False)
                                   else f"{type(failure).__name__}: {failure}")
                sent["traceback"] = "".join(traceback.format_exception(failure))
            return sent

        send_and_exit(self._pipe, payload)

    # -- in the main process -------------------------------------------------------------

    def _wrapped(self, generator, generate_output, last: bool):
        shared = shares_output(generator)

        def run(writer):
            if self.is_worker:
                try:
                    if shared:
                        self._sharing = True
                        generate_output(writer)
                except BaseException as error:  # noqa: BLE001 - sent to the main process
                    self._finish_worker(error)
                if last:
                    self._finish_worker()
                return
            self._sharing = shared
            try:
                generate_output(writer)
            except BaseException:
                self.abandon()
                raise
            finally:
                self._sharing = False
            if last:
                self.join()

        return run

    def join(self) -> None:
        """Wait for every worker and merge what each sent, in shard order."""
        failures = []
        try:
            for index, (pid, read_end) in enumerate(self._children, start=1):
                payload, status = receive(pid, read_end)
                if payload is None:
                    failures.append(f"rendering worker {index} stopped without its results "
                                    f"(exit status {os.waitstatus_to_exitcode(status)})")
                    continue
                self._show(payload["logs"])
                if payload["failure"]:
                    failures.append(payload["failure"])
                    log.debug("rendering worker %d:\n%s", index, payload.get("traceback", ""))
                else:
                    self._merge(payload["results"])
        finally:
            self._children = []
            if self._seen is not None:
                logging.getLogger().removeHandler(self._seen)
        if failures:
            raise WorkerFailed("; ".join(failures))

    def abandon(self) -> None:
        """The main process failed: stop the workers, keep nothing of theirs."""
        for pid, read_end in self._children:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.close(read_end)
            os.waitpid(pid, 0)
        self._children = []
        if self._seen is not None:
            logging.getLogger().removeHandler(self._seen)

    def _show(self, records) -> None:
        seen = self._seen.messages if self._seen is not None else set()
        for name, level, level_name, message in records:
            if (level, message) in seen:  # the same message from two processes: once
                continue
            seen.add((level, message))
            record = logging.makeLogRecord({"name": name, "levelno": level,
                                            "levelname": level_name, "msg": message})
            logging.getLogger(name).handle(record)


def send_and_exit(pipe: int, payload) -> None:
    """In a forked process: send `payload()`, pickled, through `pipe`; then end
    the process (status 1 when that failed: the parent receives nothing)."""
    status = 0
    try:
        data = pickle.dumps(payload(), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(pipe, "wb") as handle:
            handle.write(data)
    except BaseException:  # noqa: BLE001 - the parent reports a process without results
        status = 1
    finally:
        os._exit(status)


def receive(pid: int, read_end: int) -> tuple[object | None, int]:
    """In the parent: what a forked process sent (None when nothing readable
    came) and its wait status, once it has ended."""
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        return None, status
    try:
        return pickle.loads(data), status
    except Exception:  # noqa: BLE001 - reported as a process without results
        return None, status
