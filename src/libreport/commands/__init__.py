"""Commands beyond validate and build: show, new, watch, import."""
