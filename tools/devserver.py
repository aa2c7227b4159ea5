"""Preview server for editors: rebuilds on every save and refreshes open pages.

    make devserver                 # http://localhost:8000
    python -m tools.devserver --port 8001

Builds go through tools.build (the same staged, checked build as `make html`),
each in a fresh process forked from a server that has already imported the
heavy libraries. The next build's process is started as soon as the last one
ends: it imports the site's code (Pelican, the plugins) while the editor
types, then waits; a save only tells it to go. A change to Python code or
settings replaces it with a fresh one, so the new code is what builds. Pages are served from output/ with a small live-reload script
added on the fly (only here: the published HTML has no script, and output/ is
left as the build wrote it). The browser reloads when a build succeeds; a
failed build prints its errors and leaves the previous pages in place.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import threading
import time
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRELOAD = ["pelican", "jinja2", "markdown", "babel.dates", "pydantic", "yaml", "PIL.Image",
           "icalendar", "feedgenerator", "brotli"]
RELOAD_SCRIPT = b"""(function () {
  var seen = null;
  var source = new EventSource("/__livereload");
  source.onopen = function () { document.documentElement.dataset.livereload = "on"; };
  source.onmessage = function (event) {
    if (seen !== null && event.data !== seen) { window.location.reload(); }
    seen = event.data;
  };
})();
"""
SCRIPT_TAG = b'<script src="/__livereload.js" defer></script>'


class BuildState:
    """The number of the last successful build, which open pages wait on."""

    def __init__(self):
        self.version = 0
        self.changed = threading.Condition()

    def succeeded(self):
        with self.changed:
            self.version += 1
            self.changed.notify_all()

    def wait_newer(self, version: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version != version, timeout=timeout)
            return self.version


def _standby_build(settings: str, output: str, go) -> None:
    from tools.build import build, prepare

    try:
        prepare(Path(settings))
    except Exception:  # noqa: BLE001 - the build itself will report it
        pass
    try:
        if go.recv() != "build":
            sys.exit(0)
    except (EOFError, KeyboardInterrupt):
        sys.exit(0)
    sys.exit(build(Path(settings), Path(output)))


class Builder:
    """Runs builds, each in its own process, the next one always ready."""

    def __init__(self, context, settings: Path, output: Path):
        self.context, self.settings, self.output = context, settings, output
        self._standby = None

    def _start_standby(self) -> None:
        receive, send = self.context.Pipe(duplex=False)
        process = self.context.Process(target=_standby_build,
                                       args=(str(self.settings), str(self.output), receive))
        process.start()
        receive.close()
        self._standby = (process, send)

    def discard_standby(self) -> None:
        """Its code is no longer the code on disk."""
        if self._standby is not None:
            process, send = self._standby
            send.close()
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()
            self._standby = None

    def build(self) -> tuple[bool, float]:
        started = time.perf_counter()
        if self._standby is None:
            self._start_standby()
        process, send = self._standby
        self._standby = None
        send.send("build")
        send.close()
        process.join()
        seconds = time.perf_counter() - started
        self._start_standby()  # ready for the next save
        return process.exitcode == 0, seconds


def code_changed(changes) -> bool:
    """A change that the waiting build process has not imported."""
    return any(Path(path).suffix == ".py" for _, path in changes)


class PreviewHandler(SimpleHTTPRequestHandler):
    state: BuildState

    def log_message(self, format, *args):  # keep the terminal for build messages
        pass

    def do_GET(self):
        if self.path == "/__livereload":
            return self._events()
        if self.path == "/__livereload.js":
            return self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", RELOAD_SCRIPT)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().do_GET()  # the standard redirect to the folder URL
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            return self._html(HTTPStatus.OK, path)
        if not path.exists():
            language_404 = Path(self.directory, self.path.strip("/").split("/")[0], "404.html")
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

    def _events(self):
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        version = self.state.version
        try:
            while True:
                self.wfile.write(f"data: {version}\n\n".encode())
                self.wfile.flush()
                version = self.state.wait_newer(version, timeout=15)
        except (BrokenPipeError, ConnectionResetError):
            pass


def serve(output: Path, port: int, state: BuildState) -> ThreadingHTTPServer:
    handler = type("Handler", (PreviewHandler,), {"state": state})
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
    settings, output = args.settings.resolve(), args.output.resolve()

    import watchfiles

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    state = BuildState()
    builder = Builder(context, settings, output)
    ok, seconds = builder.build()
    output.mkdir(parents=True, exist_ok=True)
    # Watch before serving: a save made as soon as the first page loads is seen.
    watcher = watchfiles.watch(*watched_paths(settings), debounce=50, step=20,
                               rust_timeout=200, yield_on_timeout=True)
    next(watcher)  # an empty set once the watcher is running
    server = serve(output, args.port, state)
    print(f"Serving {output}/ on http://localhost:{args.port}/ — first build "
          f"{'done' if ok else 'FAILED'} in {seconds:.1f} s. Ctrl-C to stop.", flush=True)
    try:
        for changes in watcher:
            if not changes:
                continue
            names = ", ".join(sorted(Path(p).name for _, p in changes)[:3])
            if code_changed(changes):
                builder.discard_standby()
            ok, seconds = builder.build()
            if ok:
                state.succeeded()
                print(f"Saved {names}: site rebuilt and pages refreshed in {seconds:.2f} s.",
                      flush=True)
            else:
                print(f"Saved {names}: the build failed (see above); the pages stay as they were.",
                      flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        builder.discard_standby()
    return 0


if __name__ == "__main__":
    sys.exit(main())
