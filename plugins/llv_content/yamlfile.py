"""YAML loaded with the line of every key, so that errors point at it."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .errors import ContentIssue, describe


@dataclass
class LoadedYaml:
    data: object = None
    lines: dict[tuple, int] = field(default_factory=dict)  # path of keys/indexes -> line
    issues: list[ContentIssue] = field(default_factory=list)

    def line_of(self, loc) -> int:
        """Line of the deepest known part of `loc` (the parent of a missing field)."""
        loc = tuple(loc)
        while loc and loc not in self.lines:
            loc = loc[:-1]
        return self.lines.get(loc, 1)


YAML_HINTS = {
    "mapping values are not allowed": " (a text containing `: ` must be put in quotes)",
    "found character '\\t'": " (indent with spaces, not tabs)",
    "could not find expected ':'": " (each line is `field: value`; is a `:` or a quote missing?)",
    "found undefined alias": " (a value starting with `*` must be put in quotes)",
    "found character '@'": " (a value starting with `@` or a backquote must be put in quotes)",
}


# libyaml's parser when PyYAML has it (about 5× faster); same nodes and marks.
COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Builder:
    def __init__(self, path: str, line_offset: int, result: LoadedYaml):
        self.path, self.offset, self.result = path, line_offset, result
        self.constructor = yaml.SafeLoader("")
        self.active: set[int] = set()

    def line(self, node) -> int:
        return node.start_mark.line + 1 + self.offset

    def issue(self, node, loc, message):
        name = ".".join(str(p) for p in loc) or None
        self.result.issues.append(ContentIssue(self.path, self.line(node), name, message))

    def build(self, node, loc=()):
        self.result.lines.setdefault(loc, self.line(node))
        if id(node) in self.active:
            self.issue(node, loc, "a YAML alias refers to itself; write the value out instead")
            return None
        if isinstance(node, MappingNode):
            self.active.add(id(node))
            try:
                return self._mapping(node, loc)
            finally:
                self.active.discard(id(node))
        if isinstance(node, SequenceNode):
            self.active.add(id(node))
            try:
                return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
            finally:
                self.active.discard(id(node))
        return self._scalar(node, loc)

    def _scalar(self, node: ScalarNode, loc):
        try:
            return self.constructor.construct_object(node, deep=True)
        except Exception as error:  # e.g. 2022-13-45 matches the timestamp form
            if node.tag.endswith(":timestamp"):
                self.issue(node, loc, f"expected a date like 2022-10-14, found {node.value!r} ({error})")
            else:
                self.issue(node, loc, f"cannot read the value {node.value!r} ({error})")
            return None

    def _mapping(self, node: MappingNode, loc):
        result = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.issue(key_node, loc, "YAML merge keys (`<<`) are not supported; write the fields out")
                continue
            if not isinstance(key_node, ScalarNode):
                self.issue(key_node, loc, "a field name must be a single word, found a list or mapping")
                continue
            key = self._scalar(key_node, loc)
            if key is None:
                key = key_node.value
            if not isinstance(key, str):
                key = str(key) if not isinstance(key, (bool, float)) else key_node.value
            if key in result:
                first = self.result.lines.get((*loc, key))
                self.issue(key_node, (*loc, key),
                           f"this field is written twice (first on line {first}); keep one")
                continue
            self.result.lines[(*loc, key)] = self.line(key_node)
            result[key] = self.build(value_node, (*loc, key))
        return result


def load_yaml(text: str, path: str, line_offset: int = 0) -> LoadedYaml:
    """Parse one YAML document; problems become issues, never exceptions."""
    result = LoadedYaml()
    try:
        node = yaml.compose(text, Loader=COMPOSER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
        problem = " ".join(filter(None, [error.context, error.problem])) or "invalid YAML"
        problem += next((hint for known, hint in YAML_HINTS.items() if known in problem), "")
        result.issues.append(ContentIssue(path, line, None, f"this is not valid YAML: {problem}"))
        return result
    except yaml.YAMLError as error:
        result.issues.append(ContentIssue(path, 1 + line_offset, None, f"this is not valid YAML: {error}"))
        return result
    except RecursionError:
        result.issues.append(ContentIssue(path, 1 + line_offset, None, "this YAML is nested too deeply"))
        return result
    except UnicodeError as error:  # pragma: no cover - text already decoded
        result.issues.append(ContentIssue(path, 1, None, f"cannot read the file: {error}"))
        return result
    if node is None:
        result.data = None
        return result
    builder = _Builder(path, line_offset, result)
    try:
        result.data = builder.build(node)
    except RecursionError:
        result.issues.append(ContentIssue(path, 1 + line_offset, None, "this YAML is nested too deeply"))
        result.data = None
    return result


def expect_mapping(loaded: LoadedYaml, path: str, line: int = 1) -> dict | None:
    if loaded.issues and loaded.data is None:
        return None
    if loaded.data is None:
        loaded.issues.append(ContentIssue(path, line, None, "the file is empty: expected `field: value` lines"))
        return None
    if not isinstance(loaded.data, dict):
        loaded.issues.append(ContentIssue(
            path, line, None,
            f"expected `field: value` lines, found {describe(loaded.data)}"))
        return None
    return loaded.data
