"""What the build reads of an editor's files, and how long it works on them.

Content files are read through `llv.common.files` (a link leading outside
content/ is refused, with a message that never quotes the file). What
Pelican itself would read is guarded here:

- only the front-matter Markdown reader reads content: Pelican's readers of
  `.html`, `.rst`, `.mkd`… would publish a file as it is (such files in the
  pages and news folders are reported);
- files linked with `{static}` / `{attach}` are copied as they are by
  Pelican's static generator: one that leads outside content/, or whose type
  a browser would run (HTML, SVG, XML, scripts), is taken off its list, with
  one error (images are then taken off it by llv.images, which publishes them
  without their metadata);
- templates, fonts, catalogues and assets are read from the theme: a theme
  holding a link that leads outside it (or a FIFO, a device…) stops the build
  before anything is read; so does a link to a folder in content/ (Pelican
  walks into it, endlessly when it leads to a parent);
- Markdown is converted under a time limit and a depth guard
  (`convert_markdown`): Python-Markdown is quadratic on some inputs.
"""

from __future__ import annotations

import errno
import logging
import os
import posixpath
import stat
from pathlib import Path
from urllib.parse import quote

from pelican.readers import BaseReader

from llv.common.files import LINK_LOOP, FileRefused, inside, shown_path, walk_files
from llv.common.reading import reading
from llv.common.timelimit import TooSlow, time_limit
from llv.model.errors import ContentIssue
from llv.model.naming import TEXT_EXTENSIONS

log = logging.getLogger(__name__)


class FolderRefused(RuntimeError):
    """A theme file or content folder the build will not read; stops the build."""

    shown_as_is = True  # tools.build prints the message without the exception's name


def content_folder_links(content) -> list[str]:
    """`content/…: reason` for each link to a folder in `content` (Pelican follows
    them, and one leading to a parent folder makes the walk endless)."""
    root = Path(content).resolve()
    return [f"{shown_path(entry.path, root)}: this is a link to a folder; the site reads only"
            " real folders: put the folder itself here"
            for _, entry in walk_files(root) if entry.is_symlink() and _leads_to_folder(entry)]


def _leads_to_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a loop of links: refused when the file is read (llv.common.files)
        return False


def theme_problems(theme) -> list[str]:
    """`theme/…: reason` for each entry leading outside the theme or not a plain file."""
    root = Path(theme).resolve()
    problems = []
    for _, entry in walk_files(root):  # real folders are inside; links are not followed
        real = Path(os.path.realpath(entry.path))
        shown = shown_path(entry.path, root)
        if not real.is_relative_to(root):
            problems.append(f"{shown}: this link leads outside {root.name}/; the build reads"
                            f" only files inside {root.name}/: put the file itself there")
            continue
        try:
            mode = os.stat(real).st_mode
        except OSError:
            problems.append(f"{shown}: this link leads to no file: remove it")
            continue
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            problems.append(f"{shown}: not a regular file: remove it")
    return problems


def check_folders(pelican) -> None:
    """Stop before anything is read when the theme holds a file that leads
    outside it, or content/ a link to a folder."""
    problems = [*content_folder_links(pelican.settings["PATH"]),
                *theme_problems(pelican.settings["THEME"])]
    if problems:
        raise FolderRefused("\n".join(problems))


# Files published as they are when a text links them with {static}/{attach}:
# documents, media, raster images. Not HTML, SVG, XML or scripts, which a
# browser would run as a page of the site.
STATIC_FILE_TYPES = frozenset("""
    pdf txt csv odt ods odp doc docx xls xlsx ppt pptx epub zip
    png jpg jpeg webp avif gif mp3 ogg mp4 webm
""".split())


def drop_unreadable_static_links(generator) -> None:
    """Links with {static}/{attach} to no file, or leading outside content/, are
    not handed to Pelican's static generator (which would name the file by its
    absolute path, and tell an outside file that exists from one that does
    not); llv.links.links reports them on the text's line."""
    root = Path(generator.settings["PATH"])
    links = generator.context.get("static_links")
    for link in list(links or ()):
        key = posixpath.normpath(link)
        if key == ".." or key.startswith("../") or not os.path.lexists(root / key):
            links.discard(link)


def drop_refused_static_files(generator) -> None:
    """Files linked with {static}/{attach} that lead outside content/, or whose
    type a browser could run, are not copied."""
    root = generator.settings["PATH"]
    kept = []
    for static in generator.staticfiles:
        shown = shown_path(static.source_path, root)
        suffix = Path(static.source_path).suffix.lower().lstrip(".")
        try:
            inside(static.source_path, root)
        except FileRefused as error:
            if os.path.lexists(static.source_path):  # a missing one: see llv.links.links
                log.error("%s: %s", shown, error)
            continue
        if suffix not in STATIC_FILE_TYPES:
            log.error("%s: a file linked with {static} or {attach} is published as it is, which"
                      " is allowed for documents and media (%s), not for .%s files",
                      shown, ", ".join(sorted(STATIC_FILE_TYPES)), suffix or "(no extension)")
            continue
        kept.append(static)
    if len(kept) != len(generator.staticfiles):
        generator.staticfiles[:] = kept
        generator.context["staticfiles"] = kept
        for key, content in list(generator.context["static_content"].items()):
            if content is not None and content not in kept:
                generator.context["static_content"][key] = None


MARKDOWN_TIME_LIMIT = 10  # seconds (setting of that name); a real text converts in milliseconds


def convert_markdown(settings, markdown, text: str, source_path, shown: str,
                     metadata: dict | None = None) -> tuple[str, ContentIssue | None]:
    """(HTML, None), or ("", the issue) when the text cannot be converted in
    reasonable time or depth (Python-Markdown is quadratic on some inputs).
    `metadata`: what the reader returns with the HTML (llv.common.reading)."""
    seconds = settings.get("MARKDOWN_TIME_LIMIT", MARKDOWN_TIME_LIMIT)
    markdown.reset()
    try:
        with reading(source_path, metadata), time_limit(seconds):
            return markdown.convert(text), None
    except TooSlow:
        message = (f"this text takes more than {seconds:g} s to convert: long runs of"
                   " `[`, `<`, `*` or backquotes are the usual cause; break them up")
    except RecursionError:
        message = "this text is nested too deeply (lists or quotes inside each other)"
    # Interrupted, the block parser keeps the state it was in (inside a list…),
    # which reset() leaves: the next text would come out without its paragraphs.
    markdown.parser.state.clear()
    markdown.reset()
    return "", ContentIssue(shown, None, None, message)


class StaticFileReader(BaseReader):
    """Pelican's reader of `{static}` and `{attach}` files, which gives a file whose
    name holds a space (or any character an address must encode) its address
    percent-encoded (`mon%20fichier.pdf`) in the `url` metadata Pelican reads."""

    def read(self, source_path):
        relative = Path(os.path.relpath(source_path, self.settings["PATH"])).as_posix()
        encoded = quote(relative, safe="/")
        if encoded == relative:
            return None, {}
        return None, {"url": self.settings["STATIC_URL"].format(path=encoded)}


def keep_only_front_matter_readers(readers) -> None:
    """Pelican also reads `.html`, `.htm`, `.rst`, `.mkd`, `.mdown` files, as
    they are: no front-matter check, no HTML allowlist, no file check. Only
    our Markdown reader (and the static files' reader) stays."""
    from llv.reader.reader import FrontMatterMarkdownReader

    for extension, cls in list(readers.reader_classes.items()):
        if extension != "static" and cls is not FrontMatterMarkdownReader:
            del readers.reader_classes[extension]
    readers.reader_classes["static"] = StaticFileReader


# Texts that Pelican would have read, or an editor may think are read.
OTHER_TEXT_FORMATS = {"html", "htm", "rst", "mkd", "mdown", "txt", "yaml", "yml"}


def link_loop_issues(settings, reported) -> list[ContentIssue]:
    """Links anywhere in content/ that lead back to themselves (a folder's, an
    image's), which Pelican's walk skips silently; the files of `reported`
    (content paths) have said it already."""
    root = Path(settings["PATH"])
    issues = []
    for _, entry in walk_files(root):
        shown = shown_path(entry.path, root)
        if not entry.is_symlink() or shown in reported:
            continue
        try:
            os.stat(entry.path)
        except OSError as error:
            if error.errno == errno.ELOOP:
                issues.append(ContentIssue(shown, None, None, LINK_LOOP))
    return issues


def stray_file_issues(settings) -> list[ContentIssue]:
    """Texts in the pages and news folders that no reader reads (`x.html`,
    `x.rst`…): said, rather than silently left out (other files may be there
    for `{attach}`)."""
    root = Path(settings["PATH"])
    issues = []
    for folder in (*settings.get("PAGE_PATHS", ()), *settings.get("ARTICLE_PATHS", ())):
        if not (root / folder).is_dir():
            continue
        for relative, entry in walk_files(root / folder):
            extension = entry.name.rpartition(".")[2]
            if any(part.startswith(".") for part in relative.split("/")):
                continue
            if extension.lower() in TEXT_EXTENSIONS and extension not in TEXT_EXTENSIONS:
                issues.append(ContentIssue(
                    shown_path(entry.path, root), None, None,
                    f"the extension `.{extension}` must be written in lowercase, `.{extension.lower()}`:"
                    " rename the file, or it is not published"))
                continue
            if extension.lower() not in OTHER_TEXT_FORMATS:
                continue
            issues.append(ContentIssue(
                shown_path(entry.path, root), None, None,
                f"unexpected file: content/{folder}/ holds `<key>.<language>.md` files"))
    return issues
