"""No published image carries what a camera or an editing program wrote beside
the picture (GPS position, serial number, author, XMP, comments, texts),
whatever the route: `{static}`, `{attach}`, Markdown pictures, logos; and a
huge colour profile does not reach the variants."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image, ImageCms

from llv.common.testing import build_site, page
from llv.images.tests.test_pipeline import ORIGIN, file_of, pipeline_in, soup

SECRETS = (b"Jeanne Secret", b"SN-4455-SECRET", b"GPS-SECRET", b"xmp-secret",
           b"comment-secret", b"text-secret")
XMP = (b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
       b"<dc:creator>xmp-secret Jeanne Secret</dc:creator></x:xmpmeta><?xpacket end='w'?>")


def exif() -> Image.Exif:
    data = Image.Exif()
    data[0x013B] = "Jeanne Secret"  # Artist
    data[0x010F] = "GPS-SECRET camera"  # Make
    data[0xA431] = "SN-4455-SECRET"  # BodySerialNumber (in the EXIF IFD when read back)
    data.get_ifd(0x8825).update({1: "N", 2: (50.0, 25.0, 58.0), 3: "E", 4: (2.0, 49.0, 53.0)})
    return data


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_with(chunks: bytes, size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 93, 122)).save(buffer, "PNG")
    data = buffer.getvalue()
    return data[:33] + chunks + data[33:]  # after IHDR


def photo(fmt: str, size=(900, 600), **extra) -> bytes:
    """A photo full of metadata, in `fmt`."""
    image = Image.effect_noise(size, 40).convert("RGB")
    buffer = io.BytesIO()
    if fmt == "PNG":
        image.save(buffer, "PNG")
        return png_with(png_chunk(b"tEXt", b"Author\0text-secret Jeanne Secret")
                        + png_chunk(b"zTXt", b"Comment\0\0" + zlib.compress(b"comment-secret"))
                        + png_chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0" + XMP)
                        + png_chunk(b"eXIf", exif().tobytes()), size)
    if fmt == "GIF":
        image.convert("P").save(buffer, "GIF", comment=b"comment-secret Jeanne Secret")
        data = buffer.getvalue()
        xmp = b"\x21\xff\x0bXMP DataXMP" + bytes([len(XMP[:255])]) + XMP[:255] + b"\0"
        return data[:-1] + xmp + b"\x3b"
    options = {"exif": exif().tobytes(), "xmp": XMP, **extra}
    if fmt == "JPEG":
        options["comment"] = b"comment-secret"
    image.save(buffer, fmt, **options)
    data = buffer.getvalue()
    if fmt == "JPEG":  # IPTC, as Photoshop writes it: the author's name in APP13
        iptc = b"Photoshop 3.0\08BIM\x04\x04\0\0\0\0\0\x11\x1c\x02\x50\0\x0dJeanne Secret"
        data = data[:2] + b"\xff\xed" + struct.pack(">H", len(iptc) + 2) + iptc + data[2:]
    return data


def metadata_in(data: bytes) -> list[str]:
    """The metadata blocks an image file holds, read from its container."""
    found = [secret.decode() for secret in SECRETS if secret in data]
    if data.startswith(b"\xff\xd8"):
        with Image.open(io.BytesIO(data)) as image:
            for segment, payload in image.applist:
                if segment != "APP0" and not payload.startswith((b"ICC_PROFILE", b"Adobe")):
                    found.append(f"{segment} {payload[:12]!r}")
            found += [key for key in ("comment", "exif", "xmp") if key in image.info]
    elif data.startswith(b"\x89PNG"):
        at = 8
        while at < len(data):
            length, kind = struct.unpack(">I4s", data[at:at + 8])
            if kind in (b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"):
                found.append(kind.decode())
            at += 12 + length
    elif data.startswith(b"RIFF"):
        at = 12
        while at < len(data):
            kind, length = struct.unpack("<4sI", data[at:at + 8])
            if kind in (b"EXIF", b"XMP "):
                found.append(kind.decode())
            at += 8 + length + (length & 1)
    elif data.startswith(b"GIF8"):
        found += _gif_extensions(data)
    else:  # AVIF: the items of its meta box (Exif; XMP is a `mime` item)
        found += [kind for kind in _avif_item_types(data) if kind in ("Exif", "mime")]
    return found


def _gif_extensions(data: bytes) -> list[str]:
    """The comment, plain-text and application extensions of a GIF, but its looping."""
    found = []
    flags = data[10]
    at = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    while data[at] != 0x3B:
        if data[at] == 0x2C:
            flags = data[at + 9]
            at += 10 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0) + 1
        else:
            label = data[at + 1]
            if label in (0x01, 0xFE) or (label == 0xFF and data[at + 3:at + 14] != b"NETSCAPE2.0"):
                found.append(f"GIF extension {label:#x}")
            at += 2
        while data[at]:
            at += 1 + data[at]
        at += 1
    return found


def _boxes(data: bytes, start: int, end: int):
    while start + 8 <= end:
        size, kind = struct.unpack(">I4s", data[start:start + 8])
        yield kind, start + 8, start + size
        start += size


def _avif_item_types(data: bytes) -> list[str]:
    types = []
    for kind, start, end in _boxes(data, 0, len(data)):
        if kind == b"meta":
            for inner, first, last in _boxes(data, start + 4, end):  # after version and flags
                if inner == b"iinf":
                    count_size = 2 if data[first] == 0 else 4
                    for entry, at, _ in _boxes(data, first + 4 + count_size, last):
                        id_size = 2 if data[at] == 2 else 4
                        types.append(data[at + 4 + id_size + 2:at + 4 + id_size + 6].decode())
    return types


def test_the_detector_sees_the_metadata_of_every_kind_of_original():
    for fmt in ("JPEG", "PNG", "WEBP", "GIF", "AVIF"):
        assert len(metadata_in(photo(fmt, (160, 120)))) >= 2, fmt
        buffer = io.BytesIO()
        Image.effect_noise((160, 120), 60).convert("RGB").save(buffer, fmt)
        assert metadata_in(buffer.getvalue()) == [], fmt


# --- the real route: a tiny site -------------------------------------------------------

BODY = """Le plan : [plan]({static}/images/plan.jpg), [carte]({static}/images/carte.png),
[vue]({static}/images/vue.webp), [anim]({static}/images/anim.gif),
[avif]({static}/images/photo.avif), [pièce jointe]({attach}/docs/annexe.jpg).

![Le bâtiment](images/plan.jpg)

![Carte](images/carte.png)
"""
ORIGINALS = {"images/plan.jpg": "JPEG", "images/carte.png": "PNG", "images/vue.webp": "WEBP",
             "images/anim.gif": "GIF", "images/photo.avif": "AVIF", "docs/annexe.jpg": "JPEG"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("metadata")
    for name, fmt in ORIGINALS.items():
        path = folder / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(photo(fmt, (640, 400)))
    return build_site(folder, {"pages/about.fr.md": page("À propos", "a-propos", BODY)})


def test_no_published_image_carries_metadata(site):
    published = [p for p in site.output.rglob("*")
                 if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")]
    assert len(published) > 20  # variants, social cards, the static files
    for path in published:
        assert metadata_in(path.read_bytes()) == [], path.relative_to(site.output)


def test_static_images_keep_their_address_and_their_pixels(site):
    links = {a.get_text(): a["href"] for a in site.html("/a-propos/").select(".prose a")}
    assert set(links) == {"plan", "carte", "vue", "anim", "avif", "pièce jointe"}
    for text, name in (("plan", "images/plan.jpg"), ("carte", "images/carte.png"),
                       ("vue", "images/vue.webp"), ("anim", "images/anim.gif"),
                       ("pièce jointe", "docs/annexe.jpg")):
        original = site.output.parent / "content" / name
        with Image.open(original) as before, Image.open(site.path_for(links[text])) as after:
            assert after.format == before.format and after.size == before.size
            assert after.convert("RGB").tobytes() == before.convert("RGB").tobytes(), text
    with Image.open(site.path_for(links["avif"])) as avif:
        assert avif.format == "AVIF" and avif.size == (640, 400)


# --- a colour profile of megabytes -----------------------------------------------------

def padded_srgb_profile(size: int) -> bytes:
    """A valid sRGB ICC profile padded to `size` bytes (as some cameras write them)."""
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    padded = profile + b"\0" * (size - len(profile))
    return struct.pack(">I", size) + padded[4:]


# (a PNG's profile over 1 MB compressed is refused as a possible bomb: test_errors)
@pytest.mark.parametrize("fmt,suffix", [("JPEG", "jpg"), ("WEBP", "webp")])
def test_a_huge_colour_profile_is_converted_and_not_copied_to_the_variants(tree, fmt, suffix):
    path = tree / f"content/images/icc.{suffix}"
    Image.new("RGB", (900, 500), (200, 60, 30)).save(
        path, fmt, icc_profile=padded_srgb_profile(4_000_000))
    pipeline = pipeline_in(tree)
    picture = soup(pipeline.picture(f"images/icc.{suffix}", "Profil", origin=ORIGIN))
    pipeline.run(tree / "out")
    assert not pipeline.errors
    variants = [file_of(tree / "out", url.split()[0]) for element in
                [*picture.find_all("source"), picture.img] for url in element["srcset"].split(",")]
    assert len(variants) == 9  # 480, 800, 900 pixels wide; AVIF, WebP, JPEG
    for variant in variants:
        assert variant.stat().st_size < 100_000, variant.name
        with Image.open(variant) as image:
            assert "icc_profile" not in image.info
            red, green, blue = image.convert("RGB").getpixel((10, 10))[:3]
            assert abs(red - 200) < 8 and abs(green - 60) < 8 and abs(blue - 30) < 8


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "content" / "images").mkdir(parents=True)
    return tmp_path


def test_a_jpeg_variant_keeps_no_comment_even_from_a_photo(tree):
    (tree / "content/images/a.jpg").write_bytes(photo("JPEG", (600, 400)))
    pipeline = pipeline_in(tree)
    picture = soup(pipeline.picture("images/a.jpg", "A", origin=ORIGIN))
    pipeline.run(tree / "out")
    assert metadata_in(file_of(tree / "out", picture.img["src"]).read_bytes()) == []


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_stripping_keeps_the_pixels_and_drops_what_follows_the_image(fmt):
    from llv.images.metadata import strip_metadata

    original = photo(fmt, (120, 80))
    if fmt == "JPEG":  # an APP1 between the scans' tables, as some tools write it
        at = original.index(b"\xff\xdb")
        original = (original[:at] + b"\xff\xe1\x00\x12GPS-SECRET\0\0\0\0\0\0"
                    + original[at:])
    stripped = strip_metadata(original + b"text-secret appended", fmt)
    assert metadata_in(stripped) == []
    with Image.open(io.BytesIO(original)) as before, Image.open(io.BytesIO(stripped)) as after:
        assert after.convert("RGB").tobytes() == before.convert("RGB").tobytes()
    assert len(stripped) < len(original)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_a_cut_file_cannot_be_stripped(fmt):
    from llv.images.metadata import StripError, strip_metadata

    data = photo(fmt, (120, 80))
    with pytest.raises(StripError):
        strip_metadata(data[: len(data) // 2], fmt)
