"""What a template render reads: the context names it looks up, the templates it uses.

Jinja looks up every name a template (or a template it includes, or a
`pass_context` function it calls) uses through its Context; RecordingContext
notes each name while a `recording_reads()` block is active. (Jinja hands an
included template `context.get_all()`, and the included template's lookups are
recorded in turn; a `pass_context` function must look names up one by one with
`context.get()`, never read `get_all()`.) Templates
included, imported or extended are found statically from the source (a name
computed at render time means "every template").
"""

from __future__ import annotations

import hashlib
from contextlib import contextmanager

from jinja2 import meta
from jinja2.runtime import Context

_active: list[set[str]] = []


class RecordingContext(Context):
    def resolve_or_missing(self, key):
        if _active:
            _active[-1].add(key)
        return super().resolve_or_missing(key)

    def __contains__(self, name):
        if _active:
            _active[-1].add(name)
        return super().__contains__(name)


@contextmanager
def recording_reads():
    names: set[str] = set()
    _active.append(names)
    try:
        yield names
    finally:
        _active.pop()


@contextmanager
def not_recording():
    """Lookups that are not the page's own (replaying, digesting)."""
    saved = list(_active)
    _active.clear()
    try:
        yield
    finally:
        _active.extend(saved)


class TemplateSources:
    """Digest of a template and of every template it may pull in, per environment."""

    def __init__(self, environment):
        self.environment = environment
        self._closures: dict[str, frozenset[str]] = {}
        self._sources: dict[str, str] = {}
        self._digests: dict[str, str] = {}

    def _source(self, name: str) -> str:
        if name not in self._sources:
            source, _, _ = self.environment.loader.get_source(self.environment, name)
            self._sources[name] = source
        return self._sources[name]

    def _closure(self, name: str) -> frozenset[str]:
        if name in self._closures:
            return self._closures[name]
        seen, pending = set(), [name]
        while pending:
            current = pending.pop()
            if current in seen:
                continue
            seen.add(current)
            tree = self.environment.parse(self._source(current))
            for referenced in meta.find_referenced_templates(tree):
                if referenced is None:  # a name computed at render time
                    seen |= set(self.environment.list_templates())
                    pending.clear()
                    break
                pending.append(referenced)
        self._closures[name] = frozenset(seen)
        return self._closures[name]

    def digest(self, name: str) -> str:
        if name not in self._digests:
            hasher = hashlib.blake2b(digest_size=16)
            for member in sorted(self._closure(name)):
                hasher.update(member.encode() + b"\0" + self._source(member).encode() + b"\0")
            self._digests[name] = hasher.hexdigest()
        return self._digests[name]
