"""One module per command or group of commands: parse arguments, call the core, hand rows to render."""
