"""What the commands that look at groups of states share: naming some states, or a region."""

from typing import Annotated, Any

import typer

from minecli.commands._complete import complete_country

SomeStatesArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="The states to compare (codes or names; - reads stdin); or give --region.",
        autocompletion=complete_country,
        show_default=False,
    ),
]
RegionOption = Annotated[
    str | None,
    typer.Option(
        "--region",
        help="Only the states of this region: an M49 region or sub-region, or a UN regional "
        "group (WEOG, GRULAC, ...).",
        autocompletion=lambda incomplete: _regions(incomplete),
        show_default=False,
    ),
]


def _regions(incomplete: str) -> list[str]:
    from minecli.regions import region_names

    return [n for n in region_names() if n.casefold().startswith(incomplete.casefold())]


def in_region(profiles: list[Any], region: str | None) -> list[Any]:
    """The profiles of a region's states (all when no region is named)."""
    if region is None:
        return profiles
    from minecli.regions import members

    wanted = members(region)
    return [p for p in profiles if p["code"] in wanted]
