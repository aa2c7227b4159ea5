"""File names that carry a hash of what the file holds, written and recognised here only.

Such a name changes whenever the bytes do, so the file is cached for a year,
immutable (tools/publishing/policy.py); any other name is not:

    hashed_name("css/site.css", data)        css/site.849dffa5fd.css          llv.assets, llv.cms
    variant_name("images/frise", key, 800, "webp")
                                             images/frise-0f6a94d255-800.webp llv.images
    variant_name("images/logo", key, "vector", "svg")
                                             images/logo-0f6a94d255-vector.svg (a sanitised SVG)

Pagefind names its index files after their bytes too
(`pagefind/fragment/fr_3a9c2d1.pf_fragment`, `pagefind/pagefind.fr_22b4e47a94.pf_meta`);
its entry file, script and WebAssembly keep fixed names.
"""

from __future__ import annotations

import hashlib
import re

HASH_LENGTH = 10
_VARIANT = rf"-[0-9a-f]{{{HASH_LENGTH}}}-([0-9]+|vector)\.[A-Za-z0-9]+"  # name-<hash>-<width>.ext
_HASHED = re.compile(
    rf"(\.[0-9a-f]{{{HASH_LENGTH}}}(\.[A-Za-z0-9]+)?"  # name.<hash>.ext
    rf"|{_VARIANT}"
    r"|_[0-9a-f]{7,}\.pf_[a-z]+"  # Pagefind's <lang>_<hash>.pf_<part>
    r")$")
_VARIANT_NAME = re.compile(rf"[^/\s]+{_VARIANT}")


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def hashed_name(path: str, data: bytes) -> str:
    """`path` with the hash of `data` before its extension."""
    folder, slash, name = path.rpartition("/")
    stem, dot, suffix = name.rpartition(".")
    hashed = f"{stem}.{content_hash(data)}.{suffix}" if dot and stem else \
        f"{name}.{content_hash(data)}"
    return folder + slash + hashed


def variant_name(stem: str, key: str, label, extension: str) -> str:
    """One variant of an image: `<stem>-<hash>-<width or "vector">.<extension>`,
    `key` being the hex digest of everything the variant is made from."""
    return f"{stem}-{key[:HASH_LENGTH]}-{label}.{extension}"


def is_hashed(path: str) -> bool:
    """Is the file at `path` named after its bytes?"""
    return _HASHED.search(path.rpartition("/")[2]) is not None


def is_variant(name: str) -> bool:
    """Is `name` (a file name, no folder) an image variant as `variant_name` writes it?"""
    return _VARIANT_NAME.fullmatch(name) is not None
