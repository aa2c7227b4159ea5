"""All typed content (start-ups, partners, events, the data files) read and checked
once per build.

    store = content_store(settings)
    store.items("startup")          # valid Startup models, sorted by slug
    store.entries("startup")        # the same with their source file, lines and texts
    store.data["key-figures"].model # a data file's model (None: missing or wrong)
    store.issues                    # every mistake found, as ContentIssue

An item with mistakes is left out and its mistakes fail the build.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from llv.common.files import FileRefused, shown_path
from llv.common.files import read_text as read_inside
from llv.common.services import services
from llv.i18n.languages import languages_from_settings
from llv.model.characters import text_character_issue
from llv.model.errors import ContentIssue, did_you_mean
from llv.model.naming import text_file_name
from llv.model.registry import CONTENT_TYPES, DATA_FILES, ContentType, DataFile
from llv.model.schema import PAGE_TEMPLATES
from llv.model.validation import issues_from_validation
from llv.model.yamlfile import LoadedYaml, expect_mapping, load_yaml

@dataclass(frozen=True)
class Body:
    """A long text in Markdown, `<key>.<lang>.md` beside the YAML."""

    lang: str
    path: str
    text: str


@dataclass
class Entry:
    type: ContentType
    key: str  # file name without .yaml
    path: str  # as shown in messages: content/startups/wezaart.yaml
    model: object  # the validated model
    lines: dict = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return self.model.slug

    def line_of(self, *loc) -> int:
        return LoadedYaml(lines=self.lines).line_of(loc)


@dataclass
class DataEntry:
    """A data file (registry.DATA_FILES) as read: its model, None when the file is
    missing or has mistakes (`issues`)."""

    path: str  # as shown in messages: content/data/key-figures.yaml
    model: object = None
    lines: dict = field(default_factory=dict)
    issues: list[ContentIssue] = field(default_factory=list)

    def line_of(self, *loc) -> int:
        return LoadedYaml(lines=self.lines).line_of(loc)


@dataclass
class ContentStore:
    entries_by_type: dict[str, list[Entry]] = field(default_factory=dict)
    data: dict[str, DataEntry] = field(default_factory=dict)
    issues: list[ContentIssue] = field(default_factory=list)
    # type -> slugs of the files left out for their own mistakes (their file
    # name, and the slug written in them): references to them are not reported
    unread_slugs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def entries(self, type_name: str) -> list[Entry]:
        return self.entries_by_type.get(type_name, [])

    def items(self, type_name: str) -> list:
        return [e.model for e in self.entries(type_name)]

    def slugs(self, *type_names: str) -> set[str]:
        return {e.slug for name in type_names for e in self.entries(name)}

    def known_slugs(self, type_names: tuple[str, ...]) -> frozenset[str]:
        """slugs(), computed once per store (the store does not change once checked)."""
        cache = self.__dict__.setdefault("_known_slugs", {})
        if type_names not in cache:
            cache[type_names] = frozenset(self.slugs(*type_names))
        return cache[type_names]

    def by_slug(self, type_name: str) -> dict[str, Entry]:
        return {e.slug: e for e in self.entries(type_name)}


def display_path(settings, path) -> str:
    """A content file as editors name it: `content/startups/wezaart.yaml`
    (a link is named as it is, never by where it points)."""
    return shown_path(path, settings["PATH"])


def validation_context(settings) -> dict:
    return {
        "languages": list(languages_from_settings(settings)),
        "default_lang": settings["DEFAULT_LANG"],
        # the site's page templates, and a theme's own (the PAGE_TEMPLATES setting)
        "page_templates": list(dict.fromkeys([*PAGE_TEMPLATES,
                                              *(settings.get("PAGE_TEMPLATES") or ())])),
        "redirect_hosts": list(settings.get("REDIRECT_HOSTS") or ()),
    }


def read_text(path: Path, shown: str, issues: list, root) -> str | None:
    """The text of a file inside `root` (the content folder), or None after
    adding the reason to `issues`."""
    try:
        text = read_inside(path, root)
    except FileRefused as error:
        issues.append(ContentIssue(shown, None, None, str(error)))
        return None
    refused = text_character_issue(text, shown)
    if refused is not None:
        issues.append(refused)
        return None
    return text


def validate_yaml_text(text: str, shown: str, content_type: ContentType | DataFile, context: dict):
    """(Entry-ready model and lines, issues) for one YAML document; a file of
    comments only is an empty mapping when the model needs no field."""
    loaded = load_yaml(text, shown)
    model_fields = content_type.model.model_fields.values()
    if loaded.data is None and not loaded.issues and not any(f.is_required() for f in model_fields):
        loaded.data = {}
    data = expect_mapping(loaded, shown)
    issues = list(loaded.issues)
    if data is None or issues:
        return None, loaded, issues
    try:
        model = content_type.model.model_validate(data, context=context)
    except ValidationError as error:
        return None, loaded, issues_from_validation(error, content_type.model, loaded, shown)
    except (RecursionError, ValueError, TypeError) as error:  # never a traceback
        return None, loaded, [ContentIssue(shown, 1, None, f"cannot read the file ({error})")]
    return model, loaded, []


def _load_type(settings, content_type: ContentType, context, store: ContentStore):
    root = Path(settings["PATH"])
    folder = root / content_type.folder
    if not folder.is_dir():
        return
    languages = context["languages"]
    shown_folder = display_path(settings, folder)
    entries: list[Entry] = []
    texts: list[tuple[str, str, Path]] = []  # key, lang, path
    yaml_keys: set[str] = set()
    for path in sorted(folder.iterdir()):
        shown = f"{shown_folder}/{path.name}"
        name = path.name
        if name.startswith("."):
            continue
        if path.is_dir():
            store.issues.append(ContentIssue(shown, None, None,
                                             f"unexpected folder in content/{content_type.folder}/"))
            continue
        if name.endswith(".yml"):
            store.issues.append(ContentIssue(shown, None, None,
                                             f"rename the file to {name[:-4]}.yaml"))
            continue
        if name.endswith(".yaml"):
            key = name[:-5]
            yaml_keys.add(key)
            text = read_text(path, shown, store.issues, root)
            if text is None:
                store.unread_slugs[content_type.name].add(key)
                continue
            model, loaded, issues = validate_yaml_text(text, shown, content_type, context)
            store.issues.extend(issues)
            if model is not None:
                entries.append(Entry(content_type, key, shown, model, loaded.lines))
            else:
                written = loaded.data.get("slug") if isinstance(loaded.data, dict) else None
                store.unread_slugs[content_type.name].update(
                    {key, written} if isinstance(written, str) else {key})
            continue
        named = text_file_name(name)
        if named:
            texts.append((*named, path))
            continue
        store.issues.append(ContentIssue(
            shown, None, None,
            f"unexpected file: content/{content_type.folder}/ holds `<slug>.yaml` files"
            + (" and their texts `<slug>.<language>.md`" if content_type.body_field else "")))

    by_key = {e.key: e for e in entries}
    for key, lang, path in texts:
        shown = f"{shown_folder}/{path.name}"
        if content_type.body_field is None:
            store.issues.append(ContentIssue(
                shown, None, None,
                f"a {content_type.name} has no long text: write its text in the `.yaml` file"))
            continue
        if lang not in languages:
            store.issues.append(ContentIssue(
                shown, None, None,
                f"unknown language `{lang}` in the file name{did_you_mean(lang, languages)}; "
                f"expected one of: {', '.join(languages)}"))
            continue
        if key not in yaml_keys:
            store.issues.append(ContentIssue(
                shown, None, None,
                f"no `{key}.yaml` beside this text{did_you_mean(key, sorted(yaml_keys))}: "
                f"each text needs the {content_type.name}'s facts file"))
            continue
        text = read_text(path, shown, store.issues, root)
        if text is None or key not in by_key:
            continue
        if text.lstrip().startswith("---"):
            store.issues.append(ContentIssue(
                shown, 1, None,
                "this text has no front matter: its facts go in the `.yaml` file"))
            continue
        by_key[key].bodies[lang] = Body(lang, shown, text)

    _check_logos(root, entries, store)
    store.entries_by_type[content_type.name] = sorted(entries, key=lambda e: e.slug)


def _check_logos(root: Path, entries, store):
    for entry in entries:
        logo = getattr(entry.model, "logo", None)
        if not logo:
            continue
        target = (root / logo).resolve()
        line = entry.line_of("logo")
        if not target.is_relative_to(root.resolve()):
            store.issues.append(ContentIssue(entry.path, line, "logo",
                                             f"expected a file inside content/, found {logo!r}"))
        elif not target.is_file():
            store.issues.append(ContentIssue(entry.path, line, "logo",
                                             f"no such file: content/{logo}"))


def _check_duplicate_slugs(store: ContentStore):
    for name, entries in store.entries_by_type.items():
        seen = defaultdict(list)
        for entry in entries:
            seen[entry.slug].append(entry)
        for slug, same in seen.items():
            if len(same) < 2:
                continue
            first, *others = sorted(same, key=lambda e: e.path)  # one message per clash
            listed = " and ".join(f"{o.path}:{o.line_of('slug')}" for o in others)
            store.issues.append(ContentIssue(
                first.path, first.line_of("slug"), "slug",
                f"the slug `{slug}` is also used by {listed}; each {name} needs its own"))
        if any(len(same) > 1 for same in seen.values()):
            duplicated = {s for s, same in seen.items() if len(same) > 1}
            store.entries_by_type[name] = [e for e in entries if e.slug not in duplicated]
            store.unread_slugs[name].update(duplicated)


def check_references(store: ContentStore, path: str, lines, field_name: str,
                     slugs, targets: tuple[str, ...]) -> list[ContentIssue]:
    """Issues for the slugs in `field_name` that no item of `targets` has."""
    if not slugs:
        return []
    known = store.known_slugs(targets)
    unread = set().union(*(store.unread_slugs.get(name, ()) for name in targets))
    issues = []
    for index, slug in enumerate(slugs):
        if slug not in known and slug not in unread:  # an unread file's mistakes are its own
            loc = (field_name, index)
            line = lines(loc) if callable(lines) else LoadedYaml(lines=lines).line_of(loc)
            what = " or ".join(targets)
            issues.append(ContentIssue(
                path, line, f"{field_name}[{index}]",
                f"no {what} has the slug `{slug}`{did_you_mean(slug, sorted(known))}"))
    return issues


def _check_entry_references(store: ContentStore):
    for name, content_type in CONTENT_TYPES.items():
        for entry in store.entries(name):
            for field_name, targets in content_type.references.items():
                store.issues.extend(check_references(
                    store, entry.path, entry.lines, field_name,
                    getattr(entry.model, field_name), targets))


def read_data_file(root, data_file: DataFile, context: dict) -> DataEntry:
    """The data file under the content folder `root`, read and validated."""
    path = Path(root) / data_file.path
    entry = DataEntry(shown_path(path, root))
    if os.path.lexists(path):  # a link is read, or refused, as every file is
        text = read_text(path, entry.path, entry.issues, root)
        if text is not None:
            entry.model, loaded, entry.issues = validate_yaml_text(text, entry.path, data_file, context)
            entry.lines = loaded.lines
    return entry


def load_store(settings) -> ContentStore:
    store = ContentStore()
    context = validation_context(settings)
    for content_type in CONTENT_TYPES.values():
        _load_type(settings, content_type, context, store)
    for data_file in DATA_FILES.values():
        entry = store.data[data_file.name] = read_data_file(settings["PATH"], data_file, context)
        store.issues.extend(entry.issues)
    _check_duplicate_slugs(store)
    _check_entry_references(store)
    return store


def content_store(settings) -> ContentStore:
    """The build's store, read once and shared by every generator."""
    shared = services(settings)
    if shared.content_store is None:
        shared.content_store = load_store(settings)
    return shared.content_store
