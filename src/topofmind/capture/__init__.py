"""One module per import format: a file in, domain records out. Never writes SQL."""
