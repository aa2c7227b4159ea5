"""The content types: which model, which folder, which URL section.

Validation, the page generators, `make schemas`, the editors' guide and later
a CMS configuration all read this table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .schema import (
    ContentModel, Event, LegalFacts, NewsFrontMatter, PageFrontMatter, Partner, Startup,
)


@dataclass(frozen=True)
class ContentType:
    name: str  # singular, used in messages and schema file names
    model: type[ContentModel]
    folder: str  # under content/
    section: str | None  # key of LANGUAGES[...]["sections"]; None: no pages (yet)
    body_field: str | None = None  # `<key>.<lang>.md` beside the YAML fills this text
    references: dict[str, tuple[str, ...]] = field(default_factory=dict)  # field -> types


CONTENT_TYPES: dict[str, ContentType] = {
    t.name: t
    for t in (
        ContentType("startup", Startup, "startups", "startups", body_field="description"),
        ContentType("partner", Partner, "partners", "partners"),
        ContentType(
            "event", Event, "events", "agenda", body_field="description",
            references={
                "organisers": ("partner", "startup"),
                "partners": ("partner",),
                "startups": ("startup",),
            },
        ),
    )
}



@dataclass(frozen=True)
class DataFile:
    """One YAML file of facts that pages read (not a folder of items)."""

    name: str  # used in messages and the schema file name
    model: type[ContentModel]
    path: str  # under content/


DATA_FILES: dict[str, DataFile] = {
    d.name: d for d in (DataFile("legal", LegalFacts, "data/legal.yaml"),)
}

# Markdown files read by Pelican; their front matter is validated by the reader.
FRONT_MATTER_MODELS: dict[str, type[ContentModel]] = {
    "pages": PageFrontMatter,
    "news": NewsFrontMatter,
}
FRONT_MATTER_REFERENCES = {"news": {"startups": ("startup",)}}

SCHEMA_FOLDER = "schemas"


def schema_comment(content_type: ContentType | DataFile) -> str:
    """First line of every YAML file of this type (yaml-language-server)."""
    return f"# yaml-language-server: $schema=../../{SCHEMA_FOLDER}/{content_type.name}.json"
