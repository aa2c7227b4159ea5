"""Reading the files editors commit, without ever reading anything else.

Every file the build reads or publishes from `content/` (or the theme) goes
through `inside()`: a symbolic link is followed only when it lands inside the
same folder, and only regular files are read (a FIFO would hang the build,
`/dev/zero` would never end). A refusal is a `FileRefused` whose message
never quotes the refused file, nor where the link points:

    from llv.common.files import FileRefused, read_text
    try:
        text = read_text(path, root=content_dir, limit=MAX_TEXT_FILE_BYTES)
    except FileRefused as error:
        issues.append(f"{shown}: {error}")

Texts are UTF-8; a byte order mark at the start (some Windows editors write
one) is dropped.
"""

from __future__ import annotations

import errno
import functools
import os
import stat
from pathlib import Path

# Markdown and YAML files: the longest page of the site is ~10 kB.
MAX_TEXT_FILE_BYTES = 1_000_000


@functools.lru_cache(maxsize=64)
def _real_root(root: str) -> Path:
    return Path(os.path.realpath(root))


LINK_LOOP = "this link leads back to itself (a loop of links): replace it by the file itself"


class FileRefused(ValueError):
    """A file the build will not read; the message says why and what to do."""


def inside(path, root) -> Path:
    """The real path of `path`, a regular file inside `root` (symlinks resolved)."""
    root = _real_root(str(root))
    given = Path(path)
    if not given.is_absolute():
        given = root / given
    real = Path(os.path.realpath(given))
    if not real.is_relative_to(root):
        raise FileRefused(
            f"this is a link leading outside {root.name}/ (or it is in a linked folder):"
            f" the site reads only files inside {root.name}/; put the file itself there")
    try:
        info = os.stat(real)
    except FileNotFoundError:
        if os.path.islink(given):
            raise FileRefused("this link leads to no file: replace it by the file itself") from None
        raise FileRefused("no such file") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise FileRefused(LINK_LOOP) from None
        raise FileRefused(f"cannot read the file ({error.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise FileRefused(f"this is {what}: only regular files are read")
    return real


def read_bytes(path, root, limit: int | None = None) -> bytes:
    """The bytes of a regular file inside `root`, refused over `limit` bytes."""
    real = inside(path, root)
    try:
        with open(real, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if limit is not None and size > limit:
                raise FileRefused(
                    f"the file weighs {size / 1_000_000:.1f} MB, over the limit of"
                    f" {limit / 1_000_000:.1f} MB: split it or make it shorter")
            data = handle.read(limit + 1 if limit is not None else -1)
    except OSError as error:
        raise FileRefused(f"cannot read the file ({error.strerror})") from None
    if limit is not None and len(data) > limit:  # grew while being read
        raise FileRefused("the file changed while it was read; build again")
    return data


def decode_text(data: bytes) -> str:
    """UTF-8 text, a leading byte order mark dropped."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(f"the file is not UTF-8 text (byte {error.start}); save it as UTF-8") from None


def read_text(path, root, limit: int | None = MAX_TEXT_FILE_BYTES) -> str:
    return decode_text(read_bytes(path, root, limit))


def shown_path(path, root) -> str:
    """`path` as editors name it, relative to the parent of `root`
    (`content/startups/x.yaml`), without following a link in its name."""
    root = _real_root(str(root))
    given = Path(path)
    if not given.is_absolute():
        given = root / given
    folder = Path(os.path.realpath(given.parent))
    shown = os.path.relpath(folder / given.name, root.parent).replace(os.sep, "/")
    # A line break in a file name must not break the one-line message.
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in shown)


def walk_files(root, skip_folders=frozenset()):
    """Every file under `root` as (its path relative to `root`, with `/`; its
    os.DirEntry), folders in name order; links to folders are not followed."""
    pending = [("", os.fspath(root))]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda entry: entry.name)
        below = []
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name not in skip_folders:
                    below.append((f"{prefix}{entry.name}/", entry.path))
            else:
                yield prefix + entry.name, entry
        pending.extend(reversed(below))
