"""The home page's key figures (content/data/key-figures.yaml, model `KeyFigures`
in llv.model.schema), as each language shows them.

The file is read and checked with the other content (llv.model's store,
`make check`); a mistake fails the build and the page shows no figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_decimal

from llv.i18n.dates import iso_date, localized_date
from llv.i18n.languages import languages_from_settings
from llv.model.store import content_store


@dataclass(frozen=True)
class ShownFigure:
    value: str  # formatted for the language: "3 000", "3,000"
    label: str
    as_of: str  # "2022", or a date in the language
    as_of_iso: str  # for <time datetime>
    source: str


def key_figures_by_lang(settings) -> dict[str, list[ShownFigure]]:
    """The figures per language (none when the file is missing or wrong)."""
    figures = content_store(settings).data["key-figures"].model
    if figures is None:
        return {}
    return {
        code: [
            ShownFigure(
                value=format_decimal(figure.value, locale=language.babel_locale),
                label=figure.label[code],
                as_of=localized_date(figure.as_of.value, language.babel_locale,
                                     figure.as_of.precision),
                as_of_iso=iso_date(figure.as_of.value, figure.as_of.precision),
                source=figure.source[code],
            )
            for figure in figures.figures
        ]
        for code, language in languages_from_settings(settings).items()
    }
