"""Markdown with YAML front matter, the format editors write pages and news in.

    ---
    title: À propos
    slug: a-propos
    summary: …
    ---
    Markdown body
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from markdown import Markdown
from pelican import signals
from pelican.readers import BaseReader

from llv_i18n.dates import parse_partial_date


class ContentError(ValueError):
    """An editor's mistake, reported as `path:line: field: message`."""

    def __init__(self, path, line, field, message):
        self.path, self.line, self.field, self.message = path, line, field, message
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {field}: {message}" if field else f"{where}: {message}")


def split_front_matter(text: str, path) -> tuple[str, str, int]:
    """Return (front matter, body, line number where the body starts)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise ContentError(path, 1, None,
                           "the file must start with a '---' line opening the front matter")
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    raise ContentError(path, 1, None,
                       "the front matter opened on line 1 is never closed by a '---' line")


class FrontMatterMarkdownReader(BaseReader):
    enabled = True
    file_extensions = ["md", "markdown"]

    def __init__(self, settings):
        super().__init__(settings)
        self._markdown = Markdown(**settings["MARKDOWN"])

    def read(self, source_path):
        path = Path(source_path)
        text = path.read_text(encoding="utf-8")
        front, body, _ = split_front_matter(text, path)
        try:
            data = yaml.safe_load(front) or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 2 if mark else 1
            raise ContentError(path, line, None,
                               f"the front matter is not valid YAML ({getattr(error, 'problem', error)})") from None
        if not isinstance(data, dict):
            raise ContentError(path, 2, None, "the front matter must be a list of `field: value` lines")
        metadata = {}
        for name, value in data.items():
            name = str(name).lower()
            if name == "date":
                try:
                    metadata["date"], metadata["date_precision"] = parse_partial_date(value)
                except ValueError:
                    raise ContentError(path, None, "date",
                                       f"expected a date like 2014-11-27, 2022-10 or 2022, found {value!r}") from None
            elif isinstance(value, dt.date):
                metadata[name] = value
            else:
                metadata[name] = value if not isinstance(value, (int, float)) else str(value)
        self._markdown.reset()
        return self._markdown.convert(body), metadata


def _add_reader(readers):
    for extension in FrontMatterMarkdownReader.file_extensions:
        readers.reader_classes[extension] = FrontMatterMarkdownReader


def register():
    signals.readers_init.connect(_add_reader)
