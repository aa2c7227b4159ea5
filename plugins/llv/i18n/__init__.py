"""Languages: each item's URL in its language's space, UI strings through gettext,
dates through Babel, the writer that gives every page its language, alternates and
switch, and the items without translation."""
