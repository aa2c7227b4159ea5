"""Build-speed benchmark: our build against stock Pelican and Hugo, same corpus.

    make bench                      # 2 500 items per language, 3 runs each
    python -m tools.bench --items 500 --runs 5

Prints medians of: cold full build, no-op rebuild, rebuild after changing one
news text / one start-up's YAML / one template; peak memory; pages written;
then the same corpus built by stock Pelican 4.12 (no plugins) and by Hugo
(Debian's `hugo`, installed if missing), and our time divided by theirs.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tools.corpus import write_corpus

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], cwd: Path, env=None) -> tuple[float, int]:
    """(wall seconds, peak resident memory in MB) of one command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    return elapsed, usage.ru_maxrss // 1024


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



def median(values):
    return statistics.median(values) if values else float("nan")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2500, help="items per language")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=ROOT / ".cache" / "bench")
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--no-stock", action="store_true")
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

    print()
    print(f"{'our build':34} {'median s':>9} {'peak MB':>8}")
    for label, runs in results.items():
        print(f"{label:34} {median([r[0] for r in runs]):9.2f} {max(r[1] for r in runs):8d}")
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
        print(f"{'stock Pelican 4.12, cold':34} {stock_cold:9.2f} {max(r[1] for r in runs):8d}"
              f"   ours / stock = {our_cold / stock_cold:.2f}")

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
            print(f"{'hugo ' + version + ', cold':34} {hugo_cold:9.2f} {max(r[1] for r in runs):8d}"
                  f"   ours / hugo = {our_cold / hugo_cold:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
