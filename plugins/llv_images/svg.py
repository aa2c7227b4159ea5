"""SVG files made safe to publish: no script, no event handler, no external fetch.

The file is parsed by a real XML parser (documents declaring a DOCTYPE or
entities are refused outright, which rules out entity-expansion bombs), then
rebuilt keeping only SVG, XLink and XML-namespaced elements and attributes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_KEPT_NAMESPACES = {SVG_NS, XLINK_NS, XML_NS}
_REMOVED_ELEMENTS = {"script", "foreignObject", "iframe", "embed", "object", "handler"}
_ANIMATIONS = {"set", "animate", "animateTransform", "animateMotion"}
_SAFE_HREF = re.compile(r"^\s*(#|data:image/(png|jpeg|gif|webp);)", re.IGNORECASE)
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")


class SvgError(ValueError):
    pass


@dataclass(frozen=True)
class CleanSvg:
    data: bytes
    width: float
    height: float
    removed: tuple[str, ...]  # what was taken out, for the record


def _split(name: str) -> tuple[str, str]:
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return "", name


def _dimensions(root: ET.Element) -> tuple[float, float]:
    width, height = root.get("width"), root.get("height")
    box = (root.get("viewBox") or "").replace(",", " ").split()
    box_size = None
    if len(box) == 4:
        try:
            box_size = (float(box[2]), float(box[3]))
        except ValueError:
            box_size = None
    sizes = []
    for value in (width, height):
        match = _LENGTH.match(value or "")
        sizes.append(float(match[1]) if match else None)
    if sizes[0] and sizes[1]:
        return sizes[0], sizes[1]
    if box_size and box_size[0] > 0 and box_size[1] > 0:
        return box_size
    raise SvgError("the SVG has neither a width and height in pixels nor a viewBox")


def sanitize_svg(data: bytes) -> CleanSvg:
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise SvgError("the SVG declares a DOCTYPE or entities, which are not allowed;"
                       " export it again as plain SVG")
    parser = ET.XMLParser()
    try:
        root = ET.fromstring(data, parser=parser)
    except ET.ParseError as error:
        raise SvgError(f"not a readable SVG file ({error})") from None
    if _split(root.tag) != (SVG_NS, "svg"):
        raise SvgError("not an SVG file (its root element is not <svg>)")
    removed: list[str] = []
    _clean(root, removed)
    width, height = _dimensions(root)
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    text = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return CleanSvg(text.encode("utf-8"), width, height, tuple(removed))


def _clean(element: ET.Element, removed: list[str]) -> None:
    for child in list(element):
        if not isinstance(child.tag, str):  # comments, processing instructions
            element.remove(child)
            continue
        namespace, local = _split(child.tag)
        attribute = (child.get("attributeName") or "").lower()
        if (namespace != SVG_NS or local in _REMOVED_ELEMENTS
                or (local in _ANIMATIONS and (attribute.startswith("on") or "href" in attribute))):
            removed.append(f"<{local}>")
            element.remove(child)
            continue
        _clean(child, removed)
    for name in list(element.attrib):
        namespace, local = _split(name)
        value = element.attrib[name]
        if namespace and namespace not in _KEPT_NAMESPACES:
            del element.attrib[name]
        elif local.lower().startswith("on"):
            removed.append(f"{local}=")
            del element.attrib[name]
        elif local == "href" and not _SAFE_HREF.match(value):
            removed.append(f"href={value[:30]}")
            del element.attrib[name]
        elif "javascript:" in value.lower().replace(" ", ""):
            removed.append(f"{local}=")
            del element.attrib[name]

