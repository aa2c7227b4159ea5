"""What the site's concerns share: the build's services, files, clock, outputs,
reading, rendering, the visible-text check and the tiny test sites."""
