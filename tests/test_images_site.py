"""Every page of the real site has its own social card, and no image it
publishes carries metadata (the pipeline and its Markdown and template uses:
plugins/llv/images/tests/)."""

from PIL import Image


def test_every_page_of_the_real_site_has_its_own_social_card(site):
    cards = {}
    for path in sorted(site.output.rglob("*.html")):
        if path.relative_to(site.output).parts[0] == "admin":  # the CMS, not a page to share
            continue
        document = site.html("/" + path.relative_to(site.output).as_posix())
        image = document.find("meta", property="og:image")
        assert image is not None, path
        url = image["content"]
        assert url.startswith(site.site_url + "/images/social/"), url
        with Image.open(site.path_for(url)) as card:
            assert card.size == (1200, 630)
        title = document.find("meta", property="og:title")
        cards.setdefault(url, set()).add(title["content"] if title else path.name)
    # pages with different titles never share a card
    assert all(len(titles) == 1 for titles in cards.values()), cards


def test_no_image_of_the_real_site_carries_metadata(site):
    """EXIF, XMP, comments, texts: nothing but the picture (the same check on
    originals full of metadata: plugins/llv/images/tests/test_metadata.py)."""
    from llv.images.tests.test_metadata import metadata_in

    images = [p for p in site.output.rglob("*")
              if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")]
    assert len(images) > 20
    for path in images:
        assert metadata_in(path.read_bytes()) == [], path.relative_to(site.output)
