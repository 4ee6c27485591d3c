"""The local web app: routes, templates and static files over the same services."""
