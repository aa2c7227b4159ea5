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
import logging
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
                              "hidden_articles", "hidden_translations"):
                for item in getattr(generator, attribute, None) or ():
                    item.content  # noqa: B018 - resolves the links
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
    from llv_content.registry import CONTENT_TYPES
    from llv_content.store import content_store
    from llv_images import pipeline_for
    from llv_images.sources import ImageSourceError, Origin

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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default=ROOT / "pelicanconf.py", type=Path)
    args = parser.parse_args(argv)
    try:
        errors = check(args.settings.resolve())
    except KeyboardInterrupt:
        print("make check interrupted: nothing was checked to the end; run it again.", file=sys.stderr)
        return 130
    for message in errors:
        print(message)
    if errors:
        print(f"{len(errors)} error(s): fix them, then run `make check` again.", file=sys.stderr)
        return 1
    print("No error: the content is ready to build.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
