"""SVG files made safe to publish: no script, no event handler, no external fetch.

The file is parsed by defusedxml (a DOCTYPE, entities or external references
are refused outright: no entity-expansion bomb, no file read through XML),
then rebuilt from an allowlist, like DOMPurify's SVG profile: the elements and
attributes of static vector drawings, nothing else. What could make a request
or run code is taken out:

- `href` / `xlink:href`: only `#id` inside the file (and, on `<image>`, an
  embedded PNG, JPEG, GIF or WebP `data:` image);
- `url(…)` in any attribute, in `style="…"` or in `<style>`: only exactly
  `url(#id)` (quotes and spaces aside); another closed `url(…)` becomes
  `none`, and a `url(` never closed drops the attribute or the whole CSS;
  `@import` rules and CSS functions that fetch (`image-set()`, `image()`…)
  are removed; CSS or an attribute written with backslash escapes (which can
  hide a `url`) is dropped whole;
- scripts, `<foreignObject>`, animations (`<set>`, `<animate>`… can change
  any attribute), fonts, comments and processing instructions.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

ELEMENTS = frozenset("""
    svg g defs symbol use title desc a switch
    path rect circle ellipse line polyline polygon text tspan textPath
    linearGradient radialGradient stop pattern clipPath mask marker image style
    filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix
    feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feFuncA
    feFuncB feFuncG feFuncR feGaussianBlur feMerge feMergeNode feMorphology feOffset
    fePointLight feSpecularLighting feSpotLight feTile feTurbulence
""".split())

ATTRIBUTES = frozenset("""
    id class style lang tabindex role aria-label aria-hidden aria-labelledby aria-describedby
    width height viewBox preserveAspectRatio version baseProfile x y x1 y1 x2 y2
    cx cy r rx ry fx fy fr d points pathLength transform dx dy rotate textLength
    lengthAdjust startOffset method spacing side href
    gradientUnits gradientTransform spreadMethod offset stop-color stop-opacity
    patternUnits patternContentUnits patternTransform clipPathUnits maskUnits maskContentUnits
    markerUnits markerWidth markerHeight refX refY orient
    filterUnits primitiveUnits in in2 result stdDeviation mode type values operator
    k1 k2 k3 k4 scale xChannelSelector yChannelSelector flood-color flood-opacity radius
    baseFrequency numOctaves seed stitchTiles surfaceScale specularConstant specularExponent
    diffuseConstant kernelMatrix kernelUnitLength order divisor bias targetX targetY edgeMode
    preserveAlpha tableValues slope intercept amplitude exponent azimuth elevation
    pointsAtX pointsAtY pointsAtZ limitingConeAngle lighting-color z
    fill fill-opacity fill-rule stroke stroke-width stroke-linecap stroke-linejoin
    stroke-miterlimit stroke-dasharray stroke-dashoffset stroke-opacity opacity
    clip-path clip-rule mask filter marker-start marker-mid marker-end color display
    visibility overflow font-family font-size font-weight font-style font-variant
    font-stretch text-anchor dominant-baseline alignment-baseline baseline-shift
    letter-spacing word-spacing text-decoration writing-mode direction unicode-bidi
    color-interpolation color-interpolation-filters shape-rendering text-rendering
    image-rendering paint-order vector-effect isolation mix-blend-mode transform-origin
    enable-background requiredFeatures systemLanguage
""".split())
XML_ATTRIBUTES = frozenset({"space", "lang"})

_FRAGMENT = re.compile(r"\A\s*#[^\s'\"()]*\s*\Z")
_EMBEDDED_IMAGE = re.compile(r"\A\s*data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*\Z",
                             re.IGNORECASE)
_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_URL_START = re.compile(r"url\(", re.IGNORECASE)
_FRAGMENT_URL = re.compile(r"""url\(\s*(['"]?)\#[\w.:-]+\1\s*\)""", re.IGNORECASE)
_IMPORT = re.compile(r"@import\b[^;]*;?", re.IGNORECASE)
_FETCHING_FUNCTION = re.compile(r"(-webkit-)?(image-set|image|cross-fade|element|src)\s*\(",
                                re.IGNORECASE)
_FETCHING_DECLARATION = re.compile(
    r"[^;{}]*(-webkit-)?(image-set|image|cross-fade|element|src)\s*\([^;{}]*", re.IGNORECASE)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
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


def only_fragment_urls(text: str) -> bool:
    """Is every `url(` of `text` exactly `url(#id)`?"""
    return all(_FRAGMENT_URL.match(text, start.start()) for start in _URL_START.finditer(text))


def safe_css(css: str, removed: list[str]) -> str | None:
    """`css` without what could fetch anything; None when it cannot be kept."""
    if "\\" in css:  # escapes can spell `url(` or `@import` in ways a regex misses
        removed.append("css with escapes")
        return None
    css = _CSS_COMMENT.sub("", css)
    if _IMPORT.search(css):
        removed.append("@import")
        css = _IMPORT.sub("", css)

    def url(match):
        if _FRAGMENT.match(match[2]):
            return match[0]
        removed.append("url()")
        return "none"

    css = _URL.sub(url, css)
    if not only_fragment_urls(css):  # a `url(` never closed runs to the end
        removed.append("unclosed url(")
        return None
    if _FETCHING_FUNCTION.search(css):
        removed.append("css function")
        css = _FETCHING_DECLARATION.sub("", css)
    return css


def _clean_value(local: str, value: str, element: str, removed: list[str]) -> str | None:
    """The attribute's value if it may stay, else None."""
    if local == "href":
        if _FRAGMENT.match(value) or (element == "image" and _EMBEDDED_IMAGE.match(value)):
            return value
        removed.append(f"href={value[:30]}")
        return None
    if local == "style":
        return safe_css(value, removed)
    if "\\" in value or not only_fragment_urls(value):
        removed.append(f"{local}=url()")
        return None
    if "(" in value and _FETCHING_FUNCTION.search(value):
        removed.append(f"{local}=")
        return None
    return value


def sanitize_svg(data: bytes) -> CleanSvg:
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise SvgError("the SVG declares a DOCTYPE or entities, which are not allowed;"
                       " export it again as plain SVG") from None
    except ET.ParseError as error:
        raise SvgError(f"not a readable SVG file ({error})") from None
    if _split(root.tag) != (SVG_NS, "svg"):
        raise SvgError("not an SVG file (its root element is not <svg>)")
    removed: list[str] = []
    _clean_attributes(root, removed)
    try:
        _clean(root, removed)
        width, height = _dimensions(root)
        ET.register_namespace("", SVG_NS)
        ET.register_namespace("xlink", XLINK_NS)
        text = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    except RecursionError:
        raise SvgError("the SVG is nested too deeply; export it again") from None
    return CleanSvg(text.encode("utf-8"), width, height, tuple(removed))


def _clean(element: ET.Element, removed: list[str]) -> None:
    for child in list(element):
        if not isinstance(child.tag, str):  # comments, processing instructions
            element.remove(child)
            continue
        namespace, local = _split(child.tag)
        if namespace != SVG_NS or local not in ELEMENTS:
            removed.append(f"<{local}>")
            element.remove(child)
            continue
        if local == "style":
            css = safe_css("".join(child.itertext()), removed)
            if css is None:
                element.remove(child)
                continue
            child.clear()
            child.text = css
            continue
        _clean_attributes(child, removed)
        _clean(child, removed)


def _clean_attributes(element: ET.Element, removed: list[str]) -> None:
    _, element_name = _split(element.tag)
    for name in list(element.attrib):
        namespace, local = _split(name)
        allowed = ((namespace == "" and local in ATTRIBUTES)
                   or (namespace == XLINK_NS and local == "href")
                   or (namespace == XML_NS and local in XML_ATTRIBUTES))
        value = _clean_value(local, element.attrib[name], element_name, removed) if allowed else None
        if value is None:
            if not allowed:
                removed.append(f"{local}=")
            del element.attrib[name]
        else:
            element.attrib[name] = value
