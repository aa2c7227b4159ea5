"""From a pydantic ValidationError to `path:line: field: message` issues."""

from __future__ import annotations

import datetime as dt
import types
import typing

from pydantic import BaseModel, ValidationError

from llv.model.errors import ContentIssue, describe, did_you_mean, field_name
from llv.model.yamlfile import LoadedYaml

# Errors raised by a model's own checks, attached to the field they are about.
MODEL_CHECK_FIELDS = {"end": ("end",), "call": ("closes",), "call_kind": ("opens",)}

_EXPECTED = {
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_type": "expected a number",
    "bool_type": "expected true or false",
    "list_type": "expected a list (one `- item` per line)",
    "dict_type": "expected `field: value` lines",
    "model_type": "expected `field: value` lines",
    "model_attributes_type": "expected `field: value` lines",
    "string_pattern_mismatch": "expected a language code like `fr` or `en`",
}


def _quote_hint(kind: str, value) -> str:
    """How to keep as text a value YAML read as something else."""
    if kind != "string_type":
        return ""
    what = ("a boolean" if isinstance(value, bool) else "a number" if isinstance(value, (int, float))
            else "a date" if isinstance(value, dt.date) else None)
    return f" (YAML reads it as {what}: put it in quotes to keep it as text)" if what else ""


def _model_at(model: type[BaseModel], loc) -> type[BaseModel] | None:
    """The model describing the mapping at `loc`, for 'did you mean' hints."""
    current = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return None
        candidates = [info.annotation]
        found = None
        while candidates:
            annotation = candidates.pop()
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                found = annotation
                break
            origin = typing.get_origin(annotation)
            if origin in (typing.Union, types.UnionType, list, typing.Annotated):
                candidates.extend(typing.get_args(annotation))
        if found is None:
            return None
        current = found
    return current


def _field_names(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _trim(loc, data):
    """Keep the parts of `loc` that are keys or indexes of the data (drops union tags)."""
    kept, node = [], data
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(node, dict) and part in node:
            kept.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            kept.append(part)
            node = node[part]
        elif isinstance(node, dict) and not isinstance(part, int) and str(part) not in node:
            kept.append(part)  # a missing field
            break
        else:
            break
    return tuple(kept)


def issues_from_validation(error: ValidationError, model: type[BaseModel],
                           loaded: LoadedYaml, path: str) -> list[ContentIssue]:
    grouped: dict[tuple, list[str]] = {}
    lines: dict[tuple, int] = {}
    for detail in error.errors(include_url=False):
        kind = detail["type"]
        loc = _trim(detail["loc"], loaded.data)
        if not loc and kind in MODEL_CHECK_FIELDS:
            loc = MODEL_CHECK_FIELDS[kind]
        found = describe(detail.get("input"))
        if kind == "missing":
            message = "this required field is missing"
            line = loaded.line_of(loc[:-1])
        elif kind == "extra_forbidden":
            here = _model_at(model, loc[:-1])
            allowed = _field_names(here) if here else []
            hint = did_you_mean(loc[-1], allowed)
            message = "unknown field" + (hint or (f"; expected one of: {', '.join(allowed)}" if allowed else ""))
            line = loaded.line_of(loc)
        else:
            line = loaded.line_of(loc)
            if kind in _EXPECTED:
                message = f"{_EXPECTED[kind]}, found {found}" + _quote_hint(kind, detail.get("input"))
            elif kind == "literal_error":
                message = f"expected {detail['ctx']['expected']}, found {found}"
            elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
                bound = next(iter(detail["ctx"].values()))
                word = "at least" if kind.startswith("greater") else "at most"
                message = f"expected a number {word} {bound}, found {found}"
            elif detail.get("ctx") is None and kind not in ("value_error", "assertion_error"):
                message = detail["msg"]  # our own messages already say what was found
            else:
                message = f"{detail['msg']}, found {found}"
        grouped.setdefault(loc, [])
        if message not in grouped[loc]:
            grouped[loc].append(message)
        lines.setdefault(loc, line)
    issues = []
    for loc, messages in grouped.items():
        if len(messages) > 1 and all(m.startswith("expected") for m in messages):
            found = messages[0].rsplit(", found ", 1)[-1]
            wanted = [m.rsplit(", found ", 1)[0].removeprefix("expected ") for m in messages]
            messages = ["expected " + " or ".join(wanted) + f", found {found}"]
        for message in messages:
            issues.append(ContentIssue(path, lines[loc], field_name(loc), message))
    return issues
