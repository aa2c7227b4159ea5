"""Check all content without building the site (`make check`).

Reads every page, news post, start-up, partner and event exactly as the build
does, runs the cross-content checks (references, duplicate slugs and output
paths, links between files and to anchors, redirects), checks every image
the build would process (decoded once, remembered by content hash), and
prints every mistake as `path:line: field: message`. Nothing is written but
the image cache's markers. Exit status 1 if any.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Collector(logging.Handler):
    """Keeps the errors (and the warnings that mean a broken link)."""

    def __init__(self):
        from llv.links.links import is_dead_link_warning

        super().__init__(level=logging.WARNING)
        self.errors: list[str] = []
        self.is_fatal_warning = is_dead_link_warning

    def emit(self, record):
        if record.levelno >= logging.ERROR or self.is_fatal_warning(record):
            self.errors.append(record.getMessage())


def check(settings_file: Path, overrides: dict | None = None) -> list[str]:
    """Every error message the build would report, without writing anything."""
    from pelican import Pelican
    from pelican.log import init as init_logging
    from pelican.settings import read_settings

    root_logger = logging.getLogger()
    previous_level = root_logger.level  # restored at the end (check runs in-process too)
    init_logging(level=logging.CRITICAL + 1, handler=logging.NullHandler(),
                 logs_dedup_min_level=logging.CRITICAL + 1)
    collector = Collector()
    root_logger.addHandler(collector)
    root_logger.setLevel(logging.WARNING)
    try:
        with tempfile.TemporaryDirectory(prefix="llv-check-") as nowhere:
            # Pelican's whole run, rendering nothing (RENDER_ONLY empty): every
            # file read and checked as the build does, no page written.
            settings = read_settings(str(settings_file), override={
                **(overrides or {}), "OUTPUT_PATH": nowhere, "RENDER_ONLY": frozenset()})
            with contextlib.redirect_stdout(io.StringIO()):  # Pelican's "Done: …"
                Pelican(settings).run()
            check_images(settings)
    except Exception as error:  # never a traceback: report and fail
        if getattr(error, "shown_as_is", False):  # a message that names its place
            collector.errors.extend(str(error).splitlines())
        else:
            collector.errors.append(f"{type(error).__name__}: {error}")
    finally:
        root_logger.removeHandler(collector)
        root_logger.setLevel(previous_level)
    return collector.errors


def check_images(settings) -> None:
    """What the image pipeline would meet, without processing anything: the
    logos (the build plans them while rendering templates, which `make check`
    does not), then every planned original decoded once (truncated files…),
    remembered by content hash in the image cache."""
    from llv.model.registry import CONTENT_TYPES
    from llv.model.store import content_store
    from llv.images.plugin import pipeline_for
    from llv.images.sources import ImageSourceError, Origin

    pipeline = pipeline_for(settings)
    root = Path(settings["PATH"])
    store = content_store(settings)
    for name, content_type in CONTENT_TYPES.items():
        if "logo" not in content_type.model.model_fields:
            continue
        for entry in store.entries(name):
            logo = entry.model.logo
            if not logo or not (root / logo).is_file():  # missing: reported by the store
                continue
            origin = Origin(entry.path, entry.line_of("logo"), "logo")
            try:
                pipeline.plan(logo, "logo", origin)
            except ImageSourceError as error:
                pipeline.error(origin, str(error))
    pipeline.verify()


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
    try:
        errors = check(args.settings.resolve())
    except KeyboardInterrupt:
        print("make check interrupted: nothing was checked to the end; run it again.", file=sys.stderr)
        return 130
    for message in errors:
        print(github_annotation(message) if args.github else message)
    if errors:
        print(f"{len(errors)} error(s): fix them, then run `make check` again.", file=sys.stderr)
        return 1
    print("No error: the content is ready to build.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
