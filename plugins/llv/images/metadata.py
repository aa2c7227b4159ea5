"""Images published as they are (`{static}`, `{attach}`) without what a camera or an
editing program writes beside the picture: EXIF (GPS position, camera serial
number, author), XMP, IPTC, comments, texts, thumbnails.

The file is rebuilt from an allowlist of what the picture needs, without
decoding it (no quality lost): JPEG segments, PNG chunks, WebP chunks, GIF
blocks; whatever follows the end of the image is dropped. A colour profile
is kept (it is part of how the picture looks).
"""

from __future__ import annotations

import struct


class StripError(ValueError):
    """The file's structure is broken (the message says how)."""


# --- JPEG -------------------------------------------------------------------------

_SOI, _EOI, _SOS, _COM = 0xD8, 0xD9, 0xDA, 0xFE
_APP0, _APP2, _APP14, _APP15 = 0xE0, 0xE2, 0xEE, 0xEF


def _jpeg_segment_kept(marker: int, payload: bytes) -> bytes | None:
    """The segment's payload as published, or None to drop it."""
    if marker == _COM:
        return None
    if _APP0 <= marker <= _APP15:
        if marker == _APP0 and payload.startswith(b"JFIF\0") and len(payload) >= 14:
            return payload[:12] + b"\0\0"  # no thumbnail
        if marker == _APP2 and payload.startswith(b"ICC_PROFILE\0"):
            return payload
        if marker == _APP14 and payload.startswith(b"Adobe"):  # colour transform (CMYK)
            return payload
        return None  # EXIF, XMP, IPTC, MPF previews…
    return payload


def _strip_jpeg(data: bytes) -> bytes:
    if not data.startswith(b"\xff\xd8"):
        raise StripError("no JPEG start marker")
    out = [b"\xff\xd8"]
    at = 2
    try:
        while True:
            if data[at] != 0xFF:
                raise StripError("a JPEG segment does not start with a marker")
            while data[at] == 0xFF:  # fill bytes
                at += 1
            marker = data[at]
            at += 1
            if marker == _EOI:
                out.append(b"\xff\xd9")
                return b"".join(out)
            if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # no length
                out.append(bytes((0xFF, marker)))
                continue
            (length,) = struct.unpack(">H", data[at:at + 2])
            payload = data[at + 2:at + length]
            if length < 2 or len(payload) != length - 2:
                raise StripError("the file is truncated")
            at += length
            kept = _jpeg_segment_kept(marker, payload)
            if kept is not None:
                out.append(bytes((0xFF, marker)) + struct.pack(">H", len(kept) + 2) + kept)
            if marker == _SOS:  # entropy-coded data, up to the next real marker
                end = at
                while True:
                    end = data.index(b"\xff", end)
                    following = data[end + 1]
                    if following == 0 or 0xD0 <= following <= 0xD7:
                        end += 2
                    elif following == 0xFF:
                        end += 1
                    else:
                        break
                out.append(data[at:end])
                at = end
    except StripError:
        raise
    except (IndexError, ValueError, struct.error):
        raise StripError("the file is truncated") from None


# --- PNG --------------------------------------------------------------------------

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# What draws the picture (with APNG's frames); not tEXt, zTXt, iTXt, eXIf, tIME…
_PNG_CHUNKS = frozenset({b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM",
                         b"sRGB", b"iCCP", b"cICP", b"sBIT", b"bKGD", b"pHYs",
                         b"acTL", b"fcTL", b"fdAT"})


def _strip_png(data: bytes) -> bytes:
    if not data.startswith(_PNG_SIGNATURE):
        raise StripError("no PNG signature")
    out = [_PNG_SIGNATURE]
    at = len(_PNG_SIGNATURE)
    while True:
        if at + 8 > len(data):
            raise StripError("the file is truncated")
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        end = at + 12 + length
        if end > len(data):
            raise StripError("the file is truncated")
        if kind in _PNG_CHUNKS:
            out.append(data[at:end])
        at = end
        if kind == b"IEND":
            return b"".join(out)


# --- WebP -------------------------------------------------------------------------

_WEBP_CHUNKS = frozenset({b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"})
_VP8X_EXIF, _VP8X_XMP = 0x08, 0x04


def _strip_webp(data: bytes) -> bytes:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise StripError("no WebP header")
    (size,) = struct.unpack("<I", data[4:8])
    if size + 8 > len(data):
        raise StripError("the file is truncated")
    out = []
    at = 12
    while at < size + 8:
        if at + 8 > len(data):
            raise StripError("the file is truncated")
        kind, length = struct.unpack("<4sI", data[at:at + 8])
        end = at + 8 + length + (length & 1)
        if at + 8 + length > len(data):
            raise StripError("the file is truncated")
        chunk = data[at:min(end, len(data))]
        if kind == b"VP8X" and length >= 1:
            chunk = chunk[:8] + bytes((chunk[8] & ~(_VP8X_EXIF | _VP8X_XMP),)) + chunk[9:]
        if kind in _WEBP_CHUNKS:
            out.append(chunk + b"\0" * (end - at - len(chunk)))
        at = end
    body = b"WEBP" + b"".join(out)
    return b"RIFF" + struct.pack("<I", len(body)) + body


# --- GIF --------------------------------------------------------------------------

_ANIMATION_EXTENSIONS = (b"NETSCAPE2.0", b"ANIMEXTS1.0")


def _sub_blocks(data: bytes, at: int) -> int:
    """Where the sub-blocks starting at `at` end (after their empty block)."""
    while data[at]:
        at += 1 + data[at]
    return at + 1


def _strip_gif(data: bytes) -> bytes:
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        raise StripError("no GIF header")
    try:
        flags = data[10]
        at = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
        out = [data[:at]]
        while True:
            introducer = data[at]
            if introducer == 0x3B:  # trailer
                out.append(b"\x3b")
                return b"".join(out)
            if introducer == 0x2C:  # an image
                flags = data[at + 9]
                start = at
                at += 10 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0) + 1
                at = _sub_blocks(data, at)
                out.append(data[start:at])
            elif introducer == 0x21:  # an extension
                label, start = data[at + 1], at
                at = _sub_blocks(data, at + 2)
                block = data[start:at]
                if label == 0xF9 or (label == 0xFF and block[3:14] in _ANIMATION_EXTENSIONS):
                    out.append(block)  # frame timing and looping; not comments, texts, XMP
            else:
                raise StripError("a GIF block of unknown type")
            if at > len(data):
                raise IndexError
    except IndexError:
        raise StripError("the file is truncated") from None


STRIPPERS = {"JPEG": _strip_jpeg, "PNG": _strip_png, "WEBP": _strip_webp, "GIF": _strip_gif}


def strip_metadata(data: bytes, image_format: str) -> bytes:
    """`data` (an image in Pillow's `image_format`) without its metadata."""
    return STRIPPERS[image_format](data)
