"""A real Chromium on the built site: the tools, a local server, page types.

The site is built with its production URLs (https://louvrelensvallee.com/...):
the browser asks for them and every such request is answered by a real HTTP
server on 127.0.0.1 serving the built output; any other request is refused,
so a test never leaves the machine.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.sitetools import PRODUCTION_URL, ROOT

CHROMIUM = Path("/usr/bin/chromium")
NODE_MODULES = ROOT / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
INSTALL_HINT = "run `bash tools/install_test_tools.sh` (or `make test`, which runs it)"


def require(condition: bool, what: str) -> None:
    """Fail under CI (where make test installs everything), skip elsewhere."""
    if condition:
        return
    message = f"{what} is missing: {INSTALL_HINT}"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def require_chromium() -> None:
    require(CHROMIUM.is_file(), f"Debian's chromium ({CHROMIUM})")
    require(AXE_SCRIPT.is_file(), f"axe-core ({AXE_SCRIPT.relative_to(ROOT)})")


def require_vnu() -> str:
    java = shutil.which("java")
    require(java is not None, "a Java runtime (default-jre-headless)")
    require(VNU_JAR.is_file(), f"the Nu Html Checker ({VNU_JAR.relative_to(ROOT)})")
    return java


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(directory: Path):
    """A real HTTP server on a free port of 127.0.0.1, in a thread."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def route_site_to(context, local_origin: str, failures: list[str]) -> None:
    """Answer the production origin from the local server; refuse everything else."""

    def production(route):
        request_url = route.request.url
        local = local_origin + request_url[len(PRODUCTION_URL):]
        try:
            with urllib.request.urlopen(local) as response:
                status, body, headers = response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:
            status, body, headers = error.code, error.read(), dict(error.headers)
        if status >= 400:
            failures.append(f"{status} {request_url}")
        route.fulfill(status=status, body=body, headers=headers)

    def elsewhere(route):
        failures.append(f"request outside the site: {route.request.url}")
        route.abort()

    context.route(re.compile(r"^(?!" + re.escape(PRODUCTION_URL) + r"/).*"), elsewhere)
    context.route(re.compile("^" + re.escape(PRODUCTION_URL) + "/.*"), production)


def page_types(output: Path) -> dict[str, tuple[str, str]]:
    """One representative page per kind of page, as (French URL, English URL).

    Kinds whose pages do not exist in this build (e.g. no event yet) are absent.
    """
    def first(pattern: str) -> str | None:
        regex = re.compile(pattern)
        for path in sorted(output.rglob("*.html")):
            url = "/" + path.relative_to(output).as_posix().removesuffix("index.html")
            if regex.fullmatch(url):
                return url
        return None

    candidates = {
        "home": (r"/", r"/en/"),
        "page": (r"/a-propos/", r"/en/about/"),
        "apply": (r"/candidater/", r"/en/apply/"),
        "search": (r"/recherche/", r"/en/search/"),
        "accessibility": (r"/accessibilite/", r"/en/accessibility/"),
        "news index": (r"/actualites/", r"/en/news/"),
        "news": (r"/actualites/label-french-tech/", r"/en/news/french-tech-label/"),
        "start-ups": (r"/start-up/", r"/en/start-ups/"),
        "start-up": (r"/start-up/wezaart/", r"/en/start-ups/wezaart/"),
        "start-up facet": (r"/start-up/(?:secteur|promotion|programme)/[^/]+/",
                           r"/en/start-ups/(?:sector|cohort|programme)/[^/]+/"),
        "partners": (r"/partenaires/", r"/en/partners/"),
        "agenda": (r"/agenda/", r"/en/events/"),
        "event": (r"/agenda/(?!archives/)[^/]+/", r"/en/events/(?!archive/)[^/]+/"),
        "404": (r"/404\.html", r"/en/404\.html"),
    }
    types = {}
    for kind, (french, english) in candidates.items():
        urls = (first(french), first(english))
        if all(urls):
            types[kind] = urls
    return types
