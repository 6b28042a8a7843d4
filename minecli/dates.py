"""Full and partial dates: a date known to the day is a ``datetime.date``; one known only to the
month or the year is kept as the text ``"2004-05"`` or ``"2004"``."""

from __future__ import annotations

import datetime as _dt
import re

_PARTIAL_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?\Z")
_FULL_RE = re.compile(r"^\d{4}-\d{2}-\d{2}\Z")  # not week dates or compact ones, which 3.11 takes


class PartialDate:
    """A date known to the year, the month or the day; orders by its earliest possible day."""

    __slots__ = ("day", "month", "year")

    def __init__(self, year: int, month: int | None = None, day: int | None = None) -> None:
        self.year, self.month, self.day = year, month, day

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PartialDate) and self.sort_key() == other.sort_key()

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key() < other.sort_key()

    def __hash__(self) -> int:
        return hash(self.sort_key())

    def __repr__(self) -> str:
        return f"PartialDate({self})"

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read a ``date`` or a ``YYYY`` / ``YYYY-MM`` / ``YYYY-MM-DD`` string; ValueError if neither."""
        if isinstance(value, _dt.datetime):
            raise ValueError(f"{value!r} is a date-time, not a date")
        if isinstance(value, _dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, str):
            m = _PARTIAL_RE.match(value)
            if m:
                month = int(m.group(2)) if m.group(2) else None
                if month is not None and not 1 <= month <= 12:
                    raise ValueError(f"month out of range in {value!r}")
                if int(m.group(1)) < 1:
                    raise ValueError(f"year out of range in {value!r}")
                return cls(int(m.group(1)), month)
            if not _FULL_RE.match(value):
                raise ValueError(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
            return cls.parse(_dt.date.fromisoformat(value))
        raise ValueError(f"{value!r} is not a date")

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def parse_date_value(text: str) -> _dt.date | str:
    """User text as a store value: a ``date`` when complete, the checked text when partial."""
    pd = PartialDate.parse(text.strip())
    if pd.day is not None:
        return _dt.date(pd.year, pd.month or 1, pd.day)
    return str(pd)


def full_date(text: str) -> _dt.date | None:
    """A complete ``YYYY-MM-DD`` date, or None when the text is not one."""
    try:
        value = parse_date_value(text)
    except ValueError:
        return None
    return value if isinstance(value, _dt.date) else None


def date_key(value: object) -> tuple[int, int, int]:
    """A sort key for a full or partial date; unknown or missing dates sort first."""
    try:
        return PartialDate.parse(value).sort_key()
    except ValueError:
        return (0, 0, 0)


def is_before(a: object, b: object) -> bool:
    """Whether date ``a`` is known to come before date ``b`` (False when either is missing)."""
    return a is not None and b is not None and date_key(a) < date_key(b)
