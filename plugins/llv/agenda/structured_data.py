"""schema.org `Event` as JSON-LD, from the same view the page shows."""

from __future__ import annotations

from llv.agenda.timing import iso
from llv.typography.typography import typeset_text

EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
    "moved-online": "https://schema.org/EventMovedOnline",
}


def attendance_mode(event) -> str:
    if event.status == "moved-online" or (event.online and not event.place):
        return "https://schema.org/OnlineEventAttendanceMode"
    if event.online and event.place:
        return "https://schema.org/MixedEventAttendanceMode"
    return "https://schema.org/OfflineEventAttendanceMode"


def event_json_ld(view, zone) -> dict:
    event = view.model
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": typeset_text(view.title.text, view.title.lang),
        "url": view.absolute_url,
        "inLanguage": view.lang,
        "startDate": iso(event.start, zone),
        "eventStatus": EVENT_STATUS[event.status],
        "eventAttendanceMode": attendance_mode(event),
    }
    if event.end is not None:
        data["endDate"] = iso(event.end, zone)
    if view.summary:
        data["description"] = typeset_text(view.summary.text, view.summary.lang)
    locations = []
    if event.place and event.status != "moved-online":
        place = {"@type": "Place", "name": typeset_text(event.place.name, view.lang)}
        if event.place.address:
            place["address"] = event.place.address
        if event.place.latitude is not None and event.place.longitude is not None:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": event.place.latitude,
                            "longitude": event.place.longitude}
        locations.append(place)
    if event.online:
        locations.append({"@type": "VirtualLocation", "url": event.online})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if view.organisers:
        data["organizer"] = [
            {"@type": "Organization", "name": str(link.label), **({"url": link.website} if link.website else {})}
            for link in view.organisers
        ]
    if event.price is not None:
        offer = {"@type": "Offer", "price": "0" if event.price == "free" else f"{event.price:.2f}",
                 "priceCurrency": "EUR"}
        if event.registration:
            offer["url"] = event.registration
        data["offers"] = offer
    return data
