"""The errors minecli reports to a user: one line on stderr and an exit code, never a traceback."""


class MinecliError(Exception):
    """An expected failure: bad input, a missing record, invalid data. Exit code 1 by default."""

    exit_code = 1


class NotFound(MinecliError):
    """A country, resolution, meeting or source that the store does not hold."""


class InvalidData(MinecliError):
    """A store file that cannot be read or does not follow the schema."""


class UsageError(MinecliError):
    """Arguments that cannot work together; exit code 2 like any usage error."""

    exit_code = 2


class ReadOnlyStore(MinecliError):
    """A write aimed at the bundled store, which ships with the package and is never edited."""
