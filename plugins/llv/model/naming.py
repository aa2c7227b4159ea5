"""How a text file is named, declared once: `<key>.<language>.md`.

Pages and news (`content/pages/about.fr.md`) and the long texts beside YAML
items (`content/startups/wezaart.en.md`) are named so: the key is shared by
the translations of a text, the language is a code of the LANGUAGES setting
(checked by whoever reads the name). The front-matter reader gives Pelican
each text's `key` and `lang` from the name (so Pelican's FILENAME_METADATA is
left empty), the content store pairs long texts with their YAML file, and
llv.legal puts facts into a text in its language.
"""

from __future__ import annotations

import re

TEXT_EXTENSIONS = ("md", "markdown")
NAMING = "`<key>.<language>.md`, like `about.fr.md`"
_TEXT_FILE = re.compile(r"(?P<key>[^.\s\x00-\x1f\x7f]+)\.(?P<lang>[^.\s\x00-\x1f\x7f]+)\."
                        rf"(?:{'|'.join(TEXT_EXTENSIONS)})")


def text_file_name(name: str) -> tuple[str, str] | None:
    """(key, language) of a file named `<key>.<language>.md`, else None."""
    found = _TEXT_FILE.fullmatch(name)
    return (found["key"], found["lang"]) if found else None
