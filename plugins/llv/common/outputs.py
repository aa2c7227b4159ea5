"""The folders and files the site publishes itself, beside what content makes:
one name each, for the code that writes them and for llv.links.reserved,
which keeps content out of them."""

ADMIN_FOLDER = "admin"  # the CMS (llv.cms)
SEARCH_INDEX_FOLDER = "pagefind"  # Pagefind's index (llv.search)
IMAGES_FOLDER = "images"  # the processed images (llv.images)
PREVIEWS_FOLDER = "previews"  # pull requests' previews, in the same bucket (tools.deploy)
SITEMAP_FILE = "sitemap.xml"  # llv.seo
ROBOTS_FILE = "robots.txt"  # llv.seo
HEADERS_FILE = "_headers"  # the header policy (tools.publishing)
REDIRECTS_FILE = "_redirects"  # the moved addresses (tools.publishing)
