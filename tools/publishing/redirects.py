"""Moved URLs, declared once in `content/redirects.yaml`.

Each entry maps an old path of the site to its new path (or to an https URL):

    /ancienne-page/: /nouvelle-page/

They become the `_redirects` file (Netlify / Cloudflare Pages) and, on deploy,
an object at the old key carrying `WebsiteRedirectLocation` and a tiny HTML
page that links to the new address (for hosts that ignore that metadata).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import yaml

STATUS = 301


class PublishError(ValueError):
    """A mistake in a content file, reported as `path:line: message`."""


def key_for(path: str) -> str:
    """The object key that answers a URL path: `/a/` → `a/index.html`."""
    key = path.lstrip("/")
    return key + "index.html" if key == "" or key.endswith("/") else key


def load_redirects(file: Path, site_root: Path, kept: frozenset[str] = frozenset()) -> dict[str, str]:
    """The declared redirects, checked against the built site in `site_root`
    (plus `kept`: files the build leaves as they are in the output folder)."""

    def exists(key: str) -> bool:
        return key in kept or (site_root / key).is_file()

    if not file.is_file():
        return {}
    text = file.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = f"{mark.line + 1}:" if mark else ""
        raise PublishError(f"{file}:{line} not valid YAML ({getattr(error, 'problem', error)}); "
                           "write one `/old-path/: /new-path/` per line") from None
    if node is None or (isinstance(node, yaml.MappingNode) and not node.value):
        return {}
    if not isinstance(node, yaml.MappingNode):
        raise PublishError(f"{file}:{node.start_mark.line + 1}: expected lines of the form "
                           "`/old-path/: /new-path/`")
    errors, redirects = [], {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        old, new = key_node.value, value_node.value
        where = f"{file}:{line}:"
        if not isinstance(old, str) or not isinstance(new, str) or not old.startswith("/"):
            errors.append(f"{where} write `/old-path/: /new-path/` (both starting with /)")
            continue
        if old in redirects:
            errors.append(f"{where} '{old}' is redirected twice; keep one line")
            continue
        if exists(key_for(old)):
            errors.append(f"{where} '{old}' is still a page of the site; remove the redirect "
                          "or the page")
            continue
        if new.startswith("https://"):
            pass
        elif not new.startswith("/"):
            errors.append(f"{where} the new address '{new}' must start with / or https://")
            continue
        elif not exists(key_for(new.split("#")[0].split("?")[0])):
            errors.append(f"{where} the new address '{new}' is not a page of the site; "
                          "check its spelling")
            continue
        redirects[old] = new
    if errors:
        raise PublishError("\n".join(errors))
    return dict(sorted(redirects.items()))


def redirects_file(redirects: dict[str, str]) -> str:
    lines = ["# Written by tools.build from content/redirects.yaml: do not edit."]
    lines += [f"{old} {new} {STATUS}" for old, new in redirects.items()]
    return "\n".join(lines) + "\n"


def parse_redirects_file(text: str) -> dict[str, str]:
    redirects = {}
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 2 and not line.startswith("#"):
            redirects[fields[0]] = fields[1]
    return redirects


def redirect_page(new: str) -> bytes:
    """A page for hosts that ignore redirect metadata: no script, no inline style."""
    target = escape(new, quote=True)
    return (
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>Page déplacée</title>\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n"
        f"<link rel=\"canonical\" href=\"{target}\">\n<meta name=\"robots\" content=\"noindex\">\n"
        f"</head>\n<body>\n<p>Cette page a déménagé\u00a0: <a href=\"{target}\">{target}</a>.</p>\n"
        f"<p lang=\"en\">This page has moved: <a href=\"{target}\">{target}</a>.</p>\n"
        "</body>\n</html>\n"
    ).encode("utf-8")
