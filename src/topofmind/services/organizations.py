"""Recording organizations: adding, editing, and the one an edge names or adds."""

from __future__ import annotations

from sqlalchemy import Connection

from topofmind.domain.records import (
    Organization,
)
from topofmind.errors import InvalidValue, UnknownOrganization
from topofmind.services.context import Context
from topofmind.services.lookup import (
    resolve_organization,
)
from topofmind.store import organizations as org_store


def add_organization(
    ctx: Context,
    name: str,
    domains: list[str] | None = None,
    website: str = "",
    feeds: list[str] | None = None,
    notes: str = "",
) -> Organization:
    if not name.strip():
        raise InvalidValue("An organization needs a name.")
    from topofmind.services.secret_urls import kept

    org = Organization(
        name=name.strip(),
        domains=domains or [],
        website=website,
        feeds=[kept(f) for f in feeds or [] if f.strip()],  # a feed's token: in the keyring
        notes=notes,
    )
    with ctx.db.begin() as conn:
        _reject_duplicate_name(conn, org.name)
        org_store.add_organization(conn, org)
    return org


def _reject_duplicate_name(conn: Connection, name: str, own_id: int | None = None) -> None:
    from topofmind.errors import AlreadyExists

    for id_, existing in org_store.name_candidates(conn):
        if existing.lower() == name.lower() and id_ != own_id:
            raise AlreadyExists(f"{existing} (#{id_}) is already recorded. Use `tom org edit`.")


def edit_organization(
    ctx: Context,
    query: str,
    name: str | None = None,
    add_domains: list[str] | None = None,
    remove_domains: list[str] | None = None,
    website: str | None = None,
    add_feeds: list[str] | None = None,
    remove_feeds: list[str] | None = None,
    notes: str | None = None,
) -> Organization:
    with ctx.db.begin() as conn:
        org_id = resolve_organization(conn, query)
        org = org_store.get_organization(conn, org_id)
        if name:
            _reject_duplicate_name(conn, name.strip(), org.id)
            org.name = name.strip()
        if website is not None:
            org.website = website
        if notes is not None:
            org.notes = notes
        drop = {d.lower().lstrip("@") for d in remove_domains or []}
        org.domains = [d for d in org.domains if d not in drop] + list(add_domains or [])
        from topofmind.services.secret_urls import kept, named

        drop_feeds = {named(f) for f in remove_feeds or []}
        added = [kept(f) for f in add_feeds or [] if f.strip()]  # a feed's token: in the keyring
        org.feeds = [f for f in org.feeds if f not in drop_feeds] + added
        org_store.update_organization(conn, org)
        return org_store.get_organization(conn, org_id)


def organization_id_for(ctx: Context, conn: Connection, query: str | None) -> int | None:
    """The organization named, created when no organization matches at all."""
    return organization_id_named(ctx, conn, query) if query else None


def organization_id_named(ctx: Context, conn: Connection, query: str) -> int:
    """The organization ``query`` names, created when no organization matches at all."""
    try:
        return resolve_organization(conn, query)
    except UnknownOrganization:
        org = Organization(name=query.strip())
        org_id = org_store.add_organization(conn, org)
        ctx.notice(f"Added organization {org.name} (#{org_id}).")
        return org_id
