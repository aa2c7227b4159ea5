"""Checks across all content, once every generator has read its files."""

from __future__ import annotations

import os
from collections import defaultdict

from pelican.generators import ArticlesGenerator, PagesGenerator

from llv_common.items import HIDDEN, LISTED, UNPUBLISHED, generator_items
from llv_common.services import services

from .errors import ContentIssue, log, log_issues
from .html_policy import LINK_PLACEHOLDERS, final_html_problems, problem_lines
from .links import link_issues, placeholder_issues
from .redirects import redirect_issues
from .registry import CONTENT_TYPES, FRONT_MATTER_REFERENCES
from .safety import stray_file_issues
from .store import check_references, content_store, display_path


def _source(settings, item) -> str:
    return getattr(item, "source_shown", None) or display_path(settings, item.source_path)


def _content_items(generator):
    return generator_items(generator, LISTED, HIDDEN, UNPUBLISHED)


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


def planned_outputs(settings, generators) -> list[tuple[str, str, int | None]]:
    """(output path, source, line) of every page the generators will write."""
    outputs = []
    for generator in generators:
        if isinstance(generator, (ArticlesGenerator, PagesGenerator)):
            for item in _content_items(generator):
                if item.status in ("published", "hidden") and item.save_as:
                    lines = getattr(item, "field_lines", {}) or {}
                    outputs.append((item.save_as, _source(settings, item), lines.get(("slug",))))
        elif callable(getattr(generator, "planned_outputs", None)):
            outputs.extend((path, source, None) for path, source in generator.planned_outputs())
    return outputs


def duplicate_output_issues(settings, generators) -> tuple[list[ContentIssue], set[str]]:
    by_path = defaultdict(list)
    for path, source, line in planned_outputs(settings, generators):
        by_path[os.path.normpath(path)].append((source, line))
    issues, colliding = [], set()
    for path, sources in sorted(by_path.items()):
        if len(sources) < 2:
            continue
        colliding.add(path)
        for source, line in sources:
            others = " and ".join(s for s, _ in sources if (s, _) != (source, line))
            if source.startswith("content/"):
                issues.append(ContentIssue(
                    source, line, "slug" if line else None,
                    f"two pages would be written to {path}: this file and {others}; change a slug"))
            elif not any(s.startswith("content/") for s, _ in sources):
                issues.append(ContentIssue(
                    "content/", None, None,
                    f"two pages would be written to {path}: {source} and {others}"))
    return issues, colliding


def final_html_errors(settings, items) -> list[str]:
    """The addresses of each text's final HTML, every placeholder replaced
    (Pelican keeps it for the writer)."""
    errors = []
    for item in items:
        links = getattr(item, "metadata", {}).get("links") or {}
        if any(what not in LINK_PLACEHOLDERS for what, _, _ in links.get("files", ())):
            continue  # reported as an unknown placeholder (links.link_issues)
        if getattr(item, "_content", None):
            problems = final_html_problems(item.content, item._content)
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
    issues.extend(link_issues(settings, items, generators[0].context,
                              lambda item: _source(settings, item)))
    issues.extend(stray_file_issues(settings))
    issues.extend(placeholder_issues(
        entry for name in CONTENT_TYPES for entry in store.entries(name)))
    duplicates, colliding = duplicate_output_issues(settings, generators)
    planned = {os.path.normpath(path) for path, _, _ in planned_outputs(settings, generators)}
    issues.extend(redirect_issues(store, planned))
    issues.extend(duplicates)
    services(settings).colliding_outputs = frozenset(colliding)
    unique = sorted(set(issues), key=lambda i: (i.path, i.line or 0, i.field or "", i.message))
    log_issues(unique)
    for error in final_html_errors(settings, items):
        log.error("%s", error)
    return unique
