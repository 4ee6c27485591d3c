"""The use cases the edges call: record, look up, build the agenda, import a file."""
