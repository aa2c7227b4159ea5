"""What French (and English) typography forbids in the text a reader sees: the
checker of the plugin's tests and of the real site's (tests/test_typography.py)."""

import re

from bs4 import BeautifulSoup, Comment, Doctype

SKIPPED = {"code", "pre", "kbd", "samp", "var", "script", "style", "textarea", "svg", "math"}

# What French typography forbids in a text, and what it means.
FRENCH_MISTAKES = [
    (re.compile(r"[ \t\r\n][:;!?»]|«[ \t\r\n]"), "a plain space before : ; ! ? » or after «"),
    (re.compile(r"\w[;!?](?=\s|$)|\w:(?=\s|$)"), "no space before : ; ! ?"),
    (re.compile(r"['\"]"), "a straight apostrophe or quote"),
    (re.compile(r"(?<![\d,.])\d{1,3}[ \t\r\n]\d{3}(?!\d)"), "a digit group that can wrap"),
    (re.compile(r"(?<![\d,.])\d{1,2}(?:er)?[ \t\r\n](?:janvier|février|mars|avril|mai|juin"
                r"|juillet|août|septembre|octobre|novembre|décembre)\b", re.I),
     "a day that can wrap away from its month"),
    (re.compile(r"\b\d+(?:ème|eme|ère|è)\b"), "an ordinal in a wrong form"),
    (re.compile(r"\b\d+(?:er|re|e|es)\b"), "an ordinal not raised"),
]
ENGLISH_MISTAKES = [(re.compile(r"['\"]"), "a straight apostrophe or quote")]


def texts_by_language(html: str):
    """(language, element, text) of every run of text a reader sees: not code, not
    attributes."""
    soup = BeautifulSoup(html, "html.parser")

    def walk(node, lang):
        lang = node.get("lang", lang) if hasattr(node, "get") else lang
        for child in node.children:
            if isinstance(child, (Comment, Doctype)):
                continue
            if isinstance(child, str):
                yield lang, node.name, str(child)
            elif child.name not in SKIPPED:
                yield from walk(child, lang)

    yield from walk(soup, None)


def typography_mistakes(html: str, where: str) -> list[str]:
    found = []
    for lang, element, text in texts_by_language(html):
        rules = FRENCH_MISTAKES if (lang or "").startswith("fr") else ENGLISH_MISTAKES
        if element == "title":  # plain text: ordinals cannot be raised there
            rules = [rule for rule in rules if rule[1] != "an ordinal not raised"]
        for pattern, meaning in rules:
            for match in pattern.finditer(text):
                context = text[max(0, match.start() - 25):match.end() + 25].strip()
                found.append(f"{where}: {meaning}: {context!r}")
    return found
