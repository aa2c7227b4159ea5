"""Editors' mistakes as `path:line: field: message` lines, never a traceback."""

from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True, order=True)
class ContentIssue:
    """One mistake in one content file."""

    path: str  # relative to the content folder's parent, e.g. content/startups/x.yaml
    line: int | None
    field: str | None  # dotted path of the field (`pitch.en`, `founders[1]`), or None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class ContentError(ValueError):
    """Raised by the reader once the file's issues have been logged."""

    def __init__(self, path, line, field, message):
        self.issue = ContentIssue(str(path), line, field, message)
        self.path, self.line, self.field, self.message = path, line, field, message
        super().__init__(str(self.issue))


def did_you_mean(word, choices) -> str:
    """' (did you mean `website`?)' when `word` looks like a misspelt choice."""
    matches = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean `{matches[0]}`?)" if matches else ""


def field_name(loc) -> str | None:
    """('founders', 1, 'name') -> 'founders[1].name'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text or None


def describe(value) -> str:
    """A found value as an editor wrote it, short."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a list of `field: value` lines"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def log_issues(issues) -> None:
    for issue in sorted(issues, key=lambda i: (i.path, i.line or 0, i.field or "", i.message)):
        log.error("%s", issue)
