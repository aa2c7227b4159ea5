"""One image pipeline: responsive <picture>, logos, social cards, a real cache.

Editors' guide (French): docs/images.md.

Templates
---------
``picture(source, alt, sizes=None, role="photo", priority=False, decorative=False, where=None)``
    Markup of a ``<picture>`` for an original given by its path relative to
    ``content/`` (``startup.logo``): AVIF and WebP ``<source>``s, a JPEG (PNG when
    the original has transparency) ``<img>`` with ``srcset``/``sizes``,
    ``width``/``height`` of the file it points to, ``loading="lazy"`` unless
    ``priority=True`` (then ``fetchpriority="high"``). ``role="logo"``: the
    logo is trimmed and fitted into IMAGE_LOGO_BOX, transparency kept, PNG
    fallback; an SVG original is published sanitised as a single ``<img>``.
    ``where="content/startups/x.yaml:7: logo"`` names the field in error
    messages. On a mistake the error is logged (the build fails) and "" is
    returned::

        {{ picture(startup.logo, startup.logo_alt, role="logo",
                   where=startup_source ~ ": logo") }}

``social_card(title=None, kind=None)``
    The page's social card (1200×630 PNG): ``.url`` (relative to the site
    root), ``.width``, ``.height``, ``.alt``, ``.type``. Title and kind default
    to the item being rendered (``article`` → news, ``page`` → page or home,
    ``startup``, ``partner``, ``event``; ``current_key`` naming a section → its
    listing); templates may set ``social_title``/``social_kind``. Kinds: home,
    page, news, startup, partner, event, news-index, agenda-index,
    startups-index, partners-index. ``partials/social_card.html`` writes the
    Open Graph tags.

Markdown
--------
``![description](images/batiment.jpg)`` becomes a ``<picture>``;
``![](images/frise.png){.decorative}`` is a decorative image (empty alt); an
image with no alt text and no decorative mark is an error. The first image of
a text is the main one (no lazy loading, ``fetchpriority="high"``). Code that
converts Markdown itself with ``Markdown(**settings["MARKDOWN"])`` gets the same
treatment; wrap the call in ``llv.common.reading.reading(path)`` for messages naming
the file.

Images linked with {static} / {attach}
--------------------------------------
Taken off Pelican's static files (``static_generator_finalized``) and
published at their address by the pipeline, their pixels untouched but
without metadata (``metadata.py``: EXIF, XMP, IPTC, comments, texts,
thumbnails; an AVIF is encoded again), cached like the variants. Variants
never carry metadata either, and are converted from their colour profile to
sRGB (the profile is not kept).

Content checks
--------------
``llv.images.plugin.check_image(settings, "images/logos/x.png")`` returns the mistake
in a reference (missing file, path leaving content/, unsupported format,
corrupt or too large image, named) as a sentence, or None: the build's checks,
without processing, for `make check`.

Output and cache
----------------
Files are published as ``images/<stem>-<hash10>-<width>.<ext>`` and
``images/social/<lang>-<title>-<hash10>-1200.png``, a sanitised SVG as
``images/<stem>-<hash10>-vector.svg`` (``llv.common.hashed_names``). Results are cached in
IMAGE_CACHE_DIR (default ``.cache/images/``) under the sha256 of the original's
bytes, the parameters and ``PIPELINE_VERSION``; only cache misses are
processed, in a pool of IMAGE_WORKERS processes. The build prints
"Images: N processed, M from cache".

Settings: IMAGE_CACHE_DIR, IMAGE_WIDTHS, IMAGE_FALLBACK_WIDTH, IMAGE_SIZES,
IMAGE_LOGO_BOX, IMAGE_LOGO_WIDTHS, IMAGE_LOGO_SIZES, IMAGE_MAX_BYTES,
IMAGE_MAX_PIXELS, IMAGE_WORKERS, SOCIAL_CARD_FONT_DIR, SOCIAL_CARD_DOMAIN.
"""
