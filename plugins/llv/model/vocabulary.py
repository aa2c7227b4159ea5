"""Closed lists of values (sectors, programmes, kinds…), declared once.

A value is written in YAML as its `value` (e.g. `arts-and-crafts`); readers see
its label translated through the gettext catalogues (English source strings,
marked with N_), and its facet URL is the slug of that translated label
(llv.directory.pages, with Pelican's slug settings).
"""

from __future__ import annotations

from dataclasses import dataclass

from llv.i18n.core import N_


@dataclass(frozen=True)
class Term:
    value: str
    label: str  # English source string, translated with language.gettext()


@dataclass(frozen=True)
class Vocabulary:
    name: str  # what one value is called in messages ("sector")
    terms: tuple[Term, ...]

    @property
    def values(self) -> list[str]:
        return [t.value for t in self.terms]

    def term(self, value: str) -> Term:
        return next(t for t in self.terms if t.value == value)

    def label(self, value: str, language) -> str:
        return language.gettext(self.term(value).label)

    def position(self, value: str) -> int:
        return self.values.index(value)


# LLV's axes and domains (FACTS.md: offer of services, domains named by the cluster).
SECTORS = Vocabulary("sector", (
    Term("digitisation", N_("Digitisation of works")),
    Term("heritage", N_("Heritage and conservation")),
    Term("mediation", N_("Cultural mediation")),
    Term("arts-and-crafts", N_("Arts and crafts")),
    Term("tourism", N_("Tourism")),
    Term("education", N_("Education and e-learning")),
    Term("visitor-experience", N_("Visitor experience")),
    Term("data", N_("Data")),
    Term("architecture", N_("Architecture")),
    Term("design", N_("Design")),
    Term("serious-games", N_("Serious games")),
    Term("health", N_("Health")),
))

PROGRAMMES = Vocabulary("programme", (
    Term("incubation", N_("Incubation")),
    Term("acceleration", N_("Acceleration")),
    Term("nursery", N_("Nursery")),
))

STARTUP_STATUSES = Vocabulary("status", (
    Term("current", N_("Currently supported")),
    Term("alumni", N_("Alumni")),
))

# Order = order of the groups on the partners page (founding members first).
# Funding is not a kind of partner: it is a role, dated and sourced (PARTNER_ROLES).
PARTNER_KINDS = Vocabulary("partner kind", (
    Term("founding-member", N_("Founding members")),
    Term("institutional-partner", N_("Institutional partners")),
    Term("company-partner", N_("Company partners")),
    Term("french-tech-community", N_("French Tech community")),
))

# What a partner did or does for Louvre Lens Vallée: each role a partner is
# given carries its period and its source (schema.PartnerRole).
PARTNER_ROLES = Vocabulary("partner role", (
    Term("initiator", N_("Initiated the cluster")),
    Term("funder", N_("Funder")),
    Term("backer", N_("Supports and champions the project")),
    Term("stakeholder", N_("Stakeholder")),
))

SOCIAL_NETWORKS = Vocabulary("social network", (
    Term("linkedin", "LinkedIn"),
    Term("instagram", "Instagram"),
    Term("facebook", "Facebook"),
    Term("x", "X"),
    Term("mastodon", "Mastodon"),
    Term("bluesky", "Bluesky"),
    Term("youtube", "YouTube"),
    Term("vimeo", "Vimeo"),
    Term("github", "GitHub"),
))

EVENT_KINDS = Vocabulary("event kind", (
    Term("culturathon", N_("Culturathon")),
    Term("afterwork", N_("Afterwork")),
    Term("workshop", N_("Workshop")),
    Term("conference", N_("Conference")),
    Term("salon", N_("Trade fair")),
    Term("launch", N_("Official launch")),
    Term("call-for-projects", N_("Call for projects")),
))

# Who runs an event: the agenda claims Louvre Lens Vallée as organiser only
# when an editor says so (`run_by: llv`).
EVENT_RUN_BY = Vocabulary("organiser", (
    Term("llv", N_("Organised by Louvre Lens Vallée")),
    Term("local", N_("Local event, listed for information")),
    Term("not-stated", N_("Organiser not stated")),
))

EVENT_STATUSES = Vocabulary("event status", (
    Term("scheduled", N_("Scheduled")),
    Term("cancelled", N_("Cancelled")),
    Term("postponed", N_("Postponed")),
    Term("moved-online", N_("Moved online")),
))

# Kinds of item a visitor can search for (plugins/llv/search): the site's kinds
# (llv.common.items.KINDS), calls for projects apart from other events; order =
# order of the search page's listing.
ITEM_KINDS = Vocabulary("kind of item", (
    Term("startup", N_("Start-up")),
    Term("event", N_("Event")),
    Term("call", N_("Call for projects")),
    Term("news", N_("News")),
    Term("page", N_("Page")),
    Term("partner", N_("Partner")),
))

# Facets of the start-up directory: (field, vocabulary or None for years, URL word)
FACET_WORDS = {
    "sectors": N_("sector"),
    "cohort": N_("cohort"),
    "programme": N_("programme"),
    "status": N_("status"),
}
# A filter's "any value" option, one per facet: French agrees it with the facet's
# noun ("Toutes les promotions", "Tous les secteurs").
FACET_ANY = {
    "sectors": N_("Any sector"),
    "cohort": N_("Any cohort"),
    "programme": N_("Any programme"),
    "status": N_("Any status"),
}

# The templates a page may ask for (`template:` in its front matter); the
# PAGE_TEMPLATES setting may add a theme's own (llv.model.store).
PAGE_TEMPLATES = Vocabulary("page template", (
    Term("page", N_("Page")),
    Term("home", N_("Home page")),
))
