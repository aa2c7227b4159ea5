"""The part of CBOR (RFC 8949) Pagefind's index files are made of: integers,
text strings and arrays of definite length, each in its shortest form (as
Rust's minicbor writes them). Anything else is refused with ValueError."""

from __future__ import annotations

import struct

_UNSIGNED, _NEGATIVE, _TEXT, _ARRAY = 0, 1, 3, 4
_WIDTHS = {24: ">B", 25: ">H", 26: ">I", 27: ">Q"}


def loads(data: bytes) -> int | str | list:
    try:
        value, end = _decode(data, 0)
    except (IndexError, struct.error, UnicodeDecodeError):
        raise ValueError("truncated or invalid CBOR") from None
    if end != len(data):
        raise ValueError("bytes after the value")
    return value


def _decode(data: bytes, at: int) -> tuple[int | str | list, int]:
    major, extra = data[at] >> 5, data[at] & 0x1F
    at += 1
    if extra < 24:
        argument = extra
    elif extra in _WIDTHS:
        (argument,) = struct.unpack_from(_WIDTHS[extra], data, at)
        at += struct.calcsize(_WIDTHS[extra])
    else:
        raise ValueError(f"unsupported CBOR item at byte {at - 1}")
    if major == _UNSIGNED:
        return argument, at
    if major == _NEGATIVE:
        return -1 - argument, at
    if major == _TEXT:
        return data[at:at + argument].decode("utf-8"), at + argument
    if major == _ARRAY:
        items = []
        for _ in range(argument):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"unsupported CBOR type {major} at byte {at - 1}")


def dumps(value: int | str | list) -> bytes:
    if isinstance(value, bool):
        raise ValueError("booleans are not part of Pagefind's index")
    if isinstance(value, int):
        return _head(_UNSIGNED, value) if value >= 0 else _head(_NEGATIVE, -1 - value)
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(_TEXT, len(data)) + data
    if isinstance(value, list):
        return _head(_ARRAY, len(value)) + b"".join(dumps(item) for item in value)
    raise ValueError(f"{type(value).__name__} is not part of Pagefind's index")


def _head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for extra, width in _WIDTHS.items():
        if argument < 1 << (8 * struct.calcsize(width)):
            return bytes([major << 5 | extra]) + struct.pack(width, argument)
    raise ValueError("integer too large for CBOR")
