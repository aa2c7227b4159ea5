"""The site's items, declared once: their kinds, the template variable a page
showing one item receives it in, and where Pelican's generators keep them.

Kinds: `news` (a news post: Pelican's article), `page`, `startup`, `event`
(the agenda) and `partner` (listed on the partners page: no page of its
own). Every item carries its kind as `item.kind`: the front-matter reader
sets it for pages and news, the generators of typed content for theirs.
"""

from __future__ import annotations

KINDS = ("news", "page", "startup", "event", "partner")

# The template variable in which a page showing one item receives it, by kind.
PAGE_ITEM = {"news": "article", "page": "page", "startup": "startup", "event": "event"}


def shown_item(context) -> tuple[str | None, object | None]:
    """(kind, item) of the page being rendered; (None, None) for a page that
    shows no one item (a listing, the search page…)."""
    for kind, variable in PAGE_ITEM.items():
        item = context.get(variable)
        if item is not None:
            return kind, item
    return None, None


# Where Pelican's ArticlesGenerator and PagesGenerator keep their items, by
# status (the posts dated after the build's day: `services().held_news`).
LISTED = ("articles", "pages", "translations")
HIDDEN = ("hidden_articles", "hidden_pages", "hidden_translations")
UNPUBLISHED = ("drafts", "drafts_translations", "draft_pages", "draft_translations")


def generator_items(generator, *groups: tuple[str, ...]) -> list:
    """The items a generator keeps in the attributes of `groups` (LISTED, HIDDEN…)."""
    return [item for group in groups for name in group
            for item in getattr(generator, name, None) or ()]
