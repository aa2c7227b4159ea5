"""YAML loaded with the line of every key, so that errors point at it."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from llv.model.errors import ContentIssue, describe, field_name


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
    "could not find expected ':'": " (each line is `field: value`; is a `:` or a quote missing?)",
}
# The character libyaml stopped at (its messages do not always name it).
CHARACTER_HINTS = {
    "\t": " (indent with spaces, not tabs)",
    "@": " (a value starting with `@` or a backquote must be put in quotes)",
    "`": " (a value starting with `@` or a backquote must be put in quotes)",
}
ALIAS_MESSAGE = ("YAML anchors and aliases (`&name`, `*name`) are not supported: write the value"
                 " out each time (a text starting with `&` or `*` must be put in quotes)")


def _hint(problem: str, text: str, mark) -> str:
    found = next((hint for known, hint in YAML_HINTS.items() if known in problem), "")
    if not found and mark is not None and 0 <= mark.index < len(text):
        found = CHARACTER_HINTS.get(text[mark.index], "")
    return found


# Plain (unquoted) values YAML 1.2 reads as numbers or booleans, the rules of
# the CMS and of code editors; PyYAML reads YAML 1.1, which differs on others.
YAML12_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
YAML12_NUMBER = re.compile(r"[-+]?(0|[1-9][0-9]*)([eE][-+][0-9]+)?|[-+]?[0-9]*\.[0-9]*([eE][-+][0-9]+)?")
YAML12_ONLY_NUMBER = re.compile(r"[-+]?[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+")


def _number(value) -> str:
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else str(value)


def yaml11_surprise(node: ScalarNode, value) -> str | None:
    """Why a plain value does not mean what an editor reads, and how to write
    it; None when it does. PyYAML reads YAML 1.1 (`0100` is 64, `no` is false),
    the CMS and code editors YAML 1.2: a value must mean the same to both."""
    if node.style:  # quoted, or a block of text (libyaml: "" when plain)
        return None
    text = node.value
    quote = f"put it in quotes ('{text}') to keep it as text"
    if isinstance(value, bool):
        if YAML12_BOOL.fullmatch(text):
            return None
        word = "true" if value else "false"
        return f"`{text}` is read as the boolean {word}: {quote}, or write {word}"
    if isinstance(value, (int, float)):
        if YAML12_NUMBER.fullmatch(text) and math.isfinite(value):
            return None
        if not math.isfinite(value):
            return f"`{text}` is read as infinity or not-a-number: write a number, or {quote}"
        if ":" in text:
            return f"`{text}` is read as the number {_number(value)} (base 60): {quote}"
        meant = _number(value)
        if "_" in text:
            why = f"has a `_`, which YAML readers read as {meant} or as text"
        elif text.lstrip("+-").lower().startswith(("0x", "0b")):
            why = f"is read as the {'hexadecimal' if 'x' in text.lower() else 'binary'} number {meant}"
        else:
            why, meant = f"starts with 0, which YAML reads as an octal number ({meant})", int(text)
        return f"`{text}` {why}: write {meant}, or {quote}"
    if isinstance(value, str) and YAML12_ONLY_NUMBER.fullmatch(text):
        meant = _number(int(text, 0) if text.startswith("0o") or text.startswith("0x") else float(text))
        return (f"`{text}` is read as text by some YAML readers and as the number {meant} by"
                f" others: write {meant}, or {quote}")
    return None


# libyaml's parser when PyYAML has it (about 5× faster); same nodes and marks.
COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Builder:
    def __init__(self, path: str, line_offset: int, result: LoadedYaml):
        self.path, self.offset, self.result = path, line_offset, result
        self.constructor = yaml.SafeLoader("")
        self.seen: set[int] = set()
        self.alias_found = False

    def line(self, node) -> int:
        return node.start_mark.line + 1 + self.offset

    def issue(self, node, loc, message):
        name = field_name(loc)
        self.result.issues.append(ContentIssue(self.path, self.line(node), name, message))

    def build(self, node, loc=()):
        if id(node) in self.seen:  # reached a second time: an alias (`*name`)
            if not self.alias_found:  # one message per file is enough
                self.alias_found = True
                name = field_name(loc)
                self.result.issues.append(
                    ContentIssue(self.path, self.result.line_of(loc), name, ALIAS_MESSAGE))
            return None
        self.result.lines.setdefault(loc, self.line(node))
        self.seen.add(id(node))
        if isinstance(node, MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        value = self._scalar(node, loc)
        surprise = yaml11_surprise(node, value)
        if surprise:
            self.issue(node, loc, surprise)
            return None
        return value

    def _scalar(self, node: ScalarNode, loc):
        try:
            return self.constructor.construct_object(node, deep=True)
        except Exception as error:  # e.g. 2022-13-45 matches the timestamp form
            found = describe(node.value)
            if node.tag.endswith(":timestamp"):
                self.issue(node, loc, f"expected a date like 2022-10-14, found {found} ({error})")
            else:
                self.issue(node, loc, f"cannot read the value {found} ({str(error)[:80]})")
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


MAX_DEPTH = 50  # content is a few levels deep; libyaml's composer recurses (and can crash)


def _refused_event(text: str, line_offset: int):
    """(line, message) of the first anchor, alias or too deep nesting, or None;
    read from the parser's events, before any node is built."""
    depth = 0
    for event in yaml.parse(text, Loader=COMPOSER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return event.start_mark.line + 1 + line_offset, ALIAS_MESSAGE
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return (event.start_mark.line + 1 + line_offset,
                        f"this YAML is nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return None


def compose_yaml(text: str, path: str, line_offset: int = 0):
    """(root node or None, issues) of one YAML document; never raises.

    Anchors and aliases are refused before any node is built: editors need
    none, and aliases expand exponentially (a few hundred bytes can ask for
    gigabytes); so is nesting deeper than MAX_DEPTH."""
    def issue(line, message):
        return None, [ContentIssue(path, line, None, message)]

    try:
        refused = _refused_event(text, line_offset)
        if refused is not None:
            return issue(*refused)
        return yaml.compose(text, Loader=COMPOSER), []
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark and mark.line >= text.count("\n"):
            mark = error.context_mark  # stopped at the end: where the unclosed part opened
        line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
        problem = " ".join(filter(None, [error.context, error.problem])) or "invalid YAML"
        if "maximum nesting depth" in problem:  # PyYAML 6.0.4 and later stop there themselves
            return issue(line, f"this YAML is nested more than {MAX_DEPTH} levels deep")
        problem += _hint(problem, text, error.problem_mark)
        return issue(line, f"this is not valid YAML: {problem}")
    except yaml.YAMLError as error:
        return issue(1 + line_offset, f"this is not valid YAML: {error}")
    except RecursionError:
        return issue(1 + line_offset, "this YAML is nested too deeply")


def load_yaml(text: str, path: str, line_offset: int = 0) -> LoadedYaml:
    """Parse one YAML document; problems become issues, never exceptions."""
    result = LoadedYaml()
    node, result.issues = compose_yaml(text, path, line_offset)
    if node is None:
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
