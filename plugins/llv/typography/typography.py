"""Typography of the texts the site prints, by language.

French (the rules of the Imprimerie nationale's *Lexique*, as French publishers
apply them):

- a no-break space before `:` and inside « », a narrow no-break space before
  `;`, `!` and `?` (inserted when the editor typed none, replacing a plain
  space when they did);
- ’ for every apostrophe, « » for straight double quotes;
- digit groups joined by a narrow no-break space (`22 000` never wraps), and a
  no-break space between a number and its unit (`350 m²`, `50 %`, `10 euros`)
  and between a day and its month (`1er novembre`);
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

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space
_SPACE = "[ \t\u00a0\u202f]"

# --- plain text ----------------------------------------------------------------------

_ELLIPSIS = re.compile(r"\.\.\.(?!\.)")

# Every pattern reads each character a bounded number of times: a run of spaces
# is matched from its start only (`(?<!…)`), never from each of its characters.
_FR_OPENING = re.compile(rf"«{_SPACE}*")
_FR_CLOSING = re.compile(rf"(?<!{_SPACE}){_SPACE}*»")
# `:` after a word (or a closing mark), followed by a space or the end of the text:
# never inside `18:30`, `https://` or `mailto:x`.
_FR_COLON = re.compile(rf"(?<=[^\s:]){_SPACE}*:(?=\s|$)")
_FR_HIGH = re.compile(rf"(?<=[^\s;!?]){_SPACE}*([;!?])(?=[\s!?»)]|$)")
_FR_DIGIT_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])")
_FR_UNIT = re.compile(
    r"(?<=\d)[ \t\u202f](?=(?:%|‰|€|k€|M€|m²|m2|m³|km|kg|cm|mm|ha|euros?)(?![\w]))")
_FR_DAY_MONTH = re.compile(
    r"(?<![\d,.])(\d{1,2}|1er)[ \t\u202f](?=(?:janvier|février|mars|avril|mai|juin|juillet|août"
    r"|septembre|octobre|novembre|décembre)(?![\w]))", re.I)
_FR_WRONG_ORDINAL = re.compile(r"\b(\d+)(?:ème|eme|ième|ieme|è)(s?)\b")
_FR_WRONG_FIRST = re.compile(r"\b1(?:ère|ere)(s?)\b")
_FR_NUMERO = re.compile(rf"\b([nN])°{_SPACE}*(?=\d)")

_EN_OPENING_SINGLE = re.compile(r"(?<![\w.,;:!?’”)\]])'(?=\S)")
_EN_QUOTES = re.compile(r'"([^"]*)"')
_DIGIT = re.compile(r"\d")


_SPACES = " \t\u00a0\u202f"


def _french_quotes(text: str) -> str:
    """Straight double quotes paired into « », the spaces inside them made no-break
    ones; an unpaired last quote is left as it is."""
    pieces = text.split('"')
    done = [pieces[0]]
    for index in range(1, len(pieces) - 1, 2):
        done.append(f"«{NBSP}{pieces[index].strip(_SPACES)}{NBSP}»{pieces[index + 1]}")
    if len(pieces) % 2 == 0:
        done.append('"' + pieces[-1])
    return "".join(done)


def _digit_groups(match: re.Match) -> str:
    return re.sub(_SPACE, NNBSP, match[0])


def _french(text: str) -> str:
    # Each rule runs only when its character is there: most runs of text between
    # tags (menu labels, names) have none of them.
    if "..." in text:
        text = _ELLIPSIS.sub("…", text)
    if '"' in text:
        text = _french_quotes(text)
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
        text = _FR_DAY_MONTH.sub(f"\\1{NBSP}", text)
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

SKIPPED_ELEMENTS = frozenset(("code", "pre", "kbd", "samp", "var", "script", "style",
                              "textarea", "svg", "math"))
# Elements whose content is raw text up to their end tag: never read as tags.
RAW_TEXT_ELEMENTS = frozenset(("script", "style", "textarea", "title"))
VOID_ELEMENTS = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                           "meta", "source", "track", "wbr"))

_MARKUP_START = re.compile(r"<(?:[A-Za-z/!?])")
_TAG_NAME = re.compile(r"/?([A-Za-z][A-Za-z0-9-]*)")
_TAG_DELIMITER = re.compile(r"""[>"']""")
_LANG_ATTRIBUTE = re.compile(r"""\slang\s*=\s*["']?([A-Za-z-]*)""", re.I)
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


def _tag_end(document: str, start: int) -> int:
    """The index just after the `>` ending the tag opened at `start` (quoted
    attribute values may hold `>`), or -1 when the document ends first."""
    position = start
    while True:
        found = _TAG_DELIMITER.search(document, position)
        if found is None:
            return -1
        if found[0] == ">":
            return found.end()
        closing = document.find(found[0], found.end())
        if closing == -1:
            return -1
        position = closing + 1


class _Open:
    """An element that changes the rules (a `lang` attribute, or a skipped
    element), with the count of same-named elements open inside it."""

    __slots__ = ("name", "rules", "depth")

    def __init__(self, name: str, rules):
        self.name, self.rules, self.depth = name, rules, 1


def typeset_html(document: str, lang: str | None = None) -> str:
    """An HTML document or fragment typeset; `lang` is the language of text outside
    any `lang` attribute (a document's <html lang> sets its own).

    One pass over the document, each character read a bounded number of times
    whatever the markup (unclosed or deeply nested elements included)."""
    lowered = None  # the document in lowercase, made when a raw-text element needs it
    parts: list[str] = []
    stack: list[_Open] = []  # elements that change the rules, innermost last
    open_by_name: dict[str, list[_Open]] = {}
    rules = rules_for(lang)
    previous = ""
    position, size = 0, len(document)

    def text(segment: str) -> None:
        nonlocal previous
        if not segment:
            return
        if segment.isspace():
            parts.append(segment)
            previous = " "
            return
        parts.append(_typeset_segment(segment, rules, previous) if rules else segment)
        previous = segment[-1]

    while position < size:
        found = _MARKUP_START.search(document, position)
        if found is None:
            break
        start = found.start()
        text(document[position:start])
        if document.startswith("<!--", start):
            end = document.find("-->", start + 4)
            end = size if end == -1 else end + 3
            parts.append(document[start:end])
            position = end
            continue
        end = _tag_end(document, start + 1)
        if end == -1:  # no tag ends before the document does: the rest is kept as it is
            parts.append(document[start:])
            position = size
            break
        tag = document[start:end]
        parts.append(tag)
        position = end
        named = _TAG_NAME.match(tag, 1)
        if named is None:  # <!DOCTYPE …>, <?…?>
            continue
        name = named[1].lower()
        if tag[1] == "/":
            opened = open_by_name.get(name)
            if opened:
                opened[-1].depth -= 1
                if opened[-1].depth == 0:
                    target = opened[-1]
                    while True:  # close it, and what it holds that was left open
                        closed = stack.pop()
                        open_by_name[closed.name].pop()
                        if closed is target:
                            break
                    rules = stack[-1].rules if stack else rules_for(lang)
                    previous = ""
            continue
        if name in RAW_TEXT_ELEMENTS and not tag.endswith("/>"):
            if lowered is None:
                lowered = document.lower()
            close = lowered.find(f"</{name}", position)
            close = size if close == -1 else close
            inner = document[position:close]
            if name == "title" and rules and inner and not inner.isspace():
                inner = _typeset_segment(inner, rules, "", raise_ordinals=False)
            parts.append(inner)
            position = close
            continue
        if name in VOID_ELEMENTS or tag.endswith("/>"):
            continue
        language = _LANG_ATTRIBUTE.search(tag)
        if name in SKIPPED_ELEMENTS or (stack and stack[-1].rules is None):
            element = _Open(name, None)  # nothing is typeset inside a skipped element
        elif language:
            element = _Open(name, rules_for(language[1]))
        else:
            opened = open_by_name.get(name)
            if opened:  # `<div lang="en"><div>…</div>`: the inner end tag is not the outer one's
                opened[-1].depth += 1
            continue
        stack.append(element)
        open_by_name.setdefault(name, []).append(element)
        rules = element.rules
        previous = ""
    text(document[position:])
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
