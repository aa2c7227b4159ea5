"""Checks across all content, once every generator has read its files."""

from __future__ import annotations

import logging
import os
from collections import defaultdict

from pelican.generators import ArticlesGenerator, PagesGenerator

from llv.common.items import HIDDEN, LISTED, UNPUBLISHED, generator_items
from llv.common.services import services
from llv.links.links import link_issues, placeholder_issues
from llv.links.redirects import redirect_issues
from llv.links.reserved import reserved_by, site_paths
from llv.model.errors import ContentIssue, log, log_issues
from llv.model.registry import CONTENT_TYPES, FRONT_MATTER_REFERENCES
from llv.model.store import check_references, content_store, display_path
from llv.reader.html_policy import LINK_PLACEHOLDERS, final_html_problems, problem_lines
from llv.reader.safety import link_loop_issues, stray_file_issues


def _source(settings, item) -> str:
    return getattr(item, "source_shown", None) or display_path(settings, item.source_path)


def _content_items(generator):
    items = generator_items(generator, LISTED, HIDDEN, UNPUBLISHED)
    if isinstance(generator, ArticlesGenerator):
        items += services(generator.settings).held_news  # read and checked, not written
    return items


def news_reference_issues(settings, generators) -> list[ContentIssue]:
    store = content_store(settings)
    issues = []
    references = FRONT_MATTER_REFERENCES["news"]
    for generator in generators:
        if not isinstance(generator, ArticlesGenerator):
            continue
        for article in _content_items(generator):
            lines = getattr(article, "field_lines", {}) or {}
            for field_name, targets in references.items():
                slugs = getattr(article, field_name, None) or []
                issues.extend(check_references(
                    store, _source(settings, article), lines, field_name, slugs, targets))
    return issues


def planned_outputs(settings, generators) -> list[tuple[str, str, int | None, str | None]]:
    """(output path, source, line, language) of every page the generators will
    write (the language of a text; None for a generator's page, whose path says it)."""
    outputs = []
    for generator in generators:
        if isinstance(generator, (ArticlesGenerator, PagesGenerator)):
            for item in _content_items(generator):
                if item.status in ("published", "hidden") and item.save_as:
                    lines = getattr(item, "field_lines", {}) or {}
                    outputs.append((item.save_as, _source(settings, item), lines.get(("slug",)),
                                    item.lang))
        elif callable(getattr(generator, "planned_outputs", None)):
            outputs.extend((path, source, None, None) for path, source in generator.planned_outputs())
    return outputs


def reserved_path_issues(settings, paths, outputs, skipped) -> tuple[list[ContentIssue], set[str]]:
    """Content whose address is one the site publishes itself (`paths`:
    reserved.site_paths), and those addresses."""
    store = content_store(settings)
    slug_lines = {entry.path: entry.line_of("slug")
                  for name in CONTENT_TYPES for entry in store.entries(name)}
    issues, taken = [], set()
    for path, source, line, lang in outputs:
        if not source.startswith("content/") or os.path.normpath(path) in skipped:
            continue
        reserved = reserved_by(settings, paths, path, lang)
        if reserved is not None:
            taken.add(os.path.normpath(path))
            address = "/" + path.removesuffix("index.html")
            issues.append(ContentIssue(
                source, line or slug_lines.get(source), "slug",
                f"the address {address} is the site's own ({reserved.what}): choose another slug"))
    return issues, taken


class _ReportedDuplicates(logging.Filter):
    """Drops Pelican's "There are 2 items with key … with lang …" (absolute
    paths): duplicate_key_issues names the files as editors do."""

    def filter(self, record) -> bool:
        return not str(record.msg).startswith(("There are %s items", "There are %s original"))


def install_log_filter(pelican=None) -> None:
    logger = logging.getLogger("pelican.utils")
    if not any(isinstance(f, _ReportedDuplicates) for f in logger.filters):
        logger.addFilter(_ReportedDuplicates())


def _count(items) -> str:
    return {2: "two", 3: "three"}.get(len(items), str(len(items)))


def _where(source: str, line: int | None) -> str:
    return f"{source}:{line}" if line else source


def duplicate_key_issues(settings, generators) -> tuple[list[ContentIssue], set[str]]:
    """Two texts with the same key and language (`pages/about.fr.md` and
    `pages/a/about.fr.md`): Pelican would take one as the other's translation.
    Also returns the files named, whose clash of outputs is the same mistake."""
    by_key = defaultdict(list)
    for generator in generators:
        if isinstance(generator, (ArticlesGenerator, PagesGenerator)):
            for item in _content_items(generator):
                key = getattr(item, "key", None)
                if key is not None:
                    by_key[(type(generator).__name__, key, item.lang)].append(_source(settings, item))
    issues, named = [], set()
    for (_, key, lang), sources in sorted(by_key.items()):
        if len(sources) > 1:
            first, *others = sorted(sources)
            named.update(sources)
            issues.append(ContentIssue(
                first, None, None,
                f"{' and '.join(others)} has the same name ({key}.{lang}.md) in another folder:"
                " two texts cannot share a name and language; rename or remove one"))
    return issues, named


def duplicate_output_issues(outputs, reported=frozenset()) -> tuple[list[ContentIssue], set[str]]:
    """One issue per path of `outputs` (planned_outputs) claimed twice, on the first
    content file that claims it (none when all are `reported` already); every such path."""
    by_path = defaultdict(list)
    for path, source, line, _ in outputs:
        by_path[os.path.normpath(path)].append((source, line))
    issues, colliding = [], set()
    for path, sources in sorted(by_path.items()):
        if len(sources) < 2:
            continue
        colliding.add(path)
        if all(source in reported for source, _ in sources):
            continue
        (first, line), *others = sorted(
            sources, key=lambda s: (not s[0].startswith("content/"), s[0], s[1] or 0))
        listed = " and ".join(_where(*other) for other in others)
        if first.startswith("content/"):
            issues.append(ContentIssue(
                first, line, "slug" if line else None,
                f"{_count(sources)} pages would be written to {path}: this file and {listed};"
                " change a slug"))
        else:
            issues.append(ContentIssue(
                "content/", None, None,
                f"{_count(sources)} pages would be written to {path}: {first} and {listed}"))
    return issues, colliding


def final_html_errors(settings, items) -> list[str]:
    """The addresses of each text's final HTML, every placeholder replaced
    (Pelican keeps it for the writer)."""
    errors = []
    for item in items:
        links = getattr(item, "metadata", {}).get("links") or {}
        files = links.get("files", ())
        if any(what not in LINK_PLACEHOLDERS for what, _, _ in files):
            continue  # reported as an unknown placeholder (links.link_issues)
        # Pelican puts a file's URL in place of `{filename}value` and keeps the rest of
        # `value` (scheme, query, fragment): no colon there, no new scheme.
        if getattr(item, "_content", None) and any(":" in value for _, value, _ in files):
            problems = final_html_problems(item.content, item._content)
            if problems:  # (its lines read the text's file)
                errors.extend(problem_lines(problems, item.source_path, settings["PATH"]))
    return errors


def check_all(generators) -> list[ContentIssue]:
    """Every cross-content mistake, logged; colliding outputs are not written."""
    if not generators:
        return []
    settings = generators[0].settings
    store = content_store(settings)
    issues = list(store.issues)
    issues.extend(news_reference_issues(settings, generators))
    items = [item for generator in generators for item in _content_items(generator)]
    held = services(settings).held_news
    issues.extend(link_issues(settings, items, generators[0].context,
                              lambda item: _source(settings, item), held))
    issues.extend(stray_file_issues(settings))
    issues.extend(link_loop_issues(settings, services(settings).unread_files))
    issues.extend(placeholder_issues(
        entry for name in CONTENT_TYPES for entry in store.entries(name)))
    same_names, named = duplicate_key_issues(settings, generators)
    issues.extend(same_names)
    outputs = planned_outputs(settings, generators)
    duplicates, colliding = duplicate_output_issues(outputs, named)
    paths = site_paths(settings)
    reserved, taken = reserved_path_issues(settings, paths, outputs, colliding)
    issues.extend(reserved)
    planned = {os.path.normpath(path) for path, _, _, _ in outputs}
    complete = not services(settings).unread_files and not any(store.unread_slugs.values())
    issues.extend(redirect_issues(store, planned, lambda key: reserved_by(settings, paths, key),
                                  complete))
    issues.extend(duplicates)
    services(settings).colliding_outputs = frozenset(colliding | taken)
    unique = sorted(set(issues), key=lambda i: (i.path, i.line or 0, i.field or "", i.message))
    log_issues(unique)
    for error in final_html_errors(settings, items):
        log.error("%s", error)
    return unique
