"""The `tom` command: parse arguments, call one service, render."""
