"""What a visitor reads on a page, and the code-like text that must never be there.

`read_page(html)` parses a page (the standard library's HTML parser) into what
a visitor reads: the visible text, one block per line; the `<title>`; the
meta description and the Open Graph and Twitter texts; the texts of
attributes (alt, aria-label, title, placeholder); the JSON-LD.
`code_like(page)` lists what in it looks like a program's value printed
instead of a text (a repr, an object's address, template syntax, `undefined`,
`NaN`, `None`, a traceback). `check_site(folder)` does it for every page of a
built site: every site the tests build goes through it (`llv.common.testing`,
`tests/sitetools.py`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Elements that start and end a line of text.
BLOCKS = frozenset("""
    address article aside blockquote body br caption dd details dialog div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr legend li main nav noscript ol
    option p pre section select summary table tbody td tfoot th thead tr ul
""".split())
READ_ATTRIBUTES = ("alt", "aria-label", "title", "placeholder")
# <meta name|property=…> whose content a visitor reads (search results, link previews).
READ_META = ("description", "og:title", "og:description", "og:image:alt",
             "twitter:title", "twitter:description", "twitter:image:alt")
_SPACES = re.compile(r"[ \t\n\r\f]+")  # what HTML collapses (not the no-break spaces)

CODE_LIKE = (
    ("a repr", re.compile(r"\b[A-Za-z_][\w.]*\([a-z_]\w*=|\bdatetime\.\w+\(|\bDecimal\('"
                          r"|<\w+\.\w+: ")),
    ("a Python mapping or list", re.compile(r"\{'[^']*': |\['[^']*'(?:, '|\])")),
    ("an object's address", re.compile(r"object at 0x[0-9a-fA-F]+")),
    ("template syntax", re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")),
    ("a Pelican placeholder", re.compile(r"\{(?:filename|static|attach|index|category|tag|author)\}")),
    ("undefined", re.compile(r"\bundefined\b")),
    ("NaN", re.compile(r"\bNaN\b|\bnan\b")),
    ("None", re.compile(r"\bNone\b")),  # but see _english_word
    ("a traceback", re.compile(r"Traceback \(most recent call last\)|File \"[^\"]*\", line \d+")),
)


@dataclass
class PageText:
    lang: str = ""  # <html lang>
    blocks: list[str] = field(default_factory=list)  # visible text, one block per line
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)  # READ_META name: content
    attributes: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, text)
    json_ld: list = field(default_factory=list)  # parsed; a str when it does not parse


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = PageText()
        self._line: list[str] = []
        self._raw: str | None = None  # inside <script>, <style>, <title>: "json-ld", "skip", "title"
        self._raw_text: list[str] = []
        self._in_body = False  # an SVG's <title> in the body is read as text

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in BLOCKS:
            self._flush()
        if tag == "html":
            self.page.lang = attributes.get("lang") or ""
        elif tag == "body":
            self._in_body = True
        if tag == "script" and attributes.get("type") == "application/ld+json":
            self._raw = "json-ld"
        elif tag in ("script", "style"):
            self._raw = "skip"
        elif tag == "title" and not self._in_body:
            self._raw = "title"
        elif tag == "meta":
            name = attributes.get("name") or attributes.get("property")
            if name in READ_META:
                self.page.meta[name] = attributes.get("content") or ""
        for name in READ_ATTRIBUTES:
            if attributes.get(name) and (tag, name) != ("img", "alt"):  # alt: in the text
                self.page.attributes.append((tag, name, normalise(attributes[name])))
        if tag == "img" and attributes.get("alt"):
            self._line.append(f" [image: {attributes['alt']}] ")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title") and self._raw:
            text = "".join(self._raw_text)
            if self._raw == "title":
                self.page.title = normalise(text)
            elif self._raw == "json-ld":
                try:
                    self.page.json_ld.append(json.loads(text))
                except ValueError:
                    self.page.json_ld.append(text)
            self._raw, self._raw_text = None, []
        elif tag in BLOCKS:
            self._flush()

    def handle_data(self, data):
        (self._raw_text if self._raw else self._line).append(data)

    def _flush(self):
        text = normalise("".join(self._line))
        if text:
            self.page.blocks.append(text)
        self._line = []

    def close(self):
        super().close()
        self._flush()


def normalise(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def read_page(html: str) -> PageText:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page


def json_strings(value, path="$"):
    """(where, text) of every string in parsed JSON; "null" and "NaN" for those values."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from json_strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from json_strings(item, f"{path}[{number}]")
    elif value is None:
        yield path, "null"
    elif isinstance(value, float) and value != value:
        yield path, "NaN"
    elif isinstance(value, str):
        yield path, value


def code_like(page: PageText) -> list[str]:
    """`where: what: «excerpt»` for each code-like text a visitor would read."""
    texts = [("text", block) for block in page.blocks]
    texts.append(("<title>", page.title))
    texts += [(f"<meta {name}>", content) for name, content in page.meta.items()]
    texts += [(f"<{tag} {name}>", text) for tag, name, text in page.attributes]
    found = []
    for data in page.json_ld:
        if isinstance(data, str):
            found.append(f"JSON-LD that does not parse: «{data[:60]}»")
        else:
            texts += [(f"JSON-LD {where}", text) for where, text in json_strings(data)]
    for where, text in texts:
        if where.startswith("JSON-LD") and text == "null":  # a JSON-LD value left empty
            found.append(f"{where}: None: «null»")
        for what, pattern in CODE_LIKE:
            match = pattern.search(text)
            if match and what == "None" and page.lang.startswith("en"):
                match = next((m for m in pattern.finditer(text) if not _english_word(text, m)), None)
            if match:
                start = max(match.start() - 30, 0)
                found.append(f"{where}: {what}: «{text[start:match.end() + 30]}»")
    return found


def _english_word(text: str, match: re.Match) -> bool:
    """"None." or "None of them" opening a sentence of an English text is a word;
    "Founded in None", "Price: None" or French text holding "None" are not."""
    before = text[:match.start()]
    return not before or before.endswith((". ", "! ", "? "))


def check_site(folder: Path) -> list[str]:
    """`page: where: what: «excerpt»` for every code-like text of every page in `folder`."""
    found = []
    for path in sorted(Path(folder).rglob("*.html")):
        page = read_page(path.read_text(encoding="utf-8"))
        found += [f"/{path.relative_to(folder).as_posix()}: {problem}" for problem in code_like(page)]
    return found


def assert_reads_as_text(folder: Path) -> None:
    """Fail when a page of the site built in `folder` shows code-like text."""
    found = check_site(folder)
    if found:
        raise AssertionError("a page shows code-like text instead of a value:\n" + "\n".join(found))
