"""The home page's key figures, declared once in content/data/key-figures.yaml.

Every figure is real and dated: a whole number, what it counts and where it
comes from in each language, and the year (or date) at which it was true. A
mistake is logged as `path:line: field: message` and fails the build.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel.numbers import format_decimal
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from llv_common.files import FileRefused, read_text
from llv_content.yamlfile import compose_yaml
from llv_i18n.languages import languages_from_settings

log = logging.getLogger("llv_seo")

KEY_FIGURES_FILE = "data/key-figures.yaml"  # relative to the content folder
AS_OF_PATTERN = r"^\d{4}(-\d{2}-\d{2})?$"  # also what the CMS's form accepts
AS_OF_MESSAGE = "write the year (`as_of: 2022`) or the date (`as_of: 2022-10-01`) the figure was true"


@dataclass(frozen=True)
class FigureField:
    """A field of a figure, with what the CMS at /admin/ shows editors (French)."""

    name: str
    kind: str  # "whole number", "text in every language" or "year or date"
    label: str
    help: str


FIGURE_FIELDS = (
    FigureField("value", "whole number", "Chiffre", "Un nombre entier, sans espace ni unité (3000)"),
    FigureField("label", "text in every language", "Ce que le chiffre compte",
                "Dans chaque langue (projets accompagnés depuis 2013)"),
    FigureField("as_of", "year or date", "Vrai en",
                "L'année (2022) ou la date (2022-10-01) à laquelle le chiffre était vrai"),
    FigureField("source", "text in every language", "Source",
                "D'où vient le chiffre, dans chaque langue"),
)
FIELDS = tuple(f.name for f in FIGURE_FIELDS)
FILE_LABEL = "Chiffres clés de la page d'accueil"
FILE_HELP = ("Dans l'ordre de la page. Chaque chiffre est réel et daté ; un chiffre plus récent "
             "remplace l'ancien : changez ensemble le chiffre, la date et la source.")


@dataclass(frozen=True)
class KeyFigure:
    value: str  # formatted for the language: "3 000", "3,000"
    label: str
    as_of: str  # "2022", or a date in the language
    as_of_iso: str  # for <time datetime>
    source: str


class KeyFiguresError(ValueError):
    pass


def _iso_date(text: str):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text  # reported below


def _node_value(node):
    return yaml.SafeLoader("").construct_object(node, deep=True)


def _mapping(node) -> dict[str, tuple]:
    """{key: (value node, key line)} of a mapping node."""
    return {str(k.value): (v, k.start_mark.line + 1) for k, v in node.value}


def load_key_figures(path: Path, shown: str, language_codes,
                     content_dir=None) -> tuple[list[dict], list[str]]:
    """Figures as {field: value, per-language dicts}, and the problems found
    (`content_dir`: the folder the file must be in, by default its own)."""
    content_dir = content_dir or path.parent
    problems: list[str] = []
    try:
        text = read_text(path, content_dir)
    except FileRefused as error:
        return [], [f"{shown}: {error}"]
    root, issues = compose_yaml(text, shown)
    if issues:
        return [], [str(issue) for issue in issues]
    if not isinstance(root, MappingNode) or "figures" not in _mapping(root):
        return [], [f"{shown}:1: figures: the file must start with `figures:` then a list of figures"]
    figures_node, _ = _mapping(root)["figures"]
    if not isinstance(figures_node, SequenceNode):
        line = figures_node.start_mark.line + 1
        return [], [f"{shown}:{line}: figures: write a list, each figure starting with `- value:`"]

    figures = []
    for index, node in enumerate(figures_node.value, start=1):
        line = node.start_mark.line + 1
        where = f"{shown}:{line}: figures[{index}]"
        if not isinstance(node, MappingNode):
            problems.append(f"{where}: each figure is `value`, `label`, `as_of`, `source`")
            continue
        fields = _mapping(node)
        for name in fields:
            if name not in FIELDS:
                problems.append(f"{shown}:{fields[name][1]}: figures[{index}].{name}: "
                                f"unknown field; the fields are {', '.join(FIELDS)}")
        figure = {}
        for name in FIELDS:
            if name not in fields:
                problems.append(f"{where}: {name} is missing")
                continue
            value_node, key_line = fields[name]
            if name in ("label", "source"):
                texts = _mapping(value_node) if isinstance(value_node, MappingNode) else {}
                missing = [c for c in language_codes
                           if c not in texts or not isinstance(texts[c][0], ScalarNode)
                           or not str(texts[c][0].value).strip()]
                if missing:
                    problems.append(f"{shown}:{key_line}: figures[{index}].{name}: write the text "
                                    f"in every language ({', '.join(missing)} missing), e.g. "
                                    f"`{missing[0]}: ...` on its own indented line")
                    continue
                figure[name] = {c: str(texts[c][0].value).strip() for c in language_codes}
                continue
            try:
                value = _node_value(value_node) if isinstance(value_node, ScalarNode) else None
            except ValueError:  # 2022-13-45, a 5000-digit number: said below as a wrong value
                value = None
            if name == "as_of" and isinstance(value, str) and re.match(AS_OF_PATTERN, value):
                # quoted, as a form writes it
                value = int(value) if len(value) == 4 else _iso_date(value)
            if name == "value" and (not isinstance(value, int) or isinstance(value, bool)):
                problems.append(f"{shown}:{key_line}: figures[{index}].value: write a whole "
                                f"number without spaces or units, e.g. `value: 3000`")
                continue
            if name == "as_of" and not (
                (isinstance(value, int) and 1900 < value < 2200) or isinstance(value, dt.date)
            ):
                problems.append(f"{shown}:{key_line}: figures[{index}].as_of: {AS_OF_MESSAGE}")
                continue
            figure[name] = value
        if len(figure) == len(FIELDS):
            figures.append(figure)
    return figures, problems


def key_figures_by_lang(settings) -> dict[str, list[KeyFigure]]:
    """The figures per language; logs an error per problem (the build then fails)."""
    path = Path(settings["PATH"]) / KEY_FIGURES_FILE
    if not os.path.lexists(path):
        return {}
    languages = languages_from_settings(settings)
    shown = f"{Path(settings['PATH']).name}/{KEY_FIGURES_FILE}"
    figures, problems = load_key_figures(path, shown, list(languages), settings["PATH"])
    for problem in problems:
        log.error("%s", problem)
    if problems:
        return {}
    result = {}
    for code, language in languages.items():
        locale = language.babel_locale
        result[code] = [
            KeyFigure(
                value=format_decimal(f["value"], locale=locale),
                label=f["label"][code],
                as_of=str(f["as_of"]) if isinstance(f["as_of"], int)
                else _format_date(f["as_of"], language),
                as_of_iso=str(f["as_of"]) if isinstance(f["as_of"], int) else f["as_of"].isoformat(),
                source=f["source"][code],
            )
            for f in figures
        ]
    return result


def _format_date(value: dt.date, language) -> str:
    from llv_i18n.dates import localized_date

    return localized_date(value, language.babel_locale)
