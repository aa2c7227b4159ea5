"""Pelican settings for the Louvre Lens Vallée site (development build)."""

import logging
from pathlib import Path

ROOT = Path(__file__).resolve().parent

SITENAME = "Louvre Lens Vallée"
SITEURL = ""
FEED_DOMAIN = SITEURL
PATH = str(ROOT / "content")
THEME = str(ROOT / "theme")
TIMEZONE = "Europe/Paris"

# --- languages ------------------------------------------------------------------
# Adding a language: an entry here, a catalogue in theme/translations/<code>/
# (`make translations`), and content files named `<key>.<code>.md`.
DEFAULT_LANG = "fr"
LANGUAGES = {
    "fr": {
        "name": "Français",
        "locale": "fr_FR",
        "prefix": "",
        "sections": {
            "news": "actualites",
            "agenda": "agenda",
            "archive": "archives",
            "startups": "start-up",
            "partners": "partenaires",
            "search": "recherche",
        },
    },
    "en": {
        "name": "English",
        "locale": "en_GB",
        "prefix": "en/",
        "sections": {
            "news": "news",
            "agenda": "events",
            "archive": "archive",
            "startups": "start-ups",
            "partners": "partners",
            "search": "search",
        },
    },
}

# `about.fr.md` and `about.en.md` are translations of each other (same key): the
# reader gives each text its key and language (plugins/llv/model/naming.py).
FILENAME_METADATA = ""
ARTICLE_TRANSLATION_ID = "key"
PAGE_TRANSLATION_ID = "key"
HOME_PAGE_KEY = "home"
APPLY_PAGE_KEY = "apply"  # the page that says whether a call for projects is open

# Templates a page may ask for with `template:` (theme/templates/<name>.html):
# `page` and `home` (llv.model.vocabulary.PAGE_TEMPLATES, named for the CMS);
# PAGE_TEMPLATES = [...] adds a theme's own. The other templates need what only
# their generators give them.

ARTICLE_PATHS = ["news"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
ARTICLE_URL = "{prefix}{section}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
ARTICLE_LANG_URL = ARTICLE_URL
ARTICLE_LANG_SAVE_AS = ARTICLE_SAVE_AS
PAGE_URL = "{prefix}{slug}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
PAGE_LANG_URL = PAGE_URL
PAGE_LANG_SAVE_AS = PAGE_SAVE_AS

# Hosts a redirect of content/redirects.yaml may lead to (https://<host>/…);
# any other address is a path of this site.
REDIRECT_HOSTS = []

NAVIGATION = ("about", "services", "place", "apply", "@startups", "@partners", "@news", "@agenda", "contact")
FOOTER_NAVIGATION = ("legal", "accessibility", "privacy", "contact")
NEWS_PER_PAGE = 10
# The news index's further pages (Pelican's paginator, llv.news): /actualites/page/2/
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{url}page/{number}/", "{base_name}/page/{number}/index.html"),
)
# Legal compliance mention shown in every footer (RGAA): no audit yet.
ACCESSIBILITY_STATUS = "non-compliant"

# Address, phone, publisher, host…: content/data/legal.yaml (llv.legal).

# Pelican's own listings and feeds are replaced by per-language ones (llv.news).
DIRECT_TEMPLATES = []
for _name in ("CATEGORY", "CATEGORIES", "TAG", "TAGS", "AUTHOR", "AUTHORS",
              "ARCHIVES", "YEAR_ARCHIVE", "MONTH_ARCHIVE", "DAY_ARCHIVE",
              "DRAFT", "DRAFT_LANG", "DRAFT_PAGE", "DRAFT_PAGE_LANG"):
    globals()[f"{_name}_SAVE_AS"] = ""
FEED_ALL_ATOM = FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None
FEED_MAX_ITEMS = 20

# The site's one plugin, plugins/llv/ (installed in .venv by `make`): its register()
# is the build in order (plugins/ARCHITECTURE.md).
PLUGINS = ["llv"]
# Theme files are published under content-hashed names by llv.assets.
THEME_STATIC_PATHS = []

# --- the CMS at /admin/ (plugins/llv/cms, docs/cms.md) -------------------------
# The git host where editors' changes become pull requests (Decap CMS's backend).
# After a change: `make schemas`, and the API's address in tools/publishing/policy.py.
CMS_BACKEND = {
    "name": "github",
    "repo": "louvrelensvallee/site",
    "branch": "main",
    "base_url": "https://cms-auth.louvrelensvallee.com",  # the OAuth relay (docs/cms.md)
    # The commit status the pull request's preview sets (.github/workflows/site.yml):
    # Decap's "Voir l'aperçu" opens its link.
    "preview_context": "deploy/preview",
}
CMS_SCRIPT = str(ROOT / "vendor" / "decap-cms" / "decap-cms.js")  # `make cms-vendor` updates it

# --- images (plugins/llv/images, docs/images.md) -----------------------------
# Processed images are cached here, outside output/: `make clean` keeps them.
IMAGE_CACHE_DIR = str(ROOT / ".cache" / "images")
IMAGE_WIDTHS = (480, 800, 1200, 1600)
IMAGE_SIZES = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"
IMAGE_LOGO_BOX = (320, 160)
IMAGE_LOGO_WIDTHS = (160, 320)
IMAGE_MAX_BYTES = 20_000_000
IMAGE_MAX_PIXELS = 50_000_000
SOCIAL_CARD_FONT_DIR = str(ROOT / "theme" / "fonts")
SOCIAL_CARD_DOMAIN = "louvrelensvallee.com"
# Pagefind's index kept by the digest of the pages it read (plugins/llv/search).
SEARCH_INDEX_CACHE_DIR = str(ROOT / ".cache" / "pagefind")

MARKDOWN = {
    "extensions": ["markdown.extensions.extra", "markdown.extensions.sane_lists"],
    "output_format": "html",
}
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "extensions": ["jinja2.ext.i18n"],
    # Each build makes new environments: a template never changes during one,
    # and checking its file's time before each page cost 0.2 s at 2 000 pages.
    "auto_reload": False,
}

# gzip/brotli copies of text files: for publishing (publishconf.py), cached by
# content hash outside output/ so that a rebuild compresses only what changed.
PRECOMPRESS = False
COMPRESSION_CACHE_DIR = str(ROOT / ".cache" / "compressed")

# Pelican's reader cache: tools.build turns it on, in a subfolder named after
# the code, settings and images (a plain `pelican` run reads everything).
CACHE_PATH = str(ROOT / ".cache" / "pelican")
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = False
# A file the reader cache cannot stamp (a loop of links) is refused, with its
# content path, by the reader; Pelican's warning would name it by its absolute path.
LOG_FILTER = [(logging.WARNING, "Cannot get modification stamp for %s\n\t%s")]
SLUGIFY_SOURCE = "title"
DEFAULT_PAGINATION = False
