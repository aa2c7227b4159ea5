"""Moved URLs, declared once in `content/redirects.yaml` (model `Redirects` in
llv.model.schema):

    redirects:
      - old: /ancienne-page/
        new: /nouvelle-page/

The file is read and checked as with the other content checks
(llv.links.redirects); here the addresses are checked again against the
built site.

They become the `_redirects` file (Netlify / Cloudflare Pages) and, on deploy,
an object at the old key carrying `WebsiteRedirectLocation` and a tiny HTML
page that links to the new address (for hosts that ignore that metadata).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from llv.common.outputs import REDIRECTS_FILE
from llv.links.redirects import checked_redirects
from llv.model.registry import DATA_FILES
from llv.model.store import read_data_file

STATUS = 301


class PublishError(ValueError):
    """A mistake in a content file, reported as `path:line: message`."""


def load_redirects(content_dir: Path, site_root: Path, allowed_hosts=()) -> dict[str, str]:
    """The redirects of `content_dir`/redirects.yaml, checked, also against the
    built site in `site_root`. `allowed_hosts`: the hosts an https target may
    name (the REDIRECT_HOSTS setting)."""
    entry = read_data_file(content_dir, DATA_FILES["redirects"], {"redirect_hosts": allowed_hosts})
    redirects, issues = checked_redirects(entry, lambda key: (site_root / key).is_file())
    errors = [str(issue) for issue in [*entry.issues, *issues]]
    if errors:
        raise PublishError("\n".join(errors))
    return dict(sorted(redirects.items()))


def write_redirects(root: Path, content_dir: Path, allowed_hosts=()) -> None:
    """`_redirects` of the site built in `root`, from `content_dir`/redirects.yaml
    checked against it. Raises PublishError."""
    redirects = load_redirects(content_dir, root, allowed_hosts)
    (root / REDIRECTS_FILE).write_text(redirects_file(redirects), encoding="utf-8")


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
