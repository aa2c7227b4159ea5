"""The part of CBOR (RFC 8949) Pagefind's index files are made of: integers,
text strings and arrays of definite length, each head in its shortest form
(as Rust's minicbor writes them). Anything else is refused with ValueError,
so that `dumps(loads(data)) == data` for everything `loads` accepts."""

from __future__ import annotations

import struct

_UNSIGNED, _NEGATIVE, _TEXT, _ARRAY = 0, 1, 3, 4
_WIDTHS = {24: (">B", 1, 24), 25: (">H", 2, 1 << 8), 26: (">I", 4, 1 << 16),
           27: (">Q", 8, 1 << 32)}  # extra: (format, bytes, smallest argument)


def loads(data: bytes) -> int | str | list:
    try:
        value, end = _decode(data, 0)
    except (IndexError, struct.error, UnicodeDecodeError):
        raise ValueError("truncated or invalid CBOR") from None
    if end != len(data):
        raise ValueError("bytes after the value")
    return value


def _decode(data: bytes, at: int) -> tuple[int | str | list, int]:
    head = data[at]
    if head < 24:  # the most frequent item: a small integer
        return head, at + 1
    major, argument = head >> 5, head & 0x1F
    at += 1
    if argument >= 24:
        if argument not in _WIDTHS:
            raise ValueError(f"unsupported CBOR item at byte {at - 1}")
        form, width, smallest = _WIDTHS[argument]
        (argument,) = struct.unpack_from(form, data, at)
        if argument < smallest:
            raise ValueError(f"CBOR head not in its shortest form at byte {at - 1}")
        at += width
    if major == _ARRAY:
        items = []
        append = items.append
        for _ in range(argument):
            head = data[at]
            if head < 24:  # no call for the small integers most arrays hold
                append(head)
                at += 1
            else:
                item, at = _decode(data, at)
                append(item)
        return items, at
    if major == _UNSIGNED:
        return argument, at
    if major == _NEGATIVE:
        return -1 - argument, at
    if major == _TEXT:
        if at + argument > len(data):
            raise IndexError
        return data[at:at + argument].decode("utf-8"), at + argument
    raise ValueError(f"unsupported CBOR type {major} at byte {at - 1}")


def dumps(value: int | str | list) -> bytes:
    out = bytearray()
    _encode(value, out)
    return bytes(out)


def _encode(value, out: bytearray) -> None:
    kind = type(value)
    if kind is int:
        if 0 <= value < 24:
            out.append(value)
        elif value >= 0:
            _head(_UNSIGNED, value, out)
        else:
            _head(_NEGATIVE, -1 - value, out)
    elif kind is list:
        _head(_ARRAY, len(value), out)
        for item in value:
            if type(item) is int and 0 <= item < 24:  # most items: no call
                out.append(item)
            else:
                _encode(item, out)
    elif kind is str:
        data = value.encode("utf-8")
        _head(_TEXT, len(data), out)
        out += data
    else:
        raise ValueError(f"{kind.__name__} is not part of Pagefind's index")


def _head(major: int, argument: int, out: bytearray) -> None:
    top = major << 5
    if argument < 24:
        out.append(top | argument)
    elif argument < 1 << 8:
        out.append(top | 24)
        out.append(argument)
    elif argument < 1 << 16:
        out.append(top | 25)
        out += argument.to_bytes(2, "big")
    elif argument < 1 << 32:
        out.append(top | 26)
        out += argument.to_bytes(4, "big")
    elif argument < 1 << 64:
        out.append(top | 27)
        out += argument.to_bytes(8, "big")
    else:
        raise ValueError("integer too large for CBOR")
