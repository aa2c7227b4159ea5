"""The agenda: events and calls for projects, their pages, archives, calendars
(iCalendar) and feeds, and the moments the agenda's state changes at."""
