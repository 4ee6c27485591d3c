"""Organizations, their email domains and their news feeds."""

from __future__ import annotations

from sqlalchemy import Connection, delete, func, select

from topofmind.domain.records import Organization
from topofmind.errors import AlreadyExists, UnknownOrganization
from topofmind.store.rows import OWNER, index_after, insert_row, keep_only, owned, saved, update_row
from topofmind.store.schema import feeds, organization_domains, organizations


def _domains_by_org(conn: Connection, ids: list[int] | None = None) -> dict[int, list[str]]:
    query = select(organization_domains.c.organization_id, organization_domains.c.domain).where(
        organization_domains.c.owner_id == OWNER
    )
    if ids is not None:
        query = query.where(organization_domains.c.organization_id.in_(ids))
    out: dict[int, list[str]] = {}
    for org_id, domain in conn.execute(query.order_by(organization_domains.c.id)):
        out.setdefault(org_id, []).append(domain)
    return out


def _feeds_by_org(conn: Connection, ids: list[int] | None = None) -> dict[int, list[str]]:
    query = select(feeds.c.organization_id, feeds.c.url).where(feeds.c.owner_id == OWNER)
    if ids is not None:
        query = query.where(feeds.c.organization_id.in_(ids))
    out: dict[int, list[str]] = {}
    for org_id, url in conn.execute(query.order_by(feeds.c.id)):
        out.setdefault(org_id, []).append(url)
    return out


def list_organizations(conn: Connection, ids: list[int] | None = None) -> list[Organization]:
    query = owned(organizations).order_by(func.lower(organizations.c.name))
    if ids is not None:
        query = query.where(organizations.c.id.in_(ids))
    rows = conn.execute(query).mappings().all()
    wanted = [r["id"] for r in rows] if ids is not None else None
    domains = _domains_by_org(conn, wanted)
    urls = _feeds_by_org(conn, wanted)
    return [
        Organization(
            id=r["id"],
            name=r["name"],
            website=r["website"],
            notes=r["notes"],
            domains=domains.get(r["id"], []),
            feeds=urls.get(r["id"], []),
        )
        for r in rows
    ]


def get_organization(conn: Connection, org_id: int) -> Organization:
    found = list_organizations(conn, [org_id])
    if not found:
        raise UnknownOrganization(f"No organization has id {org_id}. `tom org list` shows them.")
    return found[0]


def name_candidates(conn: Connection, ids: list[int] | None = None) -> list[tuple[int, str]]:
    """(id, name) for every organization, or for those of ``ids``."""
    query = select(organizations.c.id, organizations.c.name).where(
        organizations.c.owner_id == OWNER
    )
    if ids is not None:
        query = query.where(organizations.c.id.in_(ids))
    return [(r.id, r.name) for r in conn.execute(query)]


def organization_for_domain(conn: Connection, domain: str) -> int | None:
    query = select(organization_domains.c.organization_id).where(
        organization_domains.c.owner_id == OWNER,
        organization_domains.c.domain == domain.lower(),
    )
    return conn.execute(query).scalar()


def domain_index(conn: Connection, after: int = 0) -> tuple[dict[str, int], int]:
    """Every known email domain recorded after the row id ``after``, with the
    organization it belongs to; and the last row id read, to ask again from."""
    d = organization_domains.c
    return index_after(conn, d.domain, d.organization_id, after)


def add_organization(conn: Connection, org: Organization, batch_id: int | None = None) -> int:
    org.id = insert_row(
        conn,
        organizations,
        {"name": org.name, "website": org.website, "notes": org.notes, "batch_id": batch_id},
    )
    set_domains(conn, org.id, org.domains)
    set_feeds(conn, org.id, org.feeds)
    return org.id


def update_organization(conn: Connection, org: Organization) -> None:
    org_id = saved(org.id)
    update_row(
        conn, organizations, org_id, {"name": org.name, "website": org.website, "notes": org.notes}
    )
    set_domains(conn, org_id, org.domains)
    set_feeds(conn, org_id, org.feeds)


def set_domains(conn: Connection, org_id: int, domains: list[str]) -> None:
    wanted = []
    for domain in domains:
        domain = domain.strip().lower().lstrip("@")
        if domain and domain not in wanted:
            wanted.append(domain)
    for domain in wanted:
        other = organization_for_domain(conn, domain)
        if other is not None and other != org_id:
            raise AlreadyExists(
                f"The domain {domain} already belongs to organization #{other}. "
                "Remove it there first (tom org edit)."
            )
    d = organization_domains.c
    keep_only(conn, d.organization_id, org_id, d.domain, wanted)


def set_feeds(conn: Connection, org_id: int, urls: list[str]) -> None:
    current = _feeds_by_org(conn, [org_id]).get(org_id, [])
    wanted = list(dict.fromkeys(u.strip() for u in urls if u.strip()))
    for url in current:
        if url not in wanted:
            conn.execute(delete(feeds).where(feeds.c.organization_id == org_id, feeds.c.url == url))
    for url in wanted:
        if url not in current:
            insert_row(conn, feeds, {"organization_id": org_id, "url": url})
