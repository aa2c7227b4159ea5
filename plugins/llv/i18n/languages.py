"""The site's languages, declared once in the LANGUAGES setting.

Adding a language means adding an entry to LANGUAGES, a gettext catalogue in
theme/translations/ and content files: nothing in the code names a language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from babel import Locale
from babel.support import NullTranslations, Translations

from llv.common.services import services


class LanguageConfigError(ValueError):
    pass


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47 language tag, also used in content file names
    name: str  # the language's own name ("Français", "English")
    locale: str  # Babel / gettext locale ("fr_FR")
    prefix: str  # URL prefix, "" for the default language, "en/" otherwise
    sections: dict[str, str] = field(default_factory=dict)
    translations_dir: str = ""

    @property
    def home_url(self) -> str:
        return self.prefix

    def section_url(self, section: str, *parts: str) -> str:
        """URL of a listing section in this language, e.g. `en/news/`."""
        try:
            path = self.sections[section]
        except KeyError:
            raise LanguageConfigError(
                f"LANGUAGES['{self.code}']['sections'] has no '{section}' entry"
            ) from None
        return self.prefix + "/".join([path, *parts]) + "/"

    @cached_property
    def babel_locale(self) -> Locale:
        return Locale.parse(self.locale)

    @cached_property
    def translations(self) -> NullTranslations:
        directory = Path(self.translations_dir)
        if not (directory / self.locale.split("_")[0]).exists() and not (
            directory / self.locale
        ).exists():
            raise LanguageConfigError(
                f"no gettext catalogue for '{self.code}' in {directory}/"
                " (run `make translations`)"
            )
        catalogue = Translations.load(
            str(directory), [self.locale, self.code], domain="messages"
        )
        if not isinstance(catalogue, Translations):
            raise LanguageConfigError(
                f"the catalogue {directory}/{self.code}/LC_MESSAGES/messages.po"
                " is not compiled (run `make translations`)"
            )
        return catalogue

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)


def languages_from_settings(settings) -> dict[str, Language]:
    """The LANGUAGES setting as Language objects, default language first."""
    shared = services(settings)
    if shared.languages is not None:
        return shared.languages
    default = settings["DEFAULT_LANG"]
    declared = settings.get("LANGUAGES") or {}
    if default not in declared:
        raise LanguageConfigError(
            f"DEFAULT_LANG '{default}' is missing from LANGUAGES"
        )
    translations_dir = settings.get("I18N_TRANSLATIONS_DIR") or str(
        Path(settings["THEME"]) / "translations"
    )
    languages = {}
    for code in [default, *(c for c in declared if c != default)]:
        entry = declared[code]
        prefix = entry.get("prefix", "" if code == default else f"{code}/")
        if prefix and not prefix.endswith("/"):
            prefix += "/"
        languages[code] = Language(
            code=code,
            name=entry["name"],
            locale=entry.get("locale", code),
            prefix=prefix,
            sections=dict(entry.get("sections", {})),
            translations_dir=translations_dir,
        )
    shared.languages = languages
    return languages
