"""Build-speed benchmark: our build against stock Pelican and Hugo, same corpus.

    make bench                      # 2 500 items per language, 3 runs each
    python -m tools.bench --items 500 --runs 5

Prints medians of: cold full build, no-op rebuild, rebuild after changing one
news text / one start-up's YAML / one template; the same saves in a running
`make devserver` (save to reload signal); peak memory (of the largest process,
and of all the build's processes together, counted as PSS so that pages shared
by forked processes count once); pages written;
then the same corpus built by stock Pelican 4.12 (no plugins) and by Hugo
(Debian's `hugo`, installed if missing), and our time divided by theirs.
Figures are printed, never asserted.
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
    return sum(1 for _ in output.rglob("*.html"))


def ensure_hugo() -> str | None:
    hugo = shutil.which("hugo")
    if hugo is None and os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing Debian's hugo…", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-q", "hugo"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        if shutil.which("hugo") is None:
            subprocess.run(["apt-get", "update", "-q"], stdout=subprocess.DEVNULL)
            subprocess.run(["apt-get", "install", "-y", "-q", "hugo"], stdout=subprocess.DEVNULL)
        hugo = shutil.which("hugo")
    return hugo


class OurSite:
    def __init__(self, corpus: Path):
        self.corpus = corpus
        self.output = corpus / "output"
        self.cache = corpus / "cache"
        self.theme = corpus / "theme"
        if not self.theme.exists():
            shutil.copytree(ROOT / "theme", self.theme)
        settings = corpus / "corpusconf.py"
        text = settings.read_text()
        if "IMAGE_CACHE_DIR" not in text:
            text += f"THEME = {str(self.theme)!r}\nIMAGE_CACHE_DIR = {str(self.cache / 'images')!r}\n"
            settings.write_text(text)
        self.command = [sys.executable, "-m", "tools.build", "--settings", str(settings),
                        "--output", str(self.output)]

    def cold(self):
        for path in (self.output, self.cache, self.corpus / ".build"):
            shutil.rmtree(path, ignore_errors=True)
        return timed(self.command, ROOT)

    def rebuild(self):
        return timed(self.command, ROOT)



class Devserver:
    """`make devserver` on the corpus: the time from a save to the reload signal
    the open pages get (sent once the build has written every file)."""

    def __init__(self, site: OurSite):
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
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        self.connection.request("GET", "/__livereload")
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


def measure_devserver(site: OurSite, corpus: Path, runs: int) -> dict[str, list[float]]:
    server = Devserver(site)
    news = corpus / "content" / "news" / "news-1.fr.md"
    startup = corpus / "content" / "startups" / "startup-1.yaml"
    results = {"devserver: news text saved": [], "devserver: start-up YAML saved": []}
    try:
        for path, label in ((news, "devserver: news text saved"),
                            (startup, "devserver: start-up YAML saved")):
            original = path.read_text(encoding="utf-8")
            for run in range(runs):
                if path.suffix == ".yaml":
                    text = "\n".join(l if not l.startswith("founded:") else f"founded: {1990 + run}"
                                     for l in original.splitlines()) + "\n"
                else:
                    text = original + f"\nUne phrase enregistrée {run}.\n"
                results[label].append(server.save_and_wait(path, text))
            server.save_and_wait(path, original)
    finally:
        server.stop()
    return results


def median(values):
    return statistics.median(values) if values else float("nan")


def row(label: str, runs) -> str:
    """Median seconds, then the peaks of memory over the runs."""
    return (f"{label:34} {median([r[0] for r in runs]):9.2f} "
            f"{max(r[1] for r in runs):8d} {max(r[2] for r in runs):8d}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2500, help="items per language")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=ROOT / ".cache" / "bench")
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--no-stock", action="store_true")
    parser.add_argument("--no-devserver", action="store_true")
    args = parser.parse_args(argv)

    corpus = args.workdir / f"corpus-{args.items}"
    shutil.rmtree(corpus, ignore_errors=True)
    mix = write_corpus(corpus, args.items)
    print(f"Corpus: {args.items} items per language × 2 languages ({mix}); "
          f"{os.cpu_count()} cores; {args.runs} runs each.", flush=True)

    ours = OurSite(corpus)
    results = {}
    cold = [ours.cold() for _ in range(args.runs)]
    results["cold full build"] = cold
    pages = count_pages(ours.output)
    results["no-op rebuild"] = [ours.rebuild() for _ in range(args.runs)]

    changes = {
        "one news text changed": (corpus / "content" / "news" / "news-0.fr.md", "\nUne phrase de plus.\n"),
        "one start-up YAML changed": (corpus / "content" / "startups" / "startup-0.yaml", "founded: 2016\n"),
        "one template changed": (ours.theme / "templates" / "article.html", "\n{# bench #}\n"),
    }
    for label, (path, marker) in changes.items():
        original = path.read_text(encoding="utf-8")
        runs = []
        for run in range(args.runs):
            if path.suffix == ".yaml":
                year = 2000 + run
                path.write_text("\n".join(
                    l if not l.startswith("founded:") else f"founded: {year}"
                    for l in original.splitlines()) + "\n", encoding="utf-8")
            else:
                path.write_text(original + marker * (run + 1), encoding="utf-8")
            runs.append(ours.rebuild())
        path.write_text(original, encoding="utf-8")
        ours.rebuild()
        results[label] = runs

    live = {} if args.no_devserver else measure_devserver(ours, corpus, args.runs)

    print()
    print(f"{'':34} {'':>9} {'peak MB':^17}")
    print(f"{'our build':34} {'median s':>9} {'largest':>8} {'all PSS':>8}")
    for label, runs in results.items():
        print(row(label, runs))
    for label, seconds in live.items():
        print(f"{label:34} {median(seconds):9.2f} {'-':>8} {'-':>8}   (save to pages reloaded)")
    print(f"{'pages written':34} {pages:9d}")
    our_cold = median([r[0] for r in cold])

    if not args.no_stock:
        stock = corpus / "stock"
        runs = []
        for _ in range(args.runs):
            shutil.rmtree(stock / "output", ignore_errors=True)
            runs.append(timed([sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py",
                               "-o", "output", "-q"], stock))
        stock_cold = median([r[0] for r in runs])
        print(row("stock Pelican 4.12, cold", runs) + f"   ours / stock = {our_cold / stock_cold:.2f}")

    if not args.no_hugo:
        hugo = ensure_hugo()
        if hugo is None:
            print("hugo: not installed and cannot be installed here (needs root and apt-get)")
        else:
            site = corpus / "hugo"
            runs = []
            for _ in range(args.runs):
                shutil.rmtree(site / "public", ignore_errors=True)
                shutil.rmtree(site / "resources", ignore_errors=True)
                runs.append(timed([hugo, "--quiet", "--source", str(site)], site))
            hugo_cold = median([r[0] for r in runs])
            version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()[1]
            print(row(f"hugo {version}, cold", runs) + f"   ours / hugo = {our_cold / hugo_cold:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
