"""Build-speed benchmark on real-shaped corpora, against stock Pelican and Hugo.

    make bench                       # every figure below, 3 runs each
    python -m tools.bench --runs 1 --quick

On corpora of 250, 500, 1 000 and 2 500 items per language (tools.corpus),
prints medians of:

- the cold build with the image cache kept (what CI does when it restores
  `.cache/`; output, build records, Pelican's reader cache and the search
  index's cache empty: Pagefind runs), and the
  fully cold one (empty image cache: every photo, logo and social card made);
- the cost per page at 250 and 1 000 items per language, and their ratio;
- stock Pelican 4.12 + pelican-i18n-subsites and Hugo on the same texts, in the
  same run, and our cold build divided by theirs;
- the no-op rebuild and the rebuild after one news text changed (at 1 000
  items per language, also divided by the cold build);
- the time from a save to the reload signal of a running `make devserver`, for
  one news text, one start-up YAML and one template, at 500 and 2 500;
- peak memory of all the build's processes together (PSS) at 2 500.

Figures are printed beside their targets, never asserted.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from llv.common.files import walk_files
from tools.corpus import write_corpus

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], cwd: Path, env=None) -> tuple[float, int, int]:
    """(wall seconds, peak resident memory of the largest process in MB, peak
    memory of all its processes together in MB) of one command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    tree = TreeMemory(process.pid)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    together = tree.stop()
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    return elapsed, usage.ru_maxrss // 1024, together


class TreeMemory:
    """The peak of a process's and its descendants' proportional set size
    (PSS: pages shared between forked processes counted once in all), sampled
    every 50 ms from /proc."""

    def __init__(self, pid: int):
        self.pid, self.peak_kb = pid, 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> int:
        self._done.set()
        self._thread.join()
        return self.peak_kb // 1024

    def _sample(self):
        while not self._done.wait(0.05):
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in self._tree()))

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat", "rb") as stat:
                        fields = stat.read().rsplit(b")", 1)[1].split()
                except OSError:
                    continue
                children.setdefault(int(fields[1]), []).append(int(entry))
        found, pending = [], [self.pid]
        while pending:
            pid = pending.pop()
            found.append(pid)
            pending.extend(children.get(pid, ()))
        return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def count_pages(output: Path) -> int:
    return sum(1 for relative, _ in walk_files(output) if relative.endswith(".html"))


def ensure_hugo() -> str | None:
    hugo = shutil.which("hugo")
    if hugo is None and os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing Debian's hugo…", flush=True)
        for command in (["apt-get", "install", "-y", "-q", "hugo"],
                        ["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "hugo"]):
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            hugo = shutil.which("hugo")
            if hugo:
                break
    return hugo


class OurSite:
    """Our build of a corpus, with its own theme copy and caches."""

    def __init__(self, corpus: Path):
        self.corpus = corpus
        self.output = corpus / "output"
        self.images = corpus / "cache" / "images"
        self.readers = corpus / "cache" / "pelican"
        self.search_index = corpus / "cache" / "pagefind"
        self.theme = corpus / "theme"
        shutil.copytree(ROOT / "theme", self.theme, dirs_exist_ok=True)
        settings = corpus / "corpusconf.py"
        with settings.open("a", encoding="utf-8") as conf:
            conf.write(f"THEME = {str(self.theme)!r}\nIMAGE_CACHE_DIR = {str(self.images)!r}\n"
                       f"CACHE_PATH = {str(self.readers)!r}\n"
                       f"SEARCH_INDEX_CACHE_DIR = {str(self.search_index)!r}\n")
        self.command = [sys.executable, "-m", "tools.build", "--settings", str(settings),
                        "--output", str(self.output)]

    def clear(self, images: bool):
        for path in (self.output, self.corpus / ".build", self.readers, self.search_index,
                     *((self.images,) if images else ())):
            if path.is_symlink():
                path.unlink()
            else:
                shutil.rmtree(path, ignore_errors=True)

    def cold(self, images: bool = False):
        """A cold build; `images`: with an empty image cache too."""
        self.clear(images)
        return timed(self.command, ROOT)

    def rebuild(self):
        return timed(self.command, ROOT)


class Devserver:
    """`make devserver` on a corpus, with one page open (an EventSource as the
    page's reload script opens it): the time from a save to the reload signal
    that page gets."""

    def __init__(self, site: OurSite, page: str):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [*site.command[:2], "tools.devserver", *site.command[3:], "--port", str(self.port)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for line in self.process.stdout:
            if line.startswith("Serving"):
                break
        else:
            raise SystemExit("the devserver did not start")
        self.log: list[str] = []
        threading.Thread(target=lambda: self.log.extend(self.process.stdout), daemon=True).start()
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        self.connection.request("GET", f"/__livereload?page={page}")
        self.events = self.connection.getresponse()
        self.version = self._next_event()

    def _next_event(self) -> str:
        while True:
            line = self.events.fp.readline().decode()
            if not line:
                raise SystemExit("the devserver closed its event stream")
            if line.startswith("data: "):
                return line[6:].strip()

    def save_and_wait(self, path: Path, text: str) -> float:
        time.sleep(1.5)  # an editor does not save twice a second: the next build is ready
        path.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        while True:
            version = self._next_event()
            if version != self.version:
                self.version = version
                return time.perf_counter() - started

    def stop(self):
        self.connection.close()
        self.process.terminate()
        self.process.wait(timeout=30)


def changed_text(path: Path, original: str, run: int) -> str:
    if path.suffix == ".yaml":
        return "\n".join(line if not line.startswith("founded:") else f"founded: {1990 + run}"
                         for line in original.splitlines()) + "\n"
    if path.suffix == ".html":
        return original + f"\n{{# bench {run} #}}\n"
    return original + f"\nUne phrase enregistrée {run}.\n"


def edited_files(site: OurSite) -> dict[str, tuple[Path, str]]:
    """What an editor saves, and the page they look at meanwhile."""
    content = site.corpus / "content"
    return {"news text": (content / "news" / "news-1.fr.md", "/actualites/actualite-1/"),
            "start-up YAML": (content / "startups" / "startup-1.yaml", "/start-up/startup-1/"),
            "template": (site.theme / "templates" / "article.html", "/actualites/actualite-1/")}


def measure_devserver(site: OurSite, runs: int) -> dict[str, float]:
    medians = {}
    for label, (path, page) in edited_files(site).items():
        server = Devserver(site, page)
        try:
            original = path.read_text(encoding="utf-8")
            seconds = [server.save_and_wait(path, changed_text(path, original, run))
                       for run in range(runs)]
            server.save_and_wait(path, original)
            medians[label] = statistics.median(seconds)
        finally:
            server.stop()
    return medians


def median(runs) -> float:
    return statistics.median(r[0] for r in runs)


class Report:
    def __init__(self):
        self.lines: list[str] = []

    def add(self, label: str, value: str, target: str = "", met: bool | None = None):
        verdict = "" if met is None else ("met" if met else "NOT MET")
        line = f"{label:58} {value:>12}  {target:<24} {verdict}"
        self.lines.append(line.rstrip())
        print(line.rstrip(), flush=True)


def corpus_for(workdir: Path, items: int) -> tuple[Path, OurSite, object]:
    corpus = workdir / f"corpus-{items}"
    shutil.rmtree(corpus, ignore_errors=True)
    mix = write_corpus(corpus, items)
    return corpus, OurSite(corpus), mix


def stock_pelican(corpus: Path, runs: int) -> float:
    stock = corpus / "stock"
    results = []
    for _ in range(runs):
        shutil.rmtree(stock / "output", ignore_errors=True)
        results.append(timed([sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py",
                              "-o", "output", "-q"], stock))
    return median(results)


def hugo_build(corpus: Path, runs: int) -> tuple[float, str] | None:
    hugo = ensure_hugo()
    if hugo is None:
        return None
    site = corpus / "hugo"
    results = []
    for _ in range(runs):
        for folder in ("public", "resources"):
            shutil.rmtree(site / folder, ignore_errors=True)
        results.append(timed([hugo, "--quiet", "--source", str(site)], site))
    version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()[1]
    return median(results), version


def one_news_text_changed(ours: OurSite, runs: int) -> list:
    """The rebuilds after one news text changed (its text differs each run)."""
    news = edited_files(ours)["news text"][0]
    original = news.read_text(encoding="utf-8")
    changed = []
    for run in range(runs):
        news.write_text(changed_text(news, original, run), encoding="utf-8")
        changed.append(ours.rebuild())
    news.write_text(original, encoding="utf-8")
    ours.rebuild()
    return changed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=ROOT / ".cache" / "bench")
    parser.add_argument("--quick", action="store_true",
                        help="leave out the 2 500-item corpus and Hugo")
    args = parser.parse_args(argv)
    runs = args.runs
    report = Report()
    print(f"{os.cpu_count()} cores; {runs} run(s) per figure (medians).", flush=True)

    per_page = {}
    for items in (250, 1000):
        corpus, ours, mix = corpus_for(args.workdir, items)
        print(f"\n{items} items per language: {mix}", flush=True)
        fully_cold = ours.cold(images=True)
        cold = [ours.cold() for _ in range(runs)]
        pages = count_pages(ours.output)
        per_page[items] = median(cold) / pages
        report.add(f"{items}: pages written", f"{pages}")
        report.add(f"{items}: cold build, image cache kept", f"{median(cold):.2f} s")
        report.add(f"{items}: fully cold build (every image made)", f"{fully_cold[0]:.2f} s")
        report.add(f"{items}: cost per page, cold, image cache kept",
                   f"{per_page[items] * 1000:.2f} ms")
        if items == 1000:
            stock = stock_pelican(corpus, runs)
            report.add("1000: stock Pelican 4.12 + i18n_subsites, cold", f"{stock:.2f} s")
            report.add("1000: ours (image cache kept) / stock + i18n_subsites",
                       f"{median(cold) / stock:.2f}", "≤ 1.0", median(cold) / stock <= 1.0)
            report.add("1000: ours fully cold / stock + i18n_subsites",
                       f"{fully_cold[0] / stock:.2f}")
            if not args.quick:
                hugo = hugo_build(corpus, runs)
                if hugo is None:
                    report.add("1000: hugo", "not installed (needs root and apt-get)")
                else:
                    report.add(f"1000: hugo {hugo[1]}, cold", f"{hugo[0]:.2f} s")
                    report.add("1000: ours (image cache kept) / hugo", f"{median(cold) / hugo[0]:.1f}")
            noop = [ours.rebuild() for _ in range(runs)]
            report.add("1000: no-op rebuild", f"{median(noop):.2f} s")
            changed = median(one_news_text_changed(ours, runs))
            report.add("1000: one news text changed, command line", f"{changed:.2f} s")
            report.add("1000: one news text changed / cold build, image cache kept",
                       f"{changed / median(cold):.2f}", "≤ 0.4", changed / median(cold) <= 0.4)
    ratio = per_page[1000] / per_page[250]
    report.add("cost per page at 1000 / at 250", f"{ratio:.2f}", "≤ 1.15 (linear)", ratio <= 1.15)

    sizes = (500,) if args.quick else (500, 2500)
    for items in sizes:
        corpus, ours, mix = corpus_for(args.workdir, items)
        print(f"\n{items} items per language: {mix}", flush=True)
        fully_cold = ours.cold(images=True)
        report.add(f"{items}: pages written", f"{count_pages(ours.output)}")
        if items == 2500:
            cold = [ours.cold() for _ in range(runs)]
            report.add("2500: cold build, image cache kept", f"{median(cold):.2f} s")
            report.add("2500: fully cold build", f"{fully_cold[0]:.2f} s")
            noop = [ours.rebuild() for _ in range(runs)]
            report.add("2500: no-op rebuild", f"{median(noop):.2f} s", "≤ 0.5 s",
                       median(noop) <= 0.5)
        changed = one_news_text_changed(ours, runs)
        report.add(f"{items}: one news text changed, command line", f"{median(changed):.2f} s")
        if items == 2500:
            peak = max(r[2] for r in [*cold, *noop, *changed])
            largest = max(r[1] for r in [*cold, *noop, *changed])
            report.add("2500: peak memory, all processes (PSS)", f"{peak} MB", "≤ 300 MB",
                       peak <= 300)
            report.add("2500: peak memory, largest process (RSS)", f"{largest} MB")
        for label, seconds in measure_devserver(ours, runs).items():
            target = ("≤ 1 s", seconds <= 1.0) if items == 500 else ("", None)
            report.add(f"{items}: devserver, save → reload, one {label}", f"{seconds:.2f} s",
                       *target)

    print("\nSummary\n" + "\n".join(report.lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
