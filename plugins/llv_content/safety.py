"""Only files inside content/ and the theme are read or published.

Content files are read through `llv_common.files` (a link leading outside
content/ is refused, with a message that never quotes the file). Two reads
happen in Pelican itself and are guarded here:

- files linked with `{static}` / `{attach}` are copied by Pelican's static
  generator: a refused one is taken off its list, with one error;
- templates, fonts, catalogues and assets are read from the theme: a theme
  holding a link that leads outside it (or a FIFO, a device…) stops the build
  before anything is read.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from llv_common.files import FileRefused, inside, shown_path

log = logging.getLogger("llv_content")


class ThemeFileRefused(RuntimeError):
    """A theme file the build will not read; stops the build."""

    shown_as_is = True  # tools.build prints the message without the exception's name


def theme_problems(theme) -> list[str]:
    """`theme/…: reason` for each entry leading outside the theme or not a plain file."""
    root = Path(theme).resolve()
    problems = []
    for folder, folders, files in os.walk(root):
        for name in sorted(folders + files):
            path = Path(folder, name)
            real = Path(os.path.realpath(path))
            shown = shown_path(path, root)
            if not real.is_relative_to(root):
                problems.append(f"{shown}: this link leads outside {root.name}/; the build reads"
                                f" only files inside {root.name}/: put the file itself there")
                if name in folders:
                    folders.remove(name)
                continue
            try:
                mode = os.stat(real).st_mode
            except OSError:
                problems.append(f"{shown}: this link leads to no file: remove it")
                continue
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                problems.append(f"{shown}: not a regular file: remove it")
    return problems


def check_theme(pelican) -> None:
    problems = theme_problems(pelican.settings["THEME"])
    if problems:
        raise ThemeFileRefused("\n".join(problems))


def drop_refused_static_files(generator) -> None:
    """Files linked with {static}/{attach} that lead outside content/ are not copied."""
    root = generator.settings["PATH"]
    kept = []
    for static in generator.staticfiles:
        try:
            inside(static.source_path, root)
        except FileRefused as error:
            if os.path.lexists(static.source_path):  # a missing one: see llv_content.links
                log.error("%s: %s", shown_path(static.source_path, root), error)
            continue
        kept.append(static)
    if len(kept) != len(generator.staticfiles):
        generator.staticfiles[:] = kept
        generator.context["staticfiles"] = kept
        for key, content in list(generator.context["static_content"].items()):
            if content is not None and content not in kept:
                generator.context["static_content"][key] = None
