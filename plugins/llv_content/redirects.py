"""Moved URLs (`content/redirects.yaml`), checked like every other content file.

    /ancienne-adresse/: /nouvelle-adresse/
    /vieux-lien/: https://www.louvrelens.fr/     # host listed in REDIRECT_HOSTS

Each old address is a path of this site, each new one a path of this site or
an https address on a host of the REDIRECT_HOSTS setting. No space, no
invisible character, no wildcard (`*`) or placeholder (`/:name`): a line of
the `_redirects` file they become can only ever say "this path moved there".

`redirect_issues()` runs with the other content checks (`make check`,
`make html`); tools.publishing checks the addresses again against the built
site and writes `_redirects`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from llv_common.files import FileRefused, read_text, shown_path

from .errors import ContentIssue, describe
from .yamlfile import load_yaml

REDIRECTS_FILE = "redirects.yaml"
MAX_LENGTH = 2000
FORMAT = "write one `/old-path/: /new-path/` per line"


@dataclass(frozen=True)
class Redirect:
    old: str
    new: str
    line: int


def key_for(path: str) -> str:
    """The file that answers a URL path: `/a/` → `a/index.html`."""
    key = path.lstrip("/")
    return key + "index.html" if key == "" or key.endswith("/") else key


def _characters(value: str) -> str | None:
    if len(value) > MAX_LENGTH:
        return f"is longer than {MAX_LENGTH} characters"
    if any(c.isspace() or not c.isprintable() for c in value):
        return "holds a space, a line break or an invisible character"
    if "*" in value or "/:" in value:
        return "holds a wildcard (`*`) or a placeholder (`/:name`); write each address out"
    return None


def address_problem(value, old: bool, allowed_hosts=()) -> str | None:
    """What is wrong with an old (`old=True`) or new address, or None."""
    which = "the old address" if old else "the new address"
    if not isinstance(value, str):
        return f"{which} must be text, found {describe(value)}; {FORMAT}"
    shown = describe(value)
    problem = _characters(value)
    if problem:
        return f"{which} {shown} {problem}"
    if value.startswith("/") and not value.startswith("//"):
        if ".." in value.split("?")[0].split("#")[0].split("/"):
            return f"{which} {shown} holds `..`; write the path without it"
        if old and ("?" in value or "#" in value):
            return f"{which} {shown} must be a path, without `?` or `#`"
        return None
    if old:
        return f"{which} {shown} must be a path of this site starting with /, like /ancienne-page/"
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname or "@" in parts.netloc:
        return f"{which} {shown} must start with / (a page of this site) or https://"
    if parts.hostname.lower() not in {host.lower() for host in allowed_hosts}:
        listed = ", ".join(allowed_hosts) or "none yet"
        return (f"{which} leads to {parts.hostname}, which is not a host the site redirects to"
                f" (REDIRECT_HOSTS in pelicanconf.py: {listed}); ask a developer to add it")
    return None


def parse_redirects(text: str, shown: str, allowed_hosts=()) -> tuple[list[Redirect], list[ContentIssue]]:
    """The redirects of `text` whose addresses are well formed, and the issues."""
    loaded = load_yaml(text, shown)
    if loaded.issues:
        return [], loaded.issues
    if loaded.data is None or loaded.data == {}:
        return [], []
    if not isinstance(loaded.data, dict):
        return [], [ContentIssue(shown, 1, None, f"expected lines of the form `/old-path/: /new-path/`,"
                                 f" found {describe(loaded.data)}")]
    redirects, issues = [], []
    for old, new in loaded.data.items():
        line = loaded.line_of((old,))
        problem = address_problem(old, True) or address_problem(new, False, allowed_hosts)
        if problem is None and old == new.split("#")[0]:
            problem = f"{describe(old)} redirects to itself"
        if problem:
            issues.append(ContentIssue(shown, line, None, problem))
        else:
            redirects.append(Redirect(old, new, line))
    return redirects, issues


def read_redirects(content_dir, allowed_hosts=()) -> tuple[list[Redirect], list[ContentIssue], str]:
    """(redirects, issues, shown path) of content/redirects.yaml (none when absent)."""
    path = Path(content_dir) / REDIRECTS_FILE
    shown = shown_path(path, content_dir)
    if not path.is_symlink() and not path.exists():
        return [], [], shown
    try:
        text = read_text(path, content_dir)
    except FileRefused as error:
        return [], [ContentIssue(shown, None, None, str(error))], shown
    redirects, issues = parse_redirects(text, shown, allowed_hosts)
    return redirects, issues, shown


def redirect_issues(settings, planned: set[str]) -> list[ContentIssue]:
    """The mistakes of content/redirects.yaml; `planned`: the pages the build writes."""
    redirects, issues, shown = read_redirects(settings["PATH"], settings.get("REDIRECT_HOSTS", ()))
    for redirect in redirects:
        if key_for(redirect.old) in planned:
            issues.append(ContentIssue(shown, redirect.line, None,
                                       f"'{redirect.old}' is still a page of the site;"
                                       " remove the redirect or the page"))
        if redirect.new.startswith("/"):
            target = key_for(redirect.new.split("#")[0].split("?")[0])
            if target.endswith(".html") and target not in planned:
                issues.append(ContentIssue(shown, redirect.line, None,
                                           f"the new address '{redirect.new}' is not a page of"
                                           " the site; check its spelling"))
    return issues
