"""Moved URLs, declared once in `content/redirects.yaml`.

Each entry maps an old path of the site to its new path (or to an https URL
on a host of the REDIRECT_HOSTS setting):

    /ancienne-page/: /nouvelle-page/

The addresses are checked by llv_content.redirects (with the other content
checks); here they are checked again against the built site.

They become the `_redirects` file (Netlify / Cloudflare Pages) and, on deploy,
an object at the old key carrying `WebsiteRedirectLocation` and a tiny HTML
page that links to the new address (for hosts that ignore that metadata).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

STATUS = 301


class PublishError(ValueError):
    """A mistake in a content file, reported as `path:line: message`."""


def key_for(path: str) -> str:
    """The object key that answers a URL path: `/a/` → `a/index.html`."""
    key = path.lstrip("/")
    return key + "index.html" if key == "" or key.endswith("/") else key


def load_redirects(content_dir: Path, site_root: Path, allowed_hosts=()) -> dict[str, str]:
    """The redirects of `content_dir`/redirects.yaml, checked (see llv_content.redirects)
    and against the built site in `site_root`. `allowed_hosts`: the hosts an
    https target may name (the REDIRECT_HOSTS setting)."""
    from llv_content.redirects import read_redirects

    def exists(key: str) -> bool:
        return (site_root / key).is_file()

    found, issues, shown = read_redirects(content_dir, allowed_hosts)
    errors = [str(issue) for issue in issues]
    redirects = {}
    for redirect in found:
        old, new, where = redirect.old, redirect.new, f"{shown}:{redirect.line}:"
        if exists(key_for(old)):
            errors.append(f"{where} '{old}' is still a page of the site; remove the redirect "
                          "or the page")
        elif new.startswith("/") and not exists(key_for(new.split("#")[0].split("?")[0])):
            errors.append(f"{where} the new address '{new}' is not a page of the site; "
                          "check its spelling")
        else:
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
