"""Suggestions for a name that was mistyped: a command, an option, a topic, a field."""

from __future__ import annotations

import difflib


def did_you_mean(typed: str, names: list[str], strip: str = "") -> str:
    """``; did you mean 'x'?`` naming the names close to what was typed (at most three, and only
    really close ones: a prefix of one, or a slip of a letter or two), or an empty string."""
    bare = typed.lstrip(strip).lower()
    if not bare:
        return ""
    by_bare = {n.lstrip(strip).lower(): n for n in names}
    starting = [n for b, n in by_bare.items() if len(bare) >= 3 and b.startswith(bare)]
    close = difflib.get_close_matches(bare, list(by_bare), n=2, cutoff=0.75)
    found = list(dict.fromkeys(starting or [by_bare[c] for c in close]))
    if not found or len(found) > 3:
        return ""
    quoted = [repr(n) for n in found]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"; did you mean {listed}?"
