"""Run minecli as ``python -m minecli``."""

from minecli.entry import main

main()
