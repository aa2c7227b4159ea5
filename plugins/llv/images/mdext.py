"""Markdown images become <picture> while the Markdown is converted.

    ![Le bâtiment Paul Bert](images/batiment.jpg)       a described image
    ![](images/frise.png){.decorative}                  a decorative image

The path is relative to `content/`. The first image of a text is the page's
main image: it loads at once with fetchpriority="high"; the others are lazy.
The file being read is known through `reading(path, metadata)`, set by the
reader; the images a text plans are kept in its metadata (`planned_images`),
so that a build reading the text from Pelican's cache publishes them too.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from llv.common.files import FileRefused, read_text
from llv.common.reading import current_source, line_of, reading_metadata
from llv.i18n.core import N_
from llv.images.sources import ImageSourceError, Origin

DECORATIVE_CLASS = "decorative"
PLANNED_IMAGES = "planned_images"  # metadata of a text: (reference, role, origin) of its images
# A Markdown text with no image lacking its alt text (`![](…)` not marked
# decorative), as a form checks it before the build does (the CMS at /admin/);
# for Python and JavaScript regular expressions.
TEXT_WITH_ALT_PATTERN = r"^(?![\s\S]*!\[\s*\]\([^)]*\)(?!\{\.decorative\}))[\s\S]*$"


MISSING_ALT_MESSAGE = N_("the image `{reference}` has no alt text: write what it shows between"
                         " the brackets, `![description]({reference})`, or, if it adds no"
                         " information, mark it decorative: `![]({reference}){{.decorative}}`")


def missing_alt_message(reference: str, gettext=str) -> str:
    """The message, in the language of `gettext` (the CMS's French)."""
    return gettext(MISSING_ALT_MESSAGE).format(reference=reference)


class PictureTreeprocessor(Treeprocessor):
    def __init__(self, md, pipeline):
        super().__init__(md)
        self.pipeline = pipeline

    def run(self, root):
        source = current_source()
        lines = None  # the source's lines, read at the first image
        shown = self._shown(source)
        seen: dict[str, int] = {}
        first = True
        for parent in list(root.iter()):
            for index, element in enumerate(list(parent)):
                if element.tag != "img":
                    continue
                reference = element.get("src", "")
                occurrence = seen[reference] = seen.get(reference, 0) + 1
                if lines is None:
                    lines = _source_lines(source, self.pipeline.config.content_dir)
                origin = Origin(shown, _line_of(lines, reference, occurrence), "image")
                replacement = self._picture(element, reference, origin, first)
                if replacement is not None:
                    first = False
                _replace(parent, element, replacement)
        return None

    def _shown(self, source) -> str:
        if not source:
            return "Markdown text"
        parent = self.pipeline.config.content_dir.parent
        return os.path.relpath(Path(source).resolve(), parent).replace(os.sep, "/")

    def _picture(self, element, reference, origin, priority):
        classes = (element.get("class") or "").split()
        decorative = DECORATIVE_CLASS in classes
        alt = (element.get("alt") or "").strip()
        if decorative and alt:
            self.pipeline.error(origin, f"`{reference}` is marked {{.decorative}} but has an"
                                " alt text: keep one of the two")
            return None
        if not decorative and not alt:
            self.pipeline.error(origin, missing_alt_message(reference))
            return None
        metadata = reading_metadata()
        if metadata is not None:
            metadata.setdefault(PLANNED_IMAGES, []).append((reference, "photo", origin))
        try:
            planned = self.pipeline.plan(reference, "photo", origin)
        except ImageSourceError as error:
            self.pipeline.error(origin, str(error))
            return None
        sources, img = self.pipeline.picture_parts(planned, alt, None, priority)
        extra = {k: v for k, v in element.attrib.items()
                 if k not in ("src", "alt", "class", "width", "height")}
        rest = [c for c in classes if c != DECORATIVE_CLASS]
        if rest:
            extra["class"] = " ".join(rest)
        img.update(extra)
        picture = ET.Element("picture")
        for attributes in sources:
            ET.SubElement(picture, "source", {k: str(v) for k, v in attributes.items()})
        ET.SubElement(picture, "img", {k: str(v) for k, v in img.items()})
        return picture if sources else picture[0]


def _replace(parent, element, replacement) -> None:
    index = list(parent).index(element)
    if replacement is not None:
        replacement.tail = element.tail
        parent[index] = replacement
        return
    if element.tail:  # keep the text that followed the dropped image
        if index:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _source_lines(source, content_dir) -> list[str]:
    if not source:
        return []
    try:
        return read_text(source, content_dir).splitlines()
    except FileRefused:
        return []


def _line_of(lines: list[str], reference: str, occurrence: int) -> int | None:
    """Line of the n-th occurrence of `reference` in the file, when found."""
    return line_of(lines, f"({reference}", occurrence)


class PictureExtension(Extension):
    """Registered in the MARKDOWN setting by the plugin, bound to its pipeline."""

    def __init__(self, pipeline, **kwargs):
        self.pipeline = pipeline
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # After attr_list (priority 8), which turns {.decorative} into a class.
        md.treeprocessors.register(PictureTreeprocessor(md, self.pipeline), "llv_picture", 5)
