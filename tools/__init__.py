"""The maintainer's tools, kept out of the minecli package (and its wheel); run from the repository
root, e.g. ``python -m tools.build``."""
