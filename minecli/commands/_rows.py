"""The options that shape a read command's rows, declared once: --fields, --sort, --reverse,
--limit, --no-headers. The command takes a keyword ``shape`` instead (minecli.query.rows)."""

import functools
import inspect
from collections.abc import Callable, Sequence
from typing import Annotated, Any

import typer

from minecli.query.rows import Shape, parse_fields


def _completer(columns: Sequence[str], listed: bool) -> Callable[[str], list[str]]:
    """Completion of field names; for --fields, the next name after those typed and a comma."""

    def complete(incomplete: str) -> list[str]:
        done, _, typed = incomplete.rpartition(",") if listed else ("", "", incomplete)
        given = set(done.split(",")) if done else set()
        lead = f"{done}," if done else ""
        return [lead + c for c in columns if c.startswith(typed) and c not in given]

    return complete


def shapes(columns: Sequence[str], *, headers: bool = True) -> Callable[[Any], Any]:
    """Give a read command the options that shape its rows; ``columns`` are the fields it
    can give (offered by completion and named in the help). ``headers`` says whether its
    output has a header row for --no-headers to leave out."""
    fields = ", ".join(columns)
    added: dict[str, tuple[Any, Any]] = {
        "fields": (
            Annotated[
                str | None,
                typer.Option(
                    "--fields",
                    help=f"Only these fields, in this order, comma-separated; of {fields}.",
                    metavar="<FIELD,...>",
                    autocompletion=_completer(columns, listed=True),
                    show_default=False,
                ),
            ],
            None,
        ),
        "sort": (
            Annotated[
                list[str] | None,
                typer.Option(
                    "--sort",
                    help="Sort by this field (natural order, blanks last); repeat for ties.",
                    metavar="<FIELD>",
                    autocompletion=_completer(columns, listed=False),
                    show_default=False,
                ),
            ],
            None,
        ),
        "reverse": (
            Annotated[bool, typer.Option("--reverse", help="Reverse the order of the rows.")],
            False,
        ),
        "limit": (
            Annotated[
                int | None,
                typer.Option(
                    "--limit",
                    min=1,
                    help="At most this many rows.",
                    metavar="<N>",
                    show_default=False,
                ),
            ],
            None,
        ),
    }
    if headers:
        added["no_headers"] = (
            Annotated[
                bool,
                typer.Option("--no-headers", help="Leave out the header row (table, csv, tsv)."),
            ],
            False,
        )
    params = [
        inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, annotation=t, default=d)
        for n, (t, d) in added.items()
    ]

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        own = inspect.signature(func, eval_str=True)
        kept = [p for n, p in own.parameters.items() if n != "shape"]

        @functools.wraps(func)
        def command(*args: Any, **kwargs: Any) -> Any:
            given = {n: kwargs.pop(n) for n in added}
            kwargs["shape"] = Shape(
                fields=parse_fields(given["fields"]),
                sort=tuple(given["sort"] or ()),
                reverse=given["reverse"],
                limit=given["limit"],
                headers=not given.get("no_headers", False),
            )
            return func(*args, **kwargs)

        every = [*kept, *params]
        command.__signature__ = own.replace(parameters=every)  # type: ignore[attr-defined]
        command.__annotations__ = {p.name: p.annotation for p in every}
        return command

    return decorate
