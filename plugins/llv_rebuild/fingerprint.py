"""Stable digests of the values a page is rendered from.

`Fingerprinter.digest(value)` walks a value deeply (containers, dataclasses,
objects' attributes) and returns 16 bytes that change whenever something
reachable from it changes, and never between two builds of the same sources:
no `id()`, no memory address, dictionaries in their (deterministic) order,
sets sorted. Digests of objects are memoized for one build, so a list shared
by thousands of pages is walked once.

Cycles are written as back-references by distance; what is part of a cycle is
never memoized (its digest depends on where the walk entered the cycle), so
view objects should not point back at their containers.

Pelican's own content objects (articles, pages) are special: a few of their
attributes are left out (_CONTENT_LEFT_OUT), and a content object inside a
content object inside another one (a translation's translation) counts by
its source path.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import types
from typing import Any, Callable

from markupsafe import Markup

DIGEST_SIZE = 16
_NO_BACKREF = 1 << 30
# Of a Pelican content object: the whole site, the settings (in the site's
# fingerprint), `metadata` (Pelican copies each entry to an attribute, which
# counts) and the line of each front-matter field (for error messages only).
_CONTENT_LEFT_OUT = frozenset({"_context", "settings", "metadata", "field_lines"})
# What Pelican replaces in a text with another item's URL (INTRASITE_LINK_REGEX).
_INTRASITE_LINK = re.compile(r"[{|](filename|static|attach|index|tag|category|author)[|}]")


def _new():
    return hashlib.blake2b(digest_size=DIGEST_SIZE)


class Fingerprinter:
    """Digests for one build. `opaque` maps a type to a function giving its key:
    objects of these types (and `identities`, compared by identity) count by
    that key only, because their state is covered by the site's fingerprint."""

    def __init__(self, opaque: dict[type, Callable[[Any], str]] | None = None,
                 identities: dict[int, str] | None = None,
                 links_digest: Callable[[], bytes] | None = None):
        self._opaque = dict(opaque or {})
        self._identities = dict(identities or {})
        self._links_digest = links_digest
        self._memo: dict[tuple[int, int], tuple[bytes, Any]] = {}
        self._categories: dict[type, tuple] = {}  # type -> _categorize(type)
        self._field_names: dict[type, tuple[str, ...]] = {}
        self._top: dict[int, bytes] = {}
        self._texts: dict[str, bytes] = {}
        self._content_type = _pelican_content_type()

    def digest(self, value) -> bytes:
        kind = type(value)
        if kind is str:  # page titles, URLs, languages: the same ones again and again
            return self._text(value)[1:]
        if kind not in _SCALARS:
            identity = id(value)
            top = self._top.get(identity)
            if top is not None:  # what thousands of pages share: walked once
                return top
            known = self._memo.get((identity, 0))
            if known is not None:  # `known` keeps the value alive: its id stays its own
                top = self._top[identity] = _top_digest(known[0])
                return top
        hasher = _new()
        self._feed(hasher, value, {}, [])
        return hasher.digest()

    def _text(self, text: str) -> bytes:
        """b"S" and the digest of `text`: the token a string adds to its container."""
        known = self._texts.get(text)
        if known is None:
            hasher = _new()
            _feed_text(hasher, b"s", text)
            known = self._texts[text] = b"S" + hasher.digest()
        return known

    # -- the walk ----------------------------------------------------------------------

    def _feed(self, hasher, value, on_stack: dict[int, int], stack: list, level: int = 0) -> int:
        """Add `value` to `hasher`; return the smallest stack depth it refers back to.

        `level` counts the content objects above: a content object inside a
        content object inside another one counts by its source path only."""
        kind = type(value)
        if kind is str:
            hasher.update(self._texts.get(value) or self._text(value))
            return _NO_BACKREF
        if kind is Markup:
            _feed_text(hasher, b"M", value)
            return _NO_BACKREF
        if value is None or kind is bool or kind is int or kind is float:
            _feed_text(hasher, b"p", repr(value))
            return _NO_BACKREF
        identity = id(value)
        known = self._memo.get((identity, level))
        if known is not None:
            hasher.update(b"d" + known[0])
            return _NO_BACKREF
        key = self._identities.get(identity)
        if key is not None:
            _feed_text(hasher, b"i", key)
            return _NO_BACKREF
        try:
            category, key_of, type_tag = self._categories[kind]
        except KeyError:
            category, key_of, type_tag = self._categories[kind] = self._categorize(kind)
        if category is _WALK:
            is_content = False
        elif category is _CONTENT:
            if level >= 2:
                _feed_text(hasher, b"c", f"{kind.__qualname__}:{getattr(value, 'source_path', '')}")
                return _NO_BACKREF
            is_content = True
        elif category is _OPAQUE:
            _feed_text(hasher, b"o", key_of(value))
            return _NO_BACKREF
        elif category is _PLAIN:
            _feed_text(hasher, b"v", f"{kind.__qualname__}:{value!r}")
            return _NO_BACKREF
        else:  # _CODE
            _feed_text(hasher, b"f", f"{getattr(value, '__module__', '')}."
                                     f"{getattr(value, '__qualname__', repr(kind))}")
            return _NO_BACKREF
        depth = on_stack.get(identity)
        if depth is not None:
            _feed_text(hasher, b"r", str(len(stack) - depth))
            return depth
        memo_key = (identity, level)
        depth = len(stack)
        on_stack[identity] = depth
        stack.append(value)
        child = _new()
        child.update(type_tag if type_tag is not None else self._type_tag(kind))
        lowest = _NO_BACKREF
        child_level = level + 1 if is_content else level
        texts, update, feed = self._texts, child.update, self._feed
        try:
            for part in (self._content_parts(value) if is_content else self._parts(value)):
                if type(part) is str:  # most parts: attribute names, keys, short texts
                    update(texts.get(part) or self._text(part))
                    continue
                back = feed(child, part, on_stack, stack, child_level)
                if back < lowest:
                    lowest = back
        finally:
            stack.pop()
            del on_stack[identity]
        digest = child.digest()
        hasher.update(b"d" + digest)
        if lowest == _NO_BACKREF:
            # Only what is not part of a cycle: its digest is the same from
            # wherever the walk comes.
            self._memo[memo_key] = (digest, value)  # keeps `value` alive: ids stay unique
        return lowest if lowest < depth else _NO_BACKREF

    def _categorize(self, kind: type) -> tuple:
        """How values of `kind` are digested: (category, key function of an opaque
        type, the bytes that start a walked value's digest)."""
        for opaque_type, key_of in self._opaque.items():
            if issubclass(kind, opaque_type):
                return _OPAQUE, lambda value: f"{opaque_type.__qualname__}:{key_of(value)}", None
        if self._content_type is not None and issubclass(kind, self._content_type):
            return _CONTENT, None, self._type_tag(kind)
        if issubclass(kind, (str, bytes, int, float, complex, dt.date, dt.time, dt.timedelta,
                             dt.tzinfo)) or \
                kind.__module__ in ("decimal", "pathlib", "enum", "uuid", "fractions"):
            return _PLAIN, None, None
        if issubclass(kind, (types.FunctionType, types.BuiltinFunctionType, types.MethodType,
                             type, types.ModuleType)):
            return _CODE, None, None
        return _WALK, None, self._type_tag(kind)

    @staticmethod
    def _type_tag(kind: type) -> bytes:
        name = f"{kind.__module__}.{kind.__qualname__}".encode("utf-8", "surrogatepass")
        return b"t" + str(len(name)).encode() + b":" + name

    def _parts(self, value) -> list:
        """What makes `value`: a flat sequence of keys and values to digest."""
        if isinstance(value, dict):
            return [part for pair in value.items() for part in pair]
        if isinstance(value, (list, tuple)):
            return [len(value), *value]
        if isinstance(value, (set, frozenset)):
            digests = sorted(self.digest(item) for item in value)
            return [len(digests), *(d.hex() for d in digests)]
        names = self._field_names.get(type(value))
        if names is None:
            names = self._field_names[type(value)] = (
                tuple(field.name for field in dataclasses.fields(value))
                if dataclasses.is_dataclass(value) else ())
        if names:
            return [part for name in names for part in (name, getattr(value, name))]
        attributes = getattr(value, "__dict__", None)
        slots = [name for cls in type(value).__mro__ for name in getattr(cls, "__slots__", ())
                 if isinstance(name, str) and not name.startswith("__")]
        if attributes is None and not slots:
            return [repr(value)]
        parts = [part for name in sorted(attributes or ()) for part in (name, attributes[name])]
        for name in slots:
            if hasattr(value, name):
                parts += (name, getattr(value, name))
        return parts

    def _content_parts(self, content):
        fields = vars(content)
        for name in sorted(fields):
            if name not in _CONTENT_LEFT_OUT:
                yield name
                yield fields[name]
        text = fields.get("_content") or ""
        if self._links_digest is not None and _INTRASITE_LINK.search(text):
            yield "intrasite links"
            yield self._links_digest().hex()


_SCALARS = frozenset({str, Markup, int, float, bool, type(None)})
# How a value is digested (Fingerprinter._categorize): by key, by source path
# when nested, by repr, by qualified name, or walked.
_OPAQUE, _CONTENT, _PLAIN, _CODE, _WALK = "opaque", "content", "plain", "code", "walk"


def _top_digest(inner: bytes) -> bytes:
    hasher = _new()
    hasher.update(b"d" + inner)
    return hasher.digest()


def _feed_text(hasher, tag: bytes, text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    hasher.update(tag + str(len(data)).encode() + b":" + data)


def _pelican_content_type():
    try:
        from pelican.contents import Content
    except ImportError:  # pragma: no cover - the fingerprint is usable without Pelican
        return None
    return Content


def digest_hex(*parts: bytes | str) -> str:
    hasher = _new()
    for part in parts:
        _feed_text(hasher, b"x", part if isinstance(part, str) else part.hex())
    return hasher.hexdigest()
