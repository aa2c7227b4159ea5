"""Characters an editor cannot see, refused where they do harm.

In every text file (Markdown, YAML), with the file and line: control
characters (tab, line break and carriage return aside), the Unicode line and
paragraph separators, the bidirectional embeddings, overrides and isolates
(U+202E turns the rest of a title around), the interlinear annotations, a
byte order mark inside the text. In names, titles, slugs and the other
one-line fields (schema.py), also the invisible ones: zero-width spaces and
joiners, direction marks, word joiner, soft hyphen… Running text keeps these
last ones: a language may need them (a soft hyphen, a zero-width joiner).
"""

from __future__ import annotations

import re
import unicodedata

from llv.model.errors import ContentIssue

REFUSED_IN_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufff9-\ufffb\ufeff]")
INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f"
                       "\u2060-\u2064\u3164\uffa0]")
# In a field, a carriage return too (a line break is `\n`).
REFUSED_IN_FIELDS = re.compile(f"{REFUSED_IN_TEXT.pattern}|{INVISIBLE.pattern}|\r")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def character_name(character: str) -> str:
    """`U+202E (RIGHT-TO-LEFT OVERRIDE)`."""
    name = unicodedata.name(character, "")
    return f"U+{ord(character):04X}" + (f" ({name})" if name else "")


def refusal(character: str) -> str:
    if _CONTROL.match(character):
        return (f"remove the invisible control character {character_name(character)};"
                " retype the text if it was pasted")
    return (f"remove the invisible character {character_name(character)}: it changes how the"
            " text reads or shows without being seen; retype the text if it was pasted")


def text_character_issue(text: str, shown: str) -> ContentIssue | None:
    """The first character of a file's text refused in every text, with its line."""
    found = REFUSED_IN_TEXT.search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    return ContentIssue(shown, line, None, f"{refusal(found[0])} (column {column})")
