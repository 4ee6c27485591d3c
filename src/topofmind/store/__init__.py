"""The only code that talks to the database: tables, queries, migrations."""
