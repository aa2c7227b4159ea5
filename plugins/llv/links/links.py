"""Links between files (`{filename}`, `{static}`, `{attach}`) and to `#anchors`,
checked once everything is read, each dead one named by the file and line
that holds it:

    content/news/x.fr.md:9: link: no file content/pages/apply.fr.md (did you mean `content/pages/apply.en.md`?)
    content/pages/a.fr.md:12: link: no `#equipe` in content/pages/about.fr.md (did you mean `#team`?)

Pelican's own "Unable to find …" warning, which names neither, is then left
out of the log (only for the links reported here).
"""

from __future__ import annotations

import functools
import logging
import os
import posixpath
import re
from html import unescape
from urllib.parse import unquote, urlparse

from llv.common.files import FileRefused, read_text
from llv.common.reading import line_of
from llv.common.services import services
from llv.model.errors import ContentIssue, did_you_mean
from llv.reader.html_policy import LINK_PLACEHOLDERS

_ID = re.compile(r"""\sid\s*=\s*(["'])(.*?)\1""")
_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*(["'])#(.*?)\1""")
_PLACEHOLDER = re.compile(r"[{|](filename|static|attach)[|}]")


def is_dead_link_warning(record: logging.LogRecord) -> bool:
    """Is `record` Pelican's warning about a link to no file ("Unable to find
    '<url>', skipping url replacement.", pelican/contents.py)? Pelican says it
    in no other way (no signal, setting or exception): its words are matched.
    The build fails on any such warning this module did not already report."""
    return str(record.msg).startswith("Unable to find")


class _ReportedLinks(logging.Filter):
    """Drops Pelican's "Unable to find '<url>'" for the links this module reported."""

    def __init__(self):
        super().__init__()
        self.urls: set[str] = set()

    def filter(self, record) -> bool:
        if is_dead_link_warning(record) and record.args:
            return str(record.args[0]) not in self.urls
        return True


_REPORTED = _ReportedLinks()


def _install_filter() -> None:
    logger = logging.getLogger("pelican.contents")
    if _REPORTED not in logger.filters:
        logger.addFilter(_REPORTED)


def element_ids(html: str) -> set[str]:
    return {unescape(match[2]) for match in _ID.finditer(html or "")}


@functools.lru_cache(maxsize=4)
def intrasite_link(placeholder: str) -> re.Pattern:
    """A link to another file of the site in converted HTML (`{filename}…`), with
    Pelican's INTRASITE_LINK_REGEX setting as `placeholder`, as Pelican finds them."""
    return re.compile(rf"""
        <[^>]+(?:href|src|poster|data|cite|formaction|action|content)\s*=\s*
        (?P<quote>["'])(?P<path>{placeholder}(?P<value>.*?))(?P=quote)""", re.X)


def links_of(settings, html: str) -> dict:
    """What the checks need of a text's HTML before Pelican turns its links into
    URLs: its links to other files, its `#` links, its element ids. The reader
    keeps it in the text's metadata (and Pelican's reader cache with it)."""
    return {
        "files": [(match["what"], match["value"], match["path"])
                  for match in intrasite_link(settings["INTRASITE_LINK_REGEX"]).finditer(html)],
        "fragments": [unescape(match[2]) for match in _HREF.finditer(html)],
        "ids": sorted(element_ids(html)),
    }


class _Lines:
    """The source lines of a file, read once, for finding where a link is written."""

    def __init__(self, path, root):
        self.path, self.root = path, root
        self.lines: list[str] | None = None  # read when a link is reported
        self.seen: dict[str, int] = {}

    def of(self, needle: str) -> int | None:
        if self.lines is None:
            try:
                self.lines = read_text(self.path, self.root).splitlines()
            except FileRefused:
                self.lines = []
        self.seen[needle] = self.seen.get(needle, 0) + 1
        return line_of(self.lines, needle, self.seen[needle]) or line_of(self.lines, needle)


def _key(path: str, relative_dir: str) -> str:
    if path.startswith("/"):
        return posixpath.normpath(path[1:])
    return posixpath.normpath(posixpath.join(relative_dir.replace(os.sep, "/"), path))


def _lookup(context, what: str, value, relative_dir: str):
    """(found, content or None, key) for a link, the way Pelican looks it up."""
    table = "generated_content" if what == "filename" else "static_content"
    candidates = [value.path, unquote(value.path), urlparse(unescape(value.geturl())).path]
    for table_name in (table, "static_content") if what == "filename" else (table,):
        for path in candidates:
            key = _key(path, relative_dir)
            if key in context[table_name]:
                return True, context[table_name][key], key
    return False, None, _key(unquote(value.path), relative_dir)


def _published_later(target, item, held) -> bool:
    """Whether `target` is a news post held until a day after `item`'s."""
    if target not in held:
        return False
    return item not in held or item.date.date() < target.date.date()


def link_issues(settings, items, context, shown_of, held=()) -> list[ContentIssue]:
    """Dead links and anchors of Pelican's contents (`items`, with the `links`
    their reader recorded: links_of); `shown_of(item)` is the file as editors
    name it; `held`: the news posts dated after the build's day (llv.news)."""
    from pelican.contents import Static

    _install_filter()
    _REPORTED.urls.clear()
    root = settings["PATH"]
    known = sorted(k for k, v in context["generated_content"].items() if v is not None)
    unread = services(settings).unread_files
    issues = []
    for item in items:
        links = getattr(item, "metadata", {}).get("links")
        if not links:
            continue
        shown = shown_of(item)
        lines = _Lines(item.source_path, root)
        relative_dir = item.relative_dir

        def report(needle, message):
            line = lines.of(needle)
            issues.append(ContentIssue(shown, line, "link", message))

        for what, written, path in links["files"]:
            value = urlparse(written)
            if what not in LINK_PLACEHOLDERS:  # `{index}`, `{tag}`, `{}`…: no page of this site
                report(path, f"`{path[:len(path) - len(written)]}` is not a link to a file of this"
                       " site: write {filename}/pages/….md (a page or news) or {static}/… (a"
                       " document)")
                continue
            found, target, key = _lookup(context, what, value, relative_dir)
            if key == ".." or key.startswith("../"):  # said alike whether the file exists or not
                _REPORTED.urls.add(value.geturl())
                report(path, "this link leads outside content/: link only to files inside content/")
                continue
            if not found or target is None:
                _REPORTED.urls.add(value.geturl())
                if f"content/{key}" in unread or (found and os.path.lexists(os.path.join(root, key))):
                    continue  # the target's own mistakes are reported with it
                report(path, f"no file content/{key}"
                       + did_you_mean(key, known).replace("`", "`content/", 1))
                continue
            if _published_later(target, item, held):
                report(path, f"content/{key} is published on {target.date.date().isoformat()}:"
                       " until then this link leads nowhere and shows its address early;"
                       " add the link from that day")
                continue
            if value.fragment and what == "filename" and not isinstance(target, Static):
                ids = set(target.metadata.get("links", {}).get("ids", ()))
                if unquote(value.fragment) not in ids:
                    report(path, f"no `#{value.fragment}` in content/{key}"
                           + _anchor_hint(value.fragment, ids))
        own_ids = set(links["ids"])
        for fragment in links["fragments"]:
            if fragment and unquote(fragment) not in own_ids:
                report(f"#{fragment}", f"no `#{fragment}` in this text"
                       + _anchor_hint(fragment, own_ids))
    return issues


def _anchor_hint(fragment: str, ids) -> str:
    hint = did_you_mean(fragment, sorted(ids))
    return hint.replace("`", "`#", 1) if hint else (
        "; give the target an identifier, like `## Title {#" + fragment + "}`")


def placeholder_issues(entries) -> list[ContentIssue]:
    """`{filename}` links in the texts beside YAML files, which nothing resolves."""
    issues = []
    for entry in entries:
        for body in entry.bodies.values():
            for number, line in enumerate(body.text.splitlines(), start=1):
                if _PLACEHOLDER.search(line):
                    issues.append(ContentIssue(
                        body.path, number, "link",
                        "links by file name (`{filename}`, `{static}`) work in pages and news"
                        " only: link to the page's address instead, like `/a-propos/`"))
    return issues
