"""Export the content types as JSON Schema files in schemas/ (`make schemas`).

Editors' code editors read them through the first line of each YAML file
(`# yaml-language-server: $schema=../../schemas/startup.json`) to complete
field names and values and to flag mistakes while typing. `make schemas` also
writes the CMS's configuration from the same models (tools/cms_config.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TO_FILL = "x-llv-to-fill"  # llv.model.schema.TO_FILL


def _localize(node, languages, default):
    """Text per language: the declared languages as properties, the default one
    required (or every one: `localized(…, every_language=True)`)."""
    if isinstance(node, dict):
        node.pop("x-llv-widget", None)  # for the CMS (tools/cms_config.py)
        localized = node.pop("x-llv-localized", False)
        if localized:
            title = node.get("title")
            text = next(iter(node.get("patternProperties", {}).values()), {"type": "string"})
            every = localized == "every"
            node.clear()
            node.update({
                **({"title": title} if title else {}),
                "type": "object",
                "description": "Text in every language" if every else
                               f"Text per language; `{default}` is required, the others optional",
                "properties": {code: {**text, "minLength": 1} for code in languages},
                "required": list(languages) if every else [default],
                "additionalProperties": False,
            })
            return node
        for value in node.values():
            _localize(value, languages, default)
    elif isinstance(node, list):
        for value in node:
            _localize(value, languages, default)
    return node


def _strip_nulls(node):
    """`X | None` fields: editors simply leave them out, null is not offered."""
    if isinstance(node, dict):
        if "default" in node and node["default"] is None:
            del node["default"]
        any_of = node.get("anyOf")
        if node.pop(TO_FILL, False):  # a legal fact not known yet stays empty: null allowed
            node["description"] = (node.get("description", "") + " (leave empty while unknown: "
                                   "the pages show it as to be completed)").lstrip()
        elif isinstance(any_of, list) and {"type": "null"} in any_of:
            rest = [s for s in any_of if s != {"type": "null"}]
            if len(rest) == 1:
                del node["anyOf"]
                node.update(rest[0])
        for value in list(node.values()):
            _strip_nulls(value)
    elif isinstance(node, list):
        for value in node:
            _strip_nulls(value)
    return node


def model_schema(model, settings) -> dict:
    """A model's JSON Schema, text per language spelled out for the site's languages."""
    schema = model.model_json_schema(by_alias=True)
    return _strip_nulls(_localize(schema, list(settings["LANGUAGES"]), settings["DEFAULT_LANG"]))


def schemas(settings_file: Path = ROOT / "pelicanconf.py") -> dict[str, str]:
    """File name -> JSON text of every content type's schema."""
    from pelican.settings import read_settings

    from llv.model.registry import CONTENT_TYPES, DATA_FILES

    settings = read_settings(str(settings_file))
    files = {}
    for content_type in [*CONTENT_TYPES.values(), *DATA_FILES.values()]:
        schema = model_schema(content_type.model, settings)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{content_type.name}.json"
        files[f"{content_type.name}.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return files


def main() -> int:
    from tools.cms_config import CONFIG_FILE, config_text

    folder = ROOT / "schemas"
    folder.mkdir(exist_ok=True)
    for name, text in schemas().items():
        (folder / name).write_text(text, encoding="utf-8")
        print(f"schemas/{name}")
    (ROOT / CONFIG_FILE).write_text(config_text(), encoding="utf-8")
    print(CONFIG_FILE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
