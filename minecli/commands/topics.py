"""help: short pages on what holds across commands (minecli.topics), or a command's --help."""

from typing import Annotated

import typer

from minecli.errors import UsageError


def _complete_topic(ctx: typer.Context, incomplete: str) -> list[str]:
    from minecli.cli import COMMANDS
    from minecli.topics import TOPICS

    return [t for t in [*TOPICS, *COMMANDS] if t.startswith(incomplete)]


def help_topic(
    ctx: typer.Context,
    topic: Annotated[
        str | None,
        typer.Argument(
            help="A topic (exit-codes, formats, fact-paths, store) or a command.",
            autocompletion=_complete_topic,
            show_default=False,
        ),
    ] = None,
) -> None:
    """Short pages on exit statuses, output formats, fact paths and the store; without a
    topic, the list of topics. A command's name prints its --help.

    Examples:
      minecli help
      minecli help exit-codes
      minecli help fact-paths
      minecli help set
    """
    from minecli.cli import COMMANDS
    from minecli.suggest import did_you_mean
    from minecli.topics import TOPICS

    if topic is None:
        width = max(map(len, TOPICS))
        print("Topics (minecli help TOPIC):\n")
        for name, (line, _) in TOPICS.items():
            print(f"  {name:<{width}}  {line}")
        print(
            "\nEach command has its own page too: minecli help COMMAND, or minecli COMMAND --help."
        )
        return
    if topic in TOPICS:
        print(TOPICS[topic][1], end="")
        return
    if topic in COMMANDS:
        root = ctx.find_root()
        command = root.command.get_command(root, topic)  # type: ignore[attr-defined]
        with command.make_context(topic, [], parent=root, resilient_parsing=True) as sub:
            print(command.get_help(sub))
        return
    hint = did_you_mean(topic, [*TOPICS, *COMMANDS])
    raise UsageError(f"no help topic {topic!r}{hint or '; the topics are: ' + ', '.join(TOPICS)}")
