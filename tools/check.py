"""Check all content without building the site (`make check`).

Reads every page, news post, start-up, partner and event exactly as the build
does, runs the cross-content checks (references, duplicate slugs and output
paths, links between files), and prints every mistake as
`path:line: field: message`. Nothing is written. Exit status 1 if any.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Collector(logging.Handler):
    """Keeps the errors (and the warnings that mean a broken link)."""

    FATAL_WARNINGS = ("Unable to find",)

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.errors: list[str] = []

    def emit(self, record):
        if record.levelno >= logging.ERROR or str(record.msg).startswith(self.FATAL_WARNINGS):
            self.errors.append(record.getMessage())


def check(settings_file: Path, overrides: dict | None = None) -> list[str]:
    """Every error message the build would report, without writing anything."""
    from pelican import Pelican, signals
    from pelican.log import init as init_logging
    from pelican.settings import read_settings

    init_logging(level=logging.CRITICAL + 1, handler=logging.NullHandler(),
                 logs_dedup_min_level=logging.CRITICAL + 1)
    collector = Collector()
    root_logger = logging.getLogger()
    root_logger.addHandler(collector)
    previous_level = root_logger.level
    root_logger.setLevel(logging.WARNING)
    try:
        settings = read_settings(str(settings_file), override=overrides or {})
        pelican = Pelican(settings)
        context = settings.copy()
        context.update(generated_content={}, static_links=set(), static_content={},
                       localsiteurl=settings["SITEURL"])
        generators = [
            cls(context=context, settings=settings, path=pelican.path, theme=pelican.theme,
                output_path=settings["OUTPUT_PATH"])
            for cls in pelican._get_generator_classes()
        ]
        for generator in generators:
            if hasattr(generator, "generate_context"):
                generator.generate_context()
        signals.all_generators_finalized.send(generators)
        # Rendering each text resolves its {filename} links ("Unable to find …").
        for generator in generators:
            for attribute in ("articles", "translations", "pages", "hidden_pages",
                              "hidden_articles", "hidden_translations",
                              "held_news"):  # dated after today (llv_news)
                for item in getattr(generator, attribute, None) or ():
                    item.content  # noqa: B018 - resolves the links
    except Exception as error:  # never a traceback: report and fail
        collector.errors.append(f"{type(error).__name__}: {error}")
    finally:
        root_logger.removeHandler(collector)
        root_logger.setLevel(previous_level)
    return collector.errors


LOCATED = re.compile(r"^(?P<file>[^\s:][^:]*?)(?::(?P<line>\d+))?: (?P<message>.+)$", re.S)


def _escape(text: str, *, in_property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if in_property else text


def github_annotation(message: str, root: Path = ROOT) -> str:
    """`path:line: field: message` as a GitHub Actions error on that file and line."""
    located = LOCATED.match(message)
    if located is None or not (root / located["file"]).exists():
        return f"::error::{_escape(message)}"
    where = f"file={_escape(located['file'], in_property=True)}"
    if located["line"]:
        where += f",line={located['line']}"
    return f"::error {where}::{_escape(located['message'])}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default=ROOT / "pelicanconf.py", type=Path)
    parser.add_argument("--github", action="store_true",
                        default=os.environ.get("GITHUB_ACTIONS") == "true",
                        help="print GitHub Actions annotations (`::error file=…,line=…::…`), "
                             "shown on the file and line of a pull request (default in Actions)")
    args = parser.parse_args(argv)
    errors = check(args.settings.resolve())
    for message in errors:
        print(github_annotation(message) if args.github else message)
    if errors:
        print(f"{len(errors)} error(s): fix them, then run `make check` again.", file=sys.stderr)
        return 1
    print("No error: the content is ready to build.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
