"""Theme files (CSS, JavaScript, fonts) published under content-hashed names (`asset()`)."""
