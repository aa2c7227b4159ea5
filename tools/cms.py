"""The CMS at /admin/ against a working copy, on this machine only (`make cms`).

    make cms                                   # http://127.0.0.1:8000/admin/
    python -m tools.cms --port 8001 --repository /tmp/copy --site output

Starts Decap CMS's local backend (`decap-server`, pinned in package.json) over
the repository (default: this working copy) on a Unix socket in a private
folder (tools/cms_socket.js): no port of the machine reaches it. In front of it,
serves the built site on 127.0.0.1 with the published header policy
(tools/publishing/policy.py) and forwards `/api/v1` to the backend, so the CMS
talks to its own origin and the admin's Content-Security-Policy holds exactly
as published. `admin/config.yml` is served with `local_backend` pointing at
that address (the published file only names the real git host).

Any web page open in the editor's browser can send requests to 127.0.0.1, so
the API answers only the admin page itself: the `Host` must be this server's
address (no DNS rebinding), the `Origin` its origin, the body JSON sent as
`application/json` (which another site cannot send without a preflight this
server never grants), the action one of decap-server's file actions, and
every path it names inside content/ once symlinks are resolved; listings
leave out files that resolve elsewhere.

What the CMS saves is written straight into the repository's content/ folder:
no commit, no pull request (that is the git host's editorial workflow).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from llv.common.outputs import ADMIN_FOLDER
from tools.publishing import policy

ROOT = Path(__file__).resolve().parent.parent
DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
SOCKET_PRELOAD = ROOT / "tools" / "cms_socket.js"
API_PATH = "/api/v1"
CONFIG_PATH = f"/{ADMIN_FOLDER}/config.yml"
CONTENT = "content"
MAX_REQUEST_BYTES = 50 * 1024 * 1024  # decap-server's own limit (uploads travel as base64)

# decap-server's file-system actions, and where each names a repository path
# (`[]`: every item of a list). Any other action is refused.
ACTION_PATHS = {
    "info": (),
    "getDeployPreview": (),
    "entriesByFolder": ("folder",),
    "entriesByFiles": ("files[].path",),
    "getEntry": ("path",),
    "persistEntry": ("entry.path", "entry.newPath", "dataFiles[].path", "dataFiles[].newPath",
                     "assets[].path"),
    "getMedia": ("mediaFolder",),
    "getMediaFile": ("path",),
    "persistMedia": ("asset.path",),
    "deleteFile": ("path",),
    "deleteFiles": ("paths[]",),
}
LISTINGS = {"entriesByFolder", "entriesByFiles", "getMedia"}  # answers listing files


class CmsError(RuntimeError):
    pass


class Refused(Exception):
    """A request the API does not forward: (status, reason)."""


def values_at(data, path: str) -> list:
    """The values at a dotted path (`files[].path`) of JSON data; absent parts give none."""
    found = [data]
    for part in path.split("."):
        many = part.endswith("[]")
        key = part.removesuffix("[]")
        found = [item[key] for item in found if isinstance(item, dict) and key in item]
        if many:
            found = [value for item in found if isinstance(item, list) for value in item]
    return [value for value in found if value is not None]


def inside_content(repository: Path, path) -> bool:
    """Whether a path written relative to the repository is in its content/ folder
    once every symbolic link is followed (a file not written yet: its folder)."""
    if not isinstance(path, str) or not path or "\x00" in path or "\\" in path \
            or path.startswith("/"):
        return False
    content = (repository / CONTENT).resolve()
    target = (repository / path).resolve()
    return target == content or content in target.parents


def check_api_request(repository: Path, data) -> str:
    """The action of a request body the backend may run, or Refused."""
    if not isinstance(data, dict) or data.get("action") not in ACTION_PATHS:
        raise Refused(422, "unknown action")
    action = data["action"]
    params = data.get("params")
    for path in ACTION_PATHS[action]:
        for value in values_at(params, path):
            if not inside_content(repository, value):
                raise Refused(403, f"{path.split('.')[-1].rstrip('[]')}: only files in content/")
    return action


def keep_inside_content(repository: Path, listing):
    """A listing's answer without the files that resolve outside content/."""
    if not isinstance(listing, list):
        return listing
    return [item for item in listing if isinstance(item, dict)
            and inside_content(repository, (item.get("file") or item).get("path"))]


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float = 120):
        super().__init__("localhost", timeout=timeout)
        self.socket_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.socket_path)


def backend_post(socket_path: str, body: bytes) -> tuple[int, bytes]:
    connection = UnixConnection(socket_path)
    try:
        connection.request("POST", API_PATH, body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@contextmanager
def local_backend(repository: Path):
    """decap-server over `repository` on a Unix socket only this user can open; yields its path."""
    node = shutil.which("node")
    if node is None or not DECAP_SERVER.is_file():
        raise CmsError("the CMS's local backend is missing: run `make cms` "
                       "(it installs Node.js and decap-server, pinned in package-lock.json)")
    with tempfile.TemporaryDirectory(prefix="llv-cms-") as folder:  # mode 0700
        socket_path = str(Path(folder) / "decap-server.sock")
        environment = {**os.environ, "LLV_CMS_SOCKET": socket_path, "MODE": "fs",
                       "GIT_REPO_DIRECTORY": str(repository.resolve()), "LOG_LEVEL": "warn"}
        for name in ("PORT", "BIND_HOST", "ORIGIN"):
            environment.pop(name, None)
        process = subprocess.Popen([node, "--require", str(SOCKET_PRELOAD), str(DECAP_SERVER)],
                                   cwd=repository, env=environment, stdin=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 20
            while True:
                try:
                    backend_post(socket_path, b'{"action": "info"}')
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise CmsError("decap-server did not start") from None
                    time.sleep(0.1)
            yield socket_path
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def config_for_local_backend(text: str, api_url: str) -> bytes:
    """The published config.yml, its local backend pointed at `api_url` (JSON is YAML)."""
    config = yaml.safe_load(text)
    config["local_backend"] = {"url": api_url}
    return json.dumps(config, ensure_ascii=False).encode("utf-8")


class CmsHandler(SimpleHTTPRequestHandler):
    """The built site with its published headers, plus the backend's API for the admin page only."""

    backend_socket = ""
    repository = ROOT

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

    def _own_host(self) -> bool:
        """Asked for by this server's address, not a name pointed at 127.0.0.1 (DNS rebinding)."""
        port = self.server.server_address[1]
        return self.headers.get("Host") in (f"127.0.0.1:{port}", f"localhost:{port}")

    def do_GET(self):
        if not self._own_host():
            self._reply(421, "text/plain; charset=utf-8", b"unknown host")
            return
        if self.path.split("?", 1)[0] == CONFIG_PATH:
            published = Path(self.directory, CONFIG_PATH.lstrip("/"))
            if published.is_file():
                body = config_for_local_backend(published.read_text(encoding="utf-8"),
                                                f"http://{self.headers['Host']}{API_PATH}")
                self._reply(200, "text/yaml; charset=utf-8", body)
                return
        super().do_GET()

    def do_HEAD(self):
        if not self._own_host():
            self._reply(421, "text/plain; charset=utf-8", b"")
            return
        super().do_HEAD()

    def do_POST(self):
        try:
            status, body = self._api()
        except Refused as refusal:
            status, reason = refusal.args
            body = json.dumps({"error": reason}).encode()
        self._reply(status, "application/json; charset=utf-8", body)

    def _api(self) -> tuple[int, bytes]:
        if self.path != API_PATH:
            raise Refused(404, "not found")
        if not self._own_host():
            raise Refused(421, "unknown host")
        if self.headers.get("Origin") != f"http://{self.headers['Host']}" \
                or self.headers.get("Sec-Fetch-Site", "same-origin") != "same-origin":
            raise Refused(403, "only the admin page may use this API")
        if self.headers.get_content_type() != "application/json":
            raise Refused(415, "expected application/json")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_REQUEST_BYTES:
            raise Refused(413, "too large")
        raw = self.rfile.read(length)
        try:
            data = json.loads(raw)
        except ValueError:
            raise Refused(400, "expected JSON") from None
        action = check_api_request(self.repository, data)
        status, body = backend_post(self.backend_socket, raw)
        if action in LISTINGS and status == 200:
            body = json.dumps(keep_inside_content(self.repository, json.loads(body))).encode()
        return status, body

    def _reply(self, status: int, content_type: str, body: bytes):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve_cms(site: Path, repository: Path, port: int = 0):
    """Serve `site` (a built output folder) and the CMS over `repository`; yields the origin."""
    if not (site / ADMIN_FOLDER / "index.html").is_file():
        raise CmsError(f"no {site}/{ADMIN_FOLDER}/index.html: build the site first (`make html`)")
    with local_backend(repository) as backend_socket:
        handler = type("Handler", (CmsHandler,), {"backend_socket": backend_socket,
                                                  "repository": repository.resolve()})
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
