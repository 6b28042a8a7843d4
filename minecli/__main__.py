"""Run minecli as ``python -m minecli``."""

from minecli.cli import main

main()
