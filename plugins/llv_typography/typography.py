"""Typography of the texts the site prints, by language.

French (the rules of the Imprimerie nationale's *Lexique*, as French publishers
apply them):

- a no-break space before `:` and inside « », a narrow no-break space before
  `;`, `!` and `?` (inserted when the editor typed none, replacing a plain
  space when they did);
- ’ for every apostrophe, « » for straight double quotes;
- digit groups joined by a narrow no-break space (`22 000` never wraps), and a
  no-break space between a number and its unit (`350 m²`, `50 %`, `10 euros`);
- ordinals in their proper form (`6ème` → `6e`, `1ère` → `1re`), their letters
  raised in HTML (`6<sup>e</sup>`), and `n°` as `n<sup>o</sup>`;
- `...` as `…`.

English: curly apostrophes and quotes, `…`; no space is added before punctuation.

Only text is typeset: never tag names, attributes (so never a URL), nor what
`code`, `pre`, `kbd`, `samp`, `var`, `script` (JSON-LD), `style`, `textarea`,
`svg` and `math` hold. In HTML, the language of a text is its nearest `lang`
attribute, so an English page's French fallback text gets French rules.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space
_SPACE = "[ \t\u00a0\u202f]"

# --- plain text ----------------------------------------------------------------------

_ELLIPSIS = re.compile(r"\.\.\.(?!\.)")

_FR_QUOTES = re.compile(rf'"{_SPACE}*([^"]*?){_SPACE}*"')
_FR_OPENING = re.compile(rf"«{_SPACE}*")
_FR_CLOSING = re.compile(rf"{_SPACE}*»")
# `:` after a word (or a closing mark), followed by a space or the end of the text:
# never inside `18:30`, `https://` or `mailto:x`.
_FR_COLON = re.compile(rf"(?<=[^\s:]){_SPACE}*:(?=\s|$)")
_FR_HIGH = re.compile(rf"(?<=[^\s;!?]){_SPACE}*([;!?])(?=[\s!?»)]|$)")
_FR_DIGIT_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])")
_FR_UNIT = re.compile(
    r"(?<=\d)[ \t\u202f](?=(?:%|‰|€|k€|M€|m²|m2|m³|km|kg|cm|mm|ha|euros?)(?![\w]))")
_FR_WRONG_ORDINAL = re.compile(r"\b(\d+)(?:ème|eme|ième|ieme|è)(s?)\b")
_FR_WRONG_FIRST = re.compile(r"\b1(?:ère|ere)(s?)\b")
_FR_NUMERO = re.compile(rf"\b([nN])°{_SPACE}*(?=\d)")

_EN_OPENING_SINGLE = re.compile(r"(?<![\w.,;:!?’”)\]])'(?=\S)")
_EN_QUOTES = re.compile(r'"([^"]*)"')
_DIGIT = re.compile(r"\d")


def _digit_groups(match: re.Match) -> str:
    return re.sub(_SPACE, NNBSP, match[0])


def _french(text: str) -> str:
    # Each rule runs only when its character is there: most runs of text between
    # tags (menu labels, names) have none of them.
    if "..." in text:
        text = _ELLIPSIS.sub("…", text)
    if '"' in text:
        text = _FR_QUOTES.sub(f"«{NBSP}\\1{NBSP}»", text)
    if "'" in text:
        text = text.replace("'", "’")
    if "«" in text:
        text = _FR_OPENING.sub(f"«{NBSP}", text)
    if "»" in text:
        text = _FR_CLOSING.sub(f"{NBSP}»", text)
    if ":" in text:
        text = _FR_COLON.sub(f"{NBSP}:", text)
    if ";" in text or "!" in text or "?" in text:
        text = _FR_HIGH.sub(f"{NNBSP}\\1", text)
    if _DIGIT.search(text):
        text = _FR_DIGIT_GROUPS.sub(_digit_groups, text)
        text = _FR_UNIT.sub(NBSP, text)
        text = _FR_WRONG_ORDINAL.sub(r"\1e\2", text)
        text = _FR_WRONG_FIRST.sub(r"1re\1", text)
        if "°" in text:
            text = _FR_NUMERO.sub(f"\\1°{NBSP}", text)
    return text


def _english(text: str) -> str:
    if "..." in text:
        text = _ELLIPSIS.sub("…", text)
    if '"' in text:
        text = _EN_QUOTES.sub("“\\1”", text)
    if "'" in text:
        text = _EN_OPENING_SINGLE.sub("‘", text).replace("'", "’")
    return text


_RULES = {"fr": _french, "en": _english}


def rules_for(lang: str | None):
    """The typesetting function of a language tag (`fr`, `fr-FR`…), or None."""
    if not lang:
        return None
    return _RULES.get(lang.split("-")[0].lower())


def typeset_text(text: str, lang: str | None) -> str:
    """Plain text (a calendar's summary, a social card's title) typeset for `lang`."""
    rules = rules_for(lang)
    return rules(text) if rules and text else text


# --- HTML ----------------------------------------------------------------------------

SKIPPED_ELEMENTS = ("code", "pre", "kbd", "samp", "var", "script", "style", "textarea", "svg",
                    "math")

_TAG_BODY = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
# What changes the rules: comments and skipped elements (passed over whole), the
# <title> (plain text: no <sup> there), and elements with a `lang` attribute (their
# content is typeset in that language).
_SPECIAL = re.compile(
    r"<!--.*?-->"
    rf"|<(?P<skipped>{'|'.join(SKIPPED_ELEMENTS)})\b{_TAG_BODY}>.*?</(?P=skipped)\s*>"
    rf"|(?P<title_start><title\b{_TAG_BODY}>)(?P<title>[^<]*)</title\s*>"
    rf"""|<(?P<name>[A-Za-z][A-Za-z0-9-]*)\b(?=[^>]*\slang\s*=){_TAG_BODY}>""",
    re.S | re.I,
)
_LANG_ATTRIBUTE = re.compile(r"""\slang\s*=\s*["']?([A-Za-z-]*)""", re.I)
_TAG = re.compile(rf"(<[!?/A-Za-z]{_TAG_BODY}>)")
_FR_SUPERSCRIPT = re.compile(r"(?<![\w&#])(\d+)(er|re|ers|res|e|es)(?![\w])|\b([nN])°")
_CONTEXT_CHARACTER = re.compile(r"[\w)»”’]")


def _raise_ordinal(match: re.Match) -> str:
    if match[3]:
        return f"{match[3]}<sup>o</sup>"
    return f"{match[1]}<sup>{match[2]}</sup>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _typeset_segment(segment: str, rules, previous: str, raise_ordinals: bool = True) -> str:
    """One run of text between tags, as it appears in the HTML source."""
    raw = html.unescape(segment) if "&" in segment else segment
    # The last character of the text before (`<em>mot</em> :`) decides the spacing
    # at the start of this one.
    context = previous if _CONTEXT_CHARACTER.match(previous) else ""
    done = rules(context + raw)[len(context):]
    result = segment if done == raw else _escape(done)
    if raise_ordinals and rules is _french and _DIGIT.search(result):
        result = _FR_SUPERSCRIPT.sub(_raise_ordinal, result)
    return result


def _typeset_flat(region: str, rules) -> str:
    """HTML without comments, skipped or `lang` elements: every text between tags."""
    pieces = _TAG.split(region)
    previous = ""
    for index in range(0, len(pieces), 2):  # even indices: text, odd: tags
        segment = pieces[index]
        if segment and not segment.isspace():
            pieces[index] = _typeset_segment(segment, rules, previous)
            previous = segment[-1]
        elif segment:
            previous = " "
    return "".join(pieces)


@lru_cache(maxsize=64)
def _tags_named(name: str) -> re.Pattern:
    return re.compile(rf"<(/?){re.escape(name)}\b{_TAG_BODY}>", re.I)


def _closing_tag(document: str, name: str, start: int) -> re.Match | None:
    """The end tag of the element `name` opened just before `start` (nesting counted)."""
    depth = 1
    for match in _tags_named(name.lower()).finditer(document, start):
        if match[1]:
            depth -= 1
            if depth == 0:
                return match
        elif not match[0].endswith("/>"):
            depth += 1
    return None


def typeset_html(document: str, lang: str | None = None) -> str:
    """An HTML document or fragment typeset; `lang` is the language of text outside
    any `lang` attribute (a document's <html lang> sets its own)."""
    rules = rules_for(lang)
    parts: list[str] = []
    position = 0
    while True:
        match = _SPECIAL.search(document, position)
        if match is None:
            break
        before = document[position:match.start()]
        parts.append(_typeset_flat(before, rules) if rules else before)
        position = match.end()
        if match["title_start"] is not None:
            title = match["title"]
            if rules and title and not title.isspace():
                title = _typeset_segment(title, rules, "", raise_ordinals=False)
            parts.append(f"{match['title_start']}{title}</title>")
            continue
        parts.append(match[0])
        if match["name"] is None:  # a comment or a skipped element, kept whole
            continue
        end = _closing_tag(document, match["name"], position)
        if end is None:  # a void element (`<meta lang>`), or HTML left open
            continue
        inner = document[position:end.start()]
        parts.append(typeset_html(inner, _LANG_ATTRIBUTE.search(match[0])[1]))
        parts.append(end[0])
        position = end.end()
    rest = document[position:]
    parts.append(_typeset_flat(rest, rules) if rules else rest)
    return "".join(parts)


# --- feeds ---------------------------------------------------------------------------

_FEED_LANG = re.compile(r"""<feed\b[^>]*\sxml:lang=["']([A-Za-z-]+)|<language>\s*([A-Za-z-]+)""")
_FEED_TEXT = re.compile(
    r"<(?P<name>title|subtitle|summary|content|description|rights)(?P<attributes>\s[^>]*)?>"
    r"(?P<text>.*?)</(?P=name)>", re.S)


def feed_language(xml: str) -> str | None:
    match = _FEED_LANG.search(xml)
    return (match[1] or match[2]) if match else None


def typeset_feed(xml: str) -> str:
    """An Atom or RSS feed with its titles, summaries and contents typeset in the
    feed's language (`xml:lang` of an Atom feed, `<language>` of an RSS channel)."""
    lang = feed_language(xml)
    if rules_for(lang) is None:
        return xml

    def typeset(match: re.Match) -> str:
        attributes = match["attributes"] or ""
        if "xhtml" in attributes:
            return match[0]
        text = html.unescape(match["text"])
        is_html = match["name"] == "description" or "html" in attributes
        done = typeset_html(text, lang) if is_html else typeset_text(text, lang)
        if done == text:
            return match[0]
        return f"<{match['name']}{attributes}>{_escape(done)}</{match['name']}>"

    return _FEED_TEXT.sub(typeset, xml)
