"""The content types: which model, which folder, which URL section.

Validation, the page generators, `make schemas`, the editors' guide and the
CMS at /admin/ (tools/cms_config.py) all read this table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from llv.model.schema import (
    ContentModel, Event, KeyFigures, LegalFacts, NewsFrontMatter, PageFrontMatter, Partner,
    Redirects, Startup,
)


@dataclass(frozen=True)
class ContentType:
    name: str  # singular, used in messages and schema file names
    model: type[ContentModel]
    folder: str  # under content/
    section: str | None  # key of LANGUAGES[...]["sections"]; None: no pages (yet)
    body_field: str | None = None  # `<key>.<lang>.md` beside the YAML fills this text
    references: dict[str, tuple[str, ...]] = field(default_factory=dict)  # field -> types
    label: str = ""  # French, plural: the CMS's name for the collection
    texts_label: str = ""  # French: the CMS's name for the long texts (body_field)


CONTENT_TYPES: dict[str, ContentType] = {
    t.name: t
    for t in (
        ContentType("startup", Startup, "startups", "startups", body_field="description",
                    label="Start-up", texts_label="Start-up : textes longs"),
        ContentType("partner", Partner, "partners", "partners", label="Partenaires"),
        ContentType(
            "event", Event, "events", "agenda", body_field="description",
            references={
                "organisers": ("partner", "startup"),
                "partners": ("partner",),
                "startups": ("startup",),
            },
            label="Agenda : événements et appels à projets",
            texts_label="Agenda : textes longs",
        ),
    )
}



@dataclass(frozen=True)
class DataFile:
    """One YAML file of facts that pages read (not a folder of items); a missing
    file is no mistake (its readers say what they do without it)."""

    name: str  # used in messages and the schema file name
    model: type[ContentModel]
    path: str  # under content/
    in_cms: bool = True  # a form at /admin/, titled with the model's French title


DATA_FILES: dict[str, DataFile] = {
    d.name: d
    for d in (
        DataFile("legal", LegalFacts, "data/legal.yaml"),
        DataFile("key-figures", KeyFigures, "data/key-figures.yaml"),
        DataFile("redirects", Redirects, "redirects.yaml"),
    )
}

# Markdown files read by Pelican; their front matter is validated by the reader.
FRONT_MATTER_MODELS: dict[str, type[ContentModel]] = {
    "pages": PageFrontMatter,
    "news": NewsFrontMatter,
}
FRONT_MATTER_KINDS = {"pages": "page", "news": "news"}  # llv.common.items.KINDS
FRONT_MATTER_REFERENCES = {"news": {"startups": ("startup",)}}
FRONT_MATTER_LABELS = {"pages": "Pages", "news": "Actualités"}  # French, for the CMS

# The Markdown text of a page, a news post or a long text, as the CMS shows it.
BODY_LABEL = "Texte"
BODY_HELP = ("En Markdown. Chaque image a un texte alternatif : ce qu'elle montre, lu aux "
             "personnes aveugles. Une image purement décorative s'écrit, en mode Markdown, "
             "`![](images/frise.png){.decorative}`.")

SCHEMA_FOLDER = "schemas"


def schema_comment(content_type: ContentType | DataFile) -> str:
    """First line of every YAML file of this type (yaml-language-server)."""
    depth = 2 if isinstance(content_type, ContentType) else content_type.path.count("/") + 1
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_FOLDER}/{content_type.name}.json"
