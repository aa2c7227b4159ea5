"""Atom and RSS feeds dated by the build, never by the machine's clock.

feedgenerator dates a feed by its newest item, and a feed with no item by the
current time, in `latest_post_date`, the method its SyndicationFeed (Django's)
has subclasses override. These date an empty feed by `empty_date` (the
build's day): two builds of the same sources give the same bytes, and the
feed changes at most daily.
"""

from feedgenerator import Atom1Feed, Rss201rev2Feed


class _DatedByTheBuild:
    def __init__(self, *args, empty_date, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_date = empty_date

    def latest_post_date(self):
        return super().latest_post_date() if self.items else self.empty_date


class AtomFeed(_DatedByTheBuild, Atom1Feed):
    pass


class RssFeed(_DatedByTheBuild, Rss201rev2Feed):
    pass
