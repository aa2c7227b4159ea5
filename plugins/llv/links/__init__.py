"""Links between items and the addresses the site publishes: internal links and
anchors, redirects, reserved output paths, and the cross-content checks run when
everything is read."""
