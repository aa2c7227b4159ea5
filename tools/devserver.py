"""Preview server for editors: rebuilds on every save and refreshes open pages.

    make devserver                 # http://localhost:8000
    python -m tools.devserver --port 8001

A save first renders only the pages open in the browser (tools.build.preview,
served before `output/`) and refreshes them, then builds the whole site the
way `make html` does (the same checks; `output/` is swapped only when the
build succeeded) — the way Hugo's fast render mode shows a change at once. A
save during a build stops that build (output/ stays as it was) and starts
again from the new sources.

Builds run in processes forked from a server that has already imported the
heavy libraries; the next one imports the site's code (Pelican, the plugins)
while the previous one builds and the editor types, then waits for a save. A
change to Python code or settings replaces it, so the new code is what
builds. Pages are served with a small live-reload script added on the fly
(only here: the published HTML has no script, and output/ is left as the
build wrote it). A failed build prints its errors and leaves the pages as
they were.
"""

from __future__ import annotations

import argparse
import multiprocessing
import shutil
import signal
import sys
import threading
import time
from collections import Counter
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from tools.build import preview_folder

ROOT = Path(__file__).resolve().parent.parent
PRELOAD = ["pelican", "jinja2", "markdown", "babel.dates", "pydantic", "yaml", "PIL.Image",
           "icalendar", "feedgenerator", "brotli"]
RELOAD_SCRIPT = b"""(function () {
  var seen = null;
  var source = new EventSource("/__livereload?page=" + encodeURIComponent(location.pathname));
  source.onopen = function () { document.documentElement.dataset.livereload = "on"; };
  source.onmessage = function (event) {
    if (seen !== null && event.data !== seen) { window.location.reload(); }
    seen = event.data;
  };
})();
"""
SCRIPT_TAG = b'<script src="/__livereload.js" defer></script>'


class BuildState:
    """The number of the last change shown, which open pages wait on, and the
    pages open in a browser (the ones a save renders first)."""

    def __init__(self):
        self.version = 0
        self.changed = threading.Condition()
        self.open_pages: Counter[str] = Counter()

    def succeeded(self):
        with self.changed:
            self.version += 1
            self.changed.notify_all()

    def wait_newer(self, version: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version != version, timeout=timeout)
            return self.version

    def pages(self) -> set[str]:
        with self.changed:
            return {page for page, count in self.open_pages.items() if count > 0}


def output_file(url_path: str) -> str | None:
    """`/actualites/x/` → `actualites/x/index.html`, the file a page URL serves."""
    path = unquote(url_path).lstrip("/")
    if ".." in path.split("/"):
        return None
    if path == "" or path.endswith("/"):
        return path + "index.html"
    return path if path.endswith(".html") else None


def _standby_build(settings: str, output: str, connection) -> None:
    """A build process: imports what a build needs, waits for the save, then
    renders the open pages (reporting when they are ready) and the site."""
    from tools.build import build, prepare, preview

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        try:
            prepare(Path(settings))
        except Exception:  # noqa: BLE001 - the build itself will report it
            pass
        pages = connection.recv()
        if pages:
            connection.send(preview(Path(settings), Path(output), set(pages)))
    except (EOFError, KeyboardInterrupt):
        sys.exit(130)
    sys.exit(build(Path(settings), Path(output)))


class Builder:
    """Runs builds, each in its own process, the next one always ready."""

    def __init__(self, context, settings: Path, output: Path, state: BuildState):
        self.context, self.settings, self.output, self.state = context, settings, output, state
        self._standby = None
        self._running = None
        self.finished = threading.Event()

    def _start_standby(self) -> None:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(target=_standby_build,
                                       args=(str(self.settings), str(self.output), theirs))
        process.start()
        theirs.close()
        self._standby = (process, ours)

    def discard_standby(self) -> None:
        """Its code is no longer the code on disk."""
        if self._standby is not None:
            process, connection = self._standby
            connection.close()
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()
            self._standby = None

    def stop_running(self) -> None:
        """A newer save makes the build under way useless: stop it (output/ is
        left as it was; its generation folder is removed)."""
        if self._running is not None:
            process, follower = self._running
            if process.is_alive():
                process.terminate()
            follower.join()
            self._running = None

    def start(self, names: str, pages: set[str]) -> None:
        self.stop_running()
        if self._standby is None:
            self._start_standby()
        process, connection = self._standby
        self._standby = None
        self.finished.clear()
        connection.send(sorted(pages))
        follower = threading.Thread(target=self._follow, daemon=True,
                                    args=(process, connection, names, bool(pages)))
        self._running = (process, follower)
        follower.start()
        self._start_standby()  # ready for the next save while this one builds

    def _follow(self, process, connection, names: str, previewing: bool) -> None:
        started = time.perf_counter()
        shown = False
        if previewing:
            try:
                shown = connection.recv()
            except (EOFError, OSError):
                shown = False
            if shown:
                self.state.succeeded()
                print(f"Saved {names}: open pages refreshed in "
                      f"{time.perf_counter() - started:.2f} s; building the site…", flush=True)
        process.join()
        connection.close()
        shutil.rmtree(preview_folder(self.output), ignore_errors=True)
        seconds = time.perf_counter() - started
        if process.exitcode == 0:
            if not shown:
                self.state.succeeded()
            print(f"Saved {names}: site rebuilt in {seconds:.2f} s.", flush=True)
        elif process.exitcode in (130, -signal.SIGTERM):
            print(f"Saved {names}: build stopped for a newer save.", flush=True)
        else:
            print(f"Saved {names}: the build failed (see above); the pages stay as they were.",
                  flush=True)
        self.finished.set()


def code_changed(changes) -> bool:
    """A change that the waiting build process has not imported."""
    return any(Path(path).suffix == ".py" for _, path in changes)


class PreviewHandler(SimpleHTTPRequestHandler):
    state: BuildState
    preview: Path  # pages rendered for the last save, served before output/

    def log_message(self, format, *args):  # keep the terminal for build messages
        pass

    def do_GET(self):
        parts = urlsplit(self.path)
        if parts.path == "/__livereload":
            return self._events(parse_qs(parts.query).get("page", [""])[0])
        if parts.path == "/__livereload.js":
            return self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", RELOAD_SCRIPT)
        name = output_file(parts.path)
        if name is not None and (self.preview / name).is_file():
            return self._html(HTTPStatus.OK, self.preview / name)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not parts.path.endswith("/"):
                return super().do_GET()  # the standard redirect to the folder URL
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            return self._html(HTTPStatus.OK, path)
        if not path.exists():
            language_404 = Path(self.directory, parts.path.strip("/").split("/")[0], "404.html")
            fallback = language_404 if language_404.is_file() else Path(self.directory, "404.html")
            if fallback.is_file():
                return self._html(HTTPStatus.NOT_FOUND, fallback)
        return super().do_GET()

    def _html(self, status, path: Path):
        body = path.read_bytes()
        marker = body.rfind(b"</body>")
        if marker != -1:
            body = body[:marker] + SCRIPT_TAG + body[marker:]
        self._send(status, "text/html; charset=utf-8", body)

    def _send(self, status, content_type: str, body: bytes):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self, page: str):
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        name = output_file(page)
        state = self.state
        if name:
            with state.changed:
                state.open_pages[name] += 1
        version = state.version
        try:
            while True:
                self.wfile.write(f"data: {version}\n\n".encode())
                self.wfile.flush()
                version = state.wait_newer(version, timeout=15)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            if name:
                with state.changed:
                    state.open_pages[name] -= 1


def serve(output: Path, port: int, state: BuildState) -> ThreadingHTTPServer:
    handler = type("Handler", (PreviewHandler,),
                   {"state": state, "preview": preview_folder(output)})
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(output)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def watched_paths(settings_file: Path) -> list[Path]:
    from pelican.settings import read_settings

    settings = read_settings(str(settings_file))
    return [Path(settings["PATH"]), Path(settings["THEME"]), ROOT / "plugins", ROOT / "tools",
            settings_file, *sorted(ROOT.glob("*.py"))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py", type=Path)
    parser.add_argument("--output", default="output", type=Path)
    parser.add_argument("--port", default=8000, type=int)
    args = parser.parse_args(argv)
    settings, output = args.settings.resolve(), args.output.absolute()

    import watchfiles

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    state = BuildState()
    builder = Builder(context, settings, output, state)
    started = time.perf_counter()
    builder.start("nothing (first build)", set())
    builder.finished.wait()
    ok = output.is_dir()
    # Watch before serving: a save made as soon as the first page loads is seen.
    watcher = watchfiles.watch(*watched_paths(settings), debounce=50, step=20,
                               rust_timeout=200, yield_on_timeout=True)
    next(watcher)  # an empty set once the watcher is running
    server = serve(output, args.port, state)
    print(f"Serving {output.name}/ on http://localhost:{args.port}/ — first build "
          f"{'done' if ok else 'FAILED'} in {time.perf_counter() - started:.1f} s. "
          "Ctrl-C to stop.", flush=True)
    try:
        for changes in watcher:
            if not changes:
                continue
            names = ", ".join(sorted(Path(p).name for _, p in changes)[:3])
            if code_changed(changes):
                builder.discard_standby()
            builder.start(names, state.pages())
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        builder.stop_running()
        builder.discard_standby()
    return 0


if __name__ == "__main__":
    sys.exit(main())
