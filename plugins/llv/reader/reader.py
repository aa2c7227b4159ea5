"""Markdown with YAML front matter, the format editors write pages and news in.

    ---
    title: À propos
    slug: a-propos
    summary: …
    ---
    Markdown body

The front matter is checked against PageFrontMatter / NewsFrontMatter
(schema.py): every mistake of the file is logged as `path:line: field:
message`, then the file is left out (and the build fails). A news post's
date and start-ups are written in its default language's file only: its
translations take them from it (`take_from_twin`).
"""

from __future__ import annotations

import copy
from pathlib import Path

from markdown import Markdown
from pelican.readers import BaseReader
from pydantic import ValidationError

from llv.common.services import services
from llv.i18n.languages import languages_from_settings
from llv.links.links import links_of
from llv.model.errors import ContentError, ContentIssue, did_you_mean, log_issues
from llv.model.naming import NAMING, TEXT_EXTENSIONS, text_file_name
from llv.model.registry import FRONT_MATTER_KINDS, FRONT_MATTER_MODELS
from llv.model.schema import FROM_TWIN
from llv.model.store import display_path, read_text, validation_context
from llv.model.validation import issues_from_validation
from llv.model.yamlfile import expect_mapping, load_yaml
from llv.reader.safety import convert_markdown


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


def check_markdown_file(settings, source_path) -> tuple[dict | None, str, list[ContentIssue]]:
    """(metadata, body, issues) of a page or news file; metadata is None on error
    and for an empty file (a translation not written yet)."""
    path = Path(source_path)
    shown = display_path(settings, path)
    issues: list[ContentIssue] = []
    languages = list(languages_from_settings(settings))
    named = text_file_name(path.name)
    if not named:
        issues.append(ContentIssue(shown, None, None, f"the file name must be {NAMING}"))
    elif named[1] not in languages:
        issues.append(ContentIssue(
            shown, None, None,
            f"unknown language `{named[1]}` in the file name{did_you_mean(named[1], languages)}; "
            f"expected one of: {', '.join(languages)}"))
    text = read_text(path, shown, issues, settings["PATH"])
    if text is None:
        return None, "", issues
    if not text.strip():  # a translation not written yet (the CMS leaves one): no page
        return None, "", issues
    try:
        front, body, _ = split_front_matter(text, shown)
    except ContentError as error:
        return None, "", [*issues, error.issue]
    folder = Path(settings["PATH"]).resolve()
    try:
        kind = path.resolve().relative_to(folder).parts[0]
    except (ValueError, IndexError):
        kind = ""
    model = FRONT_MATTER_MODELS.get(kind)
    loaded = load_yaml(front, shown, line_offset=1)
    data = expect_mapping(loaded, shown, line=2)
    issues.extend(loaded.issues)
    if data is None or model is None or issues:
        return None, body, issues
    try:
        front_matter = model.model_validate(data, context=validation_context(settings))
    except ValidationError as error:
        return None, body, issues_from_validation(error, model, loaded, shown)
    left_out = [name for name in twin_fields(model) if name not in data]
    if named[1] == settings["DEFAULT_LANG"]:  # the file these fields are written in
        # required there: those with no value of their own (the date)
        missing = [name for name in left_out if model.model_fields[name].default is None]
        if missing:
            return None, body, [ContentIssue(shown, loaded.line_of(()), name,
                                             "this required field is missing") for name in missing]
        left_out = []
    metadata = front_matter.model_dump(exclude_none=True, exclude={"date"})
    if "date" in model.model_fields and front_matter.date is not None:
        when = front_matter.date
        metadata["date"] = when.value
        metadata["date_precision"] = "day" if when.precision == "minute" else when.precision
    if left_out:
        metadata["from_twin"] = left_out
    metadata["key"], metadata["lang"] = named
    metadata["kind"] = FRONT_MATTER_KINDS[kind]
    metadata["field_lines"] = dict(loaded.lines)  # (field, index…) -> line
    metadata["source_shown"] = shown
    return metadata, body, []


def twin_fields(model) -> list[str]:
    """The fields written once, in the default language's file (schema.FROM_TWIN)."""
    return [name for name, info in model.model_fields.items() if info.json_schema_extra == FROM_TWIN]


def take_from_twin(generator, metadata):
    """A translation's fields left out, taken from its default language's file.

    Done on every build (the `*_generator_context` signal, after Pelican's
    reader cache), so that a changed twin is always followed: from the twin's
    entry in that cache when the twin has not changed since, else from its file.
    """
    names = metadata.get("from_twin")
    if not names:
        return
    settings = generator.settings
    shown = metadata["source_shown"]
    source = Path(settings["PATH"]).resolve().parent / shown  # shown_path's root
    twin = source.with_name(f"{metadata['key']}.{settings['DEFAULT_LANG']}{source.suffix}")
    _, found = generator.readers.get_cached_data(str(twin), (None, None))
    issues = []
    if found is None or found.get("status") == "skip":  # not read before, changed or refused
        found, _, issues = (check_markdown_file(settings, twin) if twin.is_file()
                            else (None, "", []))
    if found is not None:
        for name in names:
            for key in (name, f"{name}_precision"):
                if key in found:
                    metadata[key] = copy.deepcopy(found[key])  # (the twin's list is its own)
        return
    missing = [name for name in names if name not in metadata]  # without a default value
    if missing:
        metadata["status"] = "skip"  # left out; its twin's own mistakes are told with it
        services(settings).unread_files.add(shown)
        if not issues:
            log_issues([ContentIssue(shown, None, name, (
                f"this required field is missing; a translation leaves it out only beside "
                f"`{twin.name}`, which gives it")) for name in missing])


def convert_body(settings, markdown: Markdown, body) -> str:
    """The HTML of a long text beside a YAML file (a Body)."""
    source = Path(settings["PATH"]).resolve().parent / body.path
    html, issue = convert_markdown(settings, markdown, body.text, source, body.path)
    if issue is not None:
        log_issues([issue])
    return html


class FrontMatterMarkdownReader(BaseReader):

    enabled = True
    file_extensions = list(TEXT_EXTENSIONS)

    def __init__(self, settings):
        super().__init__(settings)
        self._markdown = Markdown(**settings["MARKDOWN"])

    def _refused(self, source_path, issues):
        """Pelican's "skip" for a file left out; one with mistakes is known to exist."""
        if issues:
            services(self.settings).unread_files.add(display_path(self.settings, source_path))
        return "", {"status": "skip", "title": Path(source_path).name}

    def read(self, source_path):
        metadata, body, issues = check_markdown_file(self.settings, source_path)
        if issues or metadata is None:
            log_issues(issues)  # the file is left out; the errors fail the build
            return self._refused(source_path, issues)
        html, issue = convert_markdown(self.settings, self._markdown, body, source_path,
                                       metadata["source_shown"], metadata)
        if issue is not None:
            log_issues([issue])
            return self._refused(source_path, [issue])
        metadata["links"] = links_of(self.settings, html)
        return html, metadata


def add_reader(readers):
    for extension in FrontMatterMarkdownReader.file_extensions:
        readers.reader_classes[extension] = FrontMatterMarkdownReader
