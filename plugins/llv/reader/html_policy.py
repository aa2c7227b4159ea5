"""The HTML a text may publish: an allowlist, checked on what Markdown produced.

Markdown lets an editor write raw HTML, and `{: attr=value }` (attr_list)
puts any attribute on an element. Like Hugo (goldmark's `unsafe: false`) and
the allowlist sanitisers (ammonia/nh3, bleach), only known-harmless tags,
attributes and URL schemes are accepted; unlike them, nothing is dropped
silently: each refusal is an error naming the file and line (`make check`
and `make html` report it, the build fails):

    content/pages/about.fr.md:12: html: `<script>` is not allowed in a text …
    content/news/x.fr.md:8: link: the address `javascript:alert(1)` is not allowed …

The check reads the final HTML of each conversion (a Markdown postprocessor,
so every text converted with settings["MARKDOWN"] is covered: pages, news,
start-up and event descriptions). Constructs where an HTML parser and a
browser could disagree (comments holding `<`, `>` or `--`, CDATA, processing
instructions, declarations) are refused too.

Two more locks on the same door: nh3 (ammonia, html5ever's parser), given the
same allowlist, must remove nothing from what our checker let through
(`backstop_removes`), or the text is refused; and once Pelican has replaced
a text's placeholders (`{filename}…`), the addresses of its final HTML are
checked again (`final_html_problems`, from llv.links.checks).
"""

from __future__ import annotations

import logging
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import nh3
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

from llv.common.files import FileRefused, read_text, shown_path
from llv.common.hashed_names import is_variant
from llv.common.outputs import IMAGES_FOLDER
from llv.common.reading import add_markdown_extension, current_source, line_of
from llv.model.schema import MISSING_FACT_ATTRIBUTE

log = logging.getLogger(__name__)

# Text tags: what Markdown writes (with the `extra` extensions), and the inline
# tags an editor may want that Markdown has no syntax for (ammonia's defaults
# without the page-structure and presentational ones).
ALLOWED_TAGS = frozenset("""
    p br hr h1 h2 h3 h4 h5 h6 em strong b i u s code pre kbd samp var blockquote q cite
    ul ol li dl dt dd a abbr dfn sup sub small mark del ins span div time data bdi bdo wbr
    table caption colgroup col thead tbody tfoot tr th td figure figcaption details summary
    picture source img
""".split())
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir"})
TAG_ATTRIBUTES = {
    "a": {"href", "hreflang"},
    "blockquote": {"cite"}, "q": {"cite"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
    "ol": {"start", "reversed", "type"}, "li": {"value"},
    "time": {"datetime"}, "data": {"value"},
    "mark": {MISSING_FACT_ATTRIBUTE},  # a legal fact still to fill (plugins/llv/legal)
    "th": {"colspan", "rowspan", "scope", "abbr", "headers"}, "td": {"colspan", "rowspan", "headers"},
    "col": {"span"}, "colgroup": {"span"}, "details": {"open"},
    # images only as the image pipeline writes them (see _pipeline_image)
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding",
            "fetchpriority"},
    "source": {"type", "srcset", "sizes"},
}
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
# Identifiers the theme's layout gives its own elements (theme/templates): a text
# using one would break the skip link or a form's labels.
THEME_IDS = frozenset({"content"})
THEME_ID_PREFIXES = ("agenda-", "call-", "directory-", "facet-", "footer-", "home-", "partner-",
                     "partners-", "search-", "startup-")
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME = re.compile(r"\A([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Browsers ignore these around a URL, and tabs and line breaks inside it.
_URL_IGNORED = re.compile(r"[\t\n\r]")
# What the image pipeline writes (plugins/llv/images), under its folder.
IMAGE_EXTENSIONS = frozenset({"avif", "webp", "jpg", "png", "svg"})


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see in `url` (lowercase), or None (relative)."""
    cleaned = _URL_IGNORED.sub("", url).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c"
                                              "\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18"
                                              "\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    match = _SCHEME.match(cleaned)
    return match[1].lower() if match else None


def _short(text: str, size: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


class Problem:
    """One refusal; `needle` is what finds its line in the source (entities
    decoded), `fallback` what finds it when the needle is not written so."""

    __slots__ = ("field", "message", "needle", "fallback")

    def __init__(self, field: str, message: str, needle: str, fallback: str | None = None):
        self.field, self.message, self.needle, self.fallback = field, message, needle, fallback


class _Checker(HTMLParser):
    def __init__(self, image_prefix: str):
        super().__init__(convert_charrefs=True)
        self.image_prefix = image_prefix
        self.problems: list[Problem] = []

    def problem(self, field, message, needle):
        self.problems.append(Problem(field, message, needle))

    # --- tags and attributes ------------------------------------------------------

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problem("html", f"`<{tag}>` is not allowed in a text: write Markdown, or only"
                         " simple text tags like <abbr>, <sup>, <br> (see docs/contenu.md)", f"<{tag}")
            return
        allowed = GLOBAL_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problem("html", f"the event handler `{name}` on `<{tag}>` is not allowed:"
                             " no script may run in a page", name)
            elif name == "style":
                if tag in ("th", "td") and value.replace(" ", "").startswith("text-align:"):
                    self.problem("html", "column alignment (`:--` in a table's second line) is"
                                 " not supported: the site's security policy blocks inline"
                                 " styles; write the separator line with dashes only", "|")
                else:
                    self.problem("html", f"`style` on `<{tag}>` is not allowed: the site's"
                                 " security policy blocks inline styles", "style")
            elif name not in allowed:
                self.problem("html", f"the attribute `{name}` is not allowed on `<{tag}>`", name)
            elif name == "id" and (value in THEME_IDS or value.startswith(THEME_ID_PREFIXES)):
                self.problem("html", f"the identifier `#{value}` is one the site's layout uses:"
                             " choose another", f"#{value}")
            elif name in URL_ATTRIBUTES or name == "srcset":
                self._check_url(tag, name, value)

    handle_startendtag = handle_starttag

    def _check_url(self, tag, name, value):
        if tag in ("img", "source"):
            urls = [part.split()[0] for part in value.split(",") if part.split()] \
                if name == "srcset" else [value]
            if not all(self._pipeline_image(url) for url in urls):
                self.problem("html", "write images in Markdown, `![description](images/x.jpg)`,"
                             " not as HTML: the build then makes them light and responsive",
                             "<img" if tag == "img" else "<source")
            return
        scheme = url_scheme(value)
        if scheme is not None and scheme not in SAFE_SCHEMES:
            shown = _short(value)
            self.problems.append(Problem(
                "link", f"the address `{shown}` is not allowed: a link starts with https://,"
                " http://, mailto:, tel:, / or {filename}", value,
                f"{scheme}:" if f"{scheme}:" in value.lower() else shown))

    def _pipeline_image(self, url: str) -> bool:
        """True for a file the image pipeline published (`…/images/x-<hash>-800.webp`)."""
        name = url[len(self.image_prefix):]
        return (url.startswith(self.image_prefix) and is_variant(name)
                and name.rpartition(".")[2] in IMAGE_EXTENSIONS)

    # --- what an HTML parser and a browser may read differently ------------------

    def handle_comment(self, data):
        if any(mark in data for mark in ("<", ">", "--", "!")) or data.startswith("-") \
                or data.endswith("-"):
            self.problem("html", "this HTML comment cannot be published safely (it holds `<`,"
                         " `>`, `!` or `--`): remove it", "<!--")

    def handle_decl(self, decl):
        self.problem("html", f"`<!{_short(decl, 20)}>` is not allowed in a text", "<!")

    def unknown_decl(self, data):
        self.problem("html", f"`<![{_short(data, 20)}` is not allowed in a text", "<![")

    def handle_pi(self, data):
        self.problem("html", "`<?…>` is not allowed in a text", "<?")


def html_problems(html: str, image_prefix: str = f"/{IMAGES_FOLDER}/") -> list[Problem]:
    """Every tag, attribute and URL of `html` outside the allowlist."""
    checker = _Checker(image_prefix)
    checker.feed(html)
    checker.close()
    return checker.problems


class HtmlPolicyPostprocessor(Postprocessor):
    def __init__(self, md, content_dir: Path, image_prefix: str):
        super().__init__(md)
        self.content_dir = content_dir
        self.image_prefix = image_prefix

    def run(self, text: str) -> str:
        problems = html_problems(text, self.image_prefix)
        if not problems and backstop_removes(text):  # a construct our checker missed
            problems = [Problem("html", BACKSTOP_MESSAGE, "<")]
        if problems:
            self._report(problems)
        return text

    def _report(self, problems: list[Problem]) -> None:
        for text in problem_lines(problems, current_source(), self.content_dir):
            log.error("%s", text)


def problem_lines(problems: list[Problem], source, content_dir) -> list[str]:
    """`path:line: field: message` of each problem of the text read from `source`
    (each once), the line being where its needle is written (entities decoded)."""
    lines: list[str] = []
    shown = "Markdown text"
    if source:
        shown = shown_path(source, content_dir)
        try:
            lines = read_text(source, content_dir).splitlines()
        except FileRefused:
            lines = []
    lowered = [unescape(line).lower() for line in lines]
    seen: dict[str, int] = {}
    reported: list[str] = []
    for problem in problems:
        key = problem.needle.lower()
        seen[key] = seen.get(key, 0) + 1
        line = line_of(lowered, key, seen[key]) or line_of(lowered, key)
        if line is None and problem.fallback:
            line = line_of(lowered, problem.fallback.lower())
        where = f"{shown}:{line}" if line else shown
        text = f"{where}: {problem.field}: {problem.message}"
        if text not in reported:
            reported.append(text)
    return reported


class HtmlPolicyExtension(Extension):
    """Registered in the MARKDOWN setting by `install`."""

    def __init__(self, content_dir, image_prefix=f"/{IMAGES_FOLDER}/", **kwargs):
        self.content_dir = Path(content_dir)
        self.image_prefix = image_prefix
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # Last of all: after the raw HTML is put back (priority 30) and the
        # entities are restored (10), on the HTML that will be published.
        md.postprocessors.register(
            HtmlPolicyPostprocessor(md, self.content_dir, self.image_prefix), "llv_html_policy", 1)


def install(pelican) -> None:
    """Add the policy to the MARKDOWN setting (every Markdown conversion of the build)."""
    settings = pelican.settings
    site_url = (settings.get("SITEURL") or "").rstrip("/")
    add_markdown_extension(
        settings, HtmlPolicyExtension(settings["PATH"], f"{site_url}/{IMAGES_FOLDER}/"))


# --- the final HTML of a text --------------------------------------------------------

# Pelican's placeholders a text may use in a link: what any other `{…}` would
# leave in the address is refused (llv.links.links).
LINK_PLACEHOLDERS = frozenset({"filename", "static", "attach"})


class _FinalHtml(HTMLParser):
    """Start tags with their attributes, and words of text, of an HTML text: what
    two serialisations of the same HTML have in common."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple] = []
        self.words: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(sorted((name, value or "") for name, value in attrs))))
        self.urls.extend(value or "" for name, value in attrs if name in URL_ATTRIBUTES)

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.words.extend(data.split())


def _read_final(html: str) -> _FinalHtml:
    parsed = _FinalHtml()
    parsed.feed(html)
    parsed.close()
    return parsed


def unsafe_urls(html: str) -> list[str]:
    """Addresses of `html` (a text's final HTML, every placeholder replaced) whose
    scheme is not allowed."""
    return [url for url in _read_final(html).urls
            if url_scheme(url) not in (None, *SAFE_SCHEMES)]


def _backstop(html: str) -> str:
    return nh3.clean(
        html, tags=set(ALLOWED_TAGS), clean_content_tags=set(),
        attributes={tag: set(GLOBAL_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, set()))
                    for tag in ALLOWED_TAGS},
        url_schemes=set(SAFE_SCHEMES), strip_comments=False, link_rel=None)


def backstop_removes(html: str) -> bool:
    """True when nh3 (ammonia), given this allowlist, removes anything from `html`:
    a construct our checker let through, which the build then refuses."""
    cleaned = _backstop(html)
    if cleaned == html:  # every byte kept, as for nearly every text: nothing to compare
        return False
    ours, theirs = _read_final(html), _read_final(cleaned)
    return (sorted(ours.tags) != sorted(theirs.tags)
            or sorted(ours.words) != sorted(theirs.words))


BACKSTOP_MESSAGE = ("this text holds HTML that the site's sanitiser would change: write it in"
                    " Markdown, or with simple text tags only (see docs/contenu.md)")


def final_html_problems(html: str, converted: str) -> list[Problem]:
    """Addresses with a scheme that is not allowed in the final HTML of a text
    (`html`, after Pelican replaced its placeholders: `{index}javascript:…`),
    unless its `converted` HTML had one already (reported with the text)."""
    unsafe = unsafe_urls(html)  # none, nearly always: `converted` is not read then
    if not unsafe or unsafe_urls(converted):
        return []
    return [Problem("link", f"the address `{_short(url)}` is not allowed: a link starts with"
                    " https://, http://, mailto:, tel:, / or {filename}", url_scheme(url) + ":")
            for url in unsafe]
