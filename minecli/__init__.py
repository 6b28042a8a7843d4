"""minecli: Mine Ban Treaty country profiles in a local TOML store."""

__version__ = "0.1.0"
