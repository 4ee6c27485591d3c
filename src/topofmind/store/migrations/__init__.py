"""Ordered schema migrations (Alembic), each applied in its own transaction.

``HEAD`` names the newest revision so that opening a database can tell whether it
is current without loading Alembic; a test checks it against the scripts.
"""

HEAD = "0011"
