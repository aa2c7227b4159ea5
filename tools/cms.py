"""The CMS at /admin/ against a working copy, on this machine only (`make cms`).

    make cms                                   # http://127.0.0.1:8000/admin/
    python -m tools.cms --port 8001 --repository /tmp/copy --site output

Starts Decap CMS's local backend (`decap-server`, pinned in package.json) on a
free port of 127.0.0.1 over the repository (default: this working copy), then
serves the built site on 127.0.0.1 with the published header policy
(tools/publishing/policy.py) and forwards `/api/v1` to the backend, so the CMS
talks to its own origin and the admin's Content-Security-Policy holds exactly
as published. `admin/config.yml` is served with `local_backend` pointing at
that address (the published file only names the real git host).

What the CMS saves is written straight into the repository's content/ folder:
no commit, no pull request (that is the git host's editorial workflow).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from tools.publishing import policy

ROOT = Path(__file__).resolve().parent.parent
DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
API_PATH = "/api/v1"
CONFIG_PATH = "/admin/config.yml"
MAX_REQUEST_BYTES = 50 * 1024 * 1024  # decap-server's own limit (uploads travel as base64)


class CmsError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def local_backend(repository: Path):
    """decap-server over `repository`, on 127.0.0.1 only; yields its API URL."""
    node = shutil.which("node")
    if node is None or not DECAP_SERVER.is_file():
        raise CmsError("the CMS's local backend is missing: run `bash tools/install_test_tools.sh` "
                       "(it installs Node.js and the npm packages of package-lock.json)")
    port = free_port()
    environment = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
                   "GIT_REPO_DIRECTORY": str(repository.resolve()), "LOG_LEVEL": "warn"}
    process = subprocess.Popen([node, str(DECAP_SERVER)], cwd=repository, env=environment,
                               stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}{API_PATH}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                _post(url, b'{"action": "info"}')
                break
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise CmsError("decap-server did not start") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _post(url: str, body: bytes) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def config_for_local_backend(text: str, api_url: str) -> bytes:
    """The published config.yml, its local backend pointed at `api_url` (JSON is YAML)."""
    config = yaml.safe_load(text)
    config["local_backend"] = {"url": api_url}
    return json.dumps(config, ensure_ascii=False).encode("utf-8")


class CmsHandler(SimpleHTTPRequestHandler):
    """The built site with its published headers, plus the backend's API."""

    backend_url = ""

    def log_message(self, format, *args):
        pass

    def end_headers(self):
        path = self.path.split("?", 1)[0]
        key = path.lstrip("/")
        if key == "" or key.endswith("/"):
            key += "index.html"
        for name, value in policy.headers_for(key).security.items():
            self.send_header(name, value)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self):
        if self.path.split("?", 1)[0] == CONFIG_PATH:
            published = Path(self.directory, CONFIG_PATH.lstrip("/"))
            if published.is_file():
                origin = f"http://{self.headers.get('Host', self.server.server_address[0])}"
                body = config_for_local_backend(published.read_text(encoding="utf-8"),
                                                origin + API_PATH)
                self._reply(200, "text/yaml; charset=utf-8", body)
                return
        super().do_GET()

    def do_POST(self):
        if self.path != API_PATH:
            self._reply(404, "text/plain; charset=utf-8", b"not found")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_REQUEST_BYTES:
            self._reply(413, "text/plain; charset=utf-8", b"too large")
            return
        status, body = _post(self.backend_url, self.rfile.read(length))
        self._reply(status, "application/json; charset=utf-8", body)

    def _reply(self, status: int, content_type: str, body: bytes):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve_cms(site: Path, repository: Path, port: int = 0):
    """Serve `site` (a built output folder) and the CMS over `repository`; yields the origin."""
    if not (site / "admin" / "index.html").is_file():
        raise CmsError(f"no {site}/admin/index.html: build the site first (`make html`)")
    with local_backend(repository) as api_url:
        handler = type("Handler", (CmsHandler,), {"backend_url": api_url})
        server = ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(site)))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()
            server.server_close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--site", type=Path, default=ROOT / "output", help="built site to serve")
    parser.add_argument("--repository", type=Path, default=ROOT,
                        help="folder holding content/ that the CMS edits")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop decap-server too
    try:
        with serve_cms(args.site, args.repository, args.port) as origin:
            print(f"CMS: {origin}/admin/ (saves into {args.repository.resolve()}/content/)")
            print(f"Site: {origin}/ (run `make html` to see saved changes); Ctrl+C stops")
            try:
                threading.Event().wait()
            except KeyboardInterrupt:
                pass
    except CmsError as error:
        print(f"make cms: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
