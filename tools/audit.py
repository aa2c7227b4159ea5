"""Lighthouse scores and page weights of the built site (`make audit`).

Builds the site with the production settings but local URLs, serves it on
127.0.0.1 (text compressed as a web server would: brotli or gzip), runs
Lighthouse (npm `lighthouse`, Debian's chromium) on one page of each kind,
mobile and desktop, and prints the four scores, the bytes transferred and the
compressed size of the stylesheet. Exits 1 when a target is missed:
100 in all four categories, mobile and desktop; no layout shift (CLS 0);
home page <= 100 KB transferred, font included; at most 40 KB of font on any
page; CSS needed for first render <= 14 KB compressed.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import brotli

from llv.common.files import walk_files
from tools.build import build

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")
PAGES = {  # kind: (French URL, English URL)
    "home": ("/", "/en/"),
    "page": ("/a-propos/", "/en/about/"),
    "news index": ("/actualites/", "/en/news/"),
    "news": ("/actualites/label-french-tech/", "/en/news/french-tech-label/"),
    "start-ups": ("/start-up/", "/en/start-ups/"),
    "start-up": ("/start-up/wezaart/", "/en/start-ups/wezaart/"),
    "partners": ("/partenaires/", "/en/partners/"),
    "agenda": ("/agenda/", "/en/events/"),
    "event": ("/agenda/culturathon-2022/", "/en/events/culturathon-2022/"),
    "apply": ("/candidater/", "/en/apply/"),
    "404": ("/404.html", "/en/404.html"),
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 100, "accessibility": 100, "best-practices": 100, "seo": 100}
# The 404 page asks not to be indexed (noindex): Lighthouse's SEO score counts that
# against it, on purpose.
EXEMPT = {"404": {"seo"}}
HOME_WEIGHT_LIMIT = 100 * 1024
FONT_WEIGHT_LIMIT = 40 * 1024
CRITICAL_CSS_LIMIT = 14 * 1024
COMPRESSIBLE = (".html", ".css", ".js", ".svg", ".xml", ".json", ".txt", ".ics")


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text sent compressed (br, else gzip) as a real server would."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        accepted = self.headers.get("Accept-Encoding", "")
        if not path.is_file() or path.suffix not in COMPRESSIBLE or not (
            "br" in accepted or "gzip" in accepted
        ):
            return super().send_head()
        data = path.read_bytes()
        encoding = "br" if "br" in accepted else "gzip"
        body = brotli.compress(data) if encoding == "br" else gzip.compress(data, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=31536000" if "/theme/" in self.path else "no-cache")
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lighthouse(url: str, desktop: bool) -> dict:
    command = [
        str(LIGHTHOUSE), url, f"--chrome-path={CHROMIUM}", f"--chrome-flags={CHROME_FLAGS}",
        "--output=json", "--output-path=stdout", "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    if desktop:
        command.append("--preset=desktop")
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}: {result.stderr[-1500:]}")
    report = json.loads(result.stdout)
    scores = {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    weight = report["audits"]["total-byte-weight"]["numericValue"]
    requests = report["audits"]["network-requests"]["details"]["items"]
    fonts = sum(r.get("transferSize", 0) for r in requests if r.get("resourceType") == "Font")
    shift = report["audits"]["cumulative-layout-shift"]["numericValue"]
    failing = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                failing.append(f"{ref['id']}: {audit['title']}")
    return {"scores": scores, "weight": int(weight), "fonts": int(fonts), "cls": shift,
            "failing": failing}


def css_sizes(output: Path) -> list[tuple[str, int, int, int]]:
    sizes = []
    for relative, entry in walk_files(output / "theme"):
        if not relative.endswith(".css"):
            continue
        data = Path(entry.path).read_bytes()
        sizes.append((f"theme/{relative}", len(data),
                      len(gzip.compress(data, 9, mtime=0)), len(brotli.compress(data))))
    return sizes


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("fr", "en", "both"), default="both")
    parser.add_argument("--pages", nargs="*", choices=list(PAGES), default=list(PAGES))
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists() or not Path(CHROMIUM).exists():
        subprocess.run(["bash", str(ROOT / "tools" / "install_test_tools.sh")], check=True)

    port = _free_port()
    origin = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as temporary:
        output = Path(temporary) / "output"
        if build(ROOT / "publishconf.py", output, {"SITEURL": origin, "FEED_DOMAIN": origin}):
            return 1
        handler = functools.partial(CompressingHandler, directory=str(output))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        missed = []
        try:
            print(f"\n{'page':<32} {'form':<8} {'perf':>4} {'a11y':>4} {'b.p.':>4} {'seo':>4} "
                  f"{'KB':>7} {'font KB':>7} {'CLS':>5}")
            languages = (0, 1) if args.lang == "both" else ((0,) if args.lang == "fr" else (1,))
            for kind in args.pages:
                for index in languages:
                    url = PAGES[kind][index]
                    page_file = output / url.lstrip("/")
                    if not (page_file if url.endswith(".html") else page_file / "index.html").is_file():
                        print(f"{url:<28} (not built)")
                        continue
                    for desktop in (False, True):
                        form = "desktop" if desktop else "mobile"
                        result = lighthouse(origin + url, desktop)
                        s = result["scores"]
                        print(f"{url:<32} {form:<8} {s['performance']:>4} {s['accessibility']:>4} "
                              f"{s['best-practices']:>4} {s['seo']:>4} {result['weight'] / 1024:>7.1f} "
                              f"{result['fonts'] / 1024:>7.1f} {result['cls']:>5.3f}", flush=True)
                        for category, target in TARGETS.items():
                            if s[category] < target and category not in EXEMPT.get(kind, ()):
                                missed.append(f"{url} {form}: {category} {s[category]} < {target}"
                                              f" ({'; '.join(result['failing'])})")
                        if result["cls"] > 0:
                            missed.append(f"{url} {form}: layout shift {result['cls']:.3f} > 0")
                        if result["fonts"] > FONT_WEIGHT_LIMIT:
                            missed.append(f"{url} {form}: {result['fonts']} bytes of font > 40 KB")
                        if kind == "home" and result["weight"] > HOME_WEIGHT_LIMIT:
                            missed.append(f"{url} {form}: {result['weight']} bytes > 100 KB")
            print(f"\n{'stylesheet':<40} {'bytes':>7} {'gzip':>7} {'brotli':>7}")
            for name, raw, gz, br in css_sizes(output):
                print(f"{name:<40} {raw:>7} {gz:>7} {br:>7}")
                if gz > CRITICAL_CSS_LIMIT:
                    missed.append(f"{name}: {gz} bytes gzipped > 14 KB")
        finally:
            server.shutdown()
            server.server_close()
    if missed:
        print("\nTargets missed:\n  " + "\n  ".join(missed))
        return 1
    print("\nEvery target is met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
