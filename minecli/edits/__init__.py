"""Pure changes to records, one module per kind of change: sources, facts, entries, imports and
merges. No I/O here: the commands and the importers call these inside a writer transaction, which
validates and writes (or shows as a diff) what they changed.

Each function changes the records it is given in place and returns what a caller reports: an id,
a count, warnings.
"""
