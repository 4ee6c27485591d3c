"""Matching people and organizations: by email address, LinkedIn URL or phone, never
by name alone; organizations by email domain (never a free-mail domain) or exact name."""

from __future__ import annotations

from typing import Any

from topofmind.capture.freemail import domain_of, is_free_mail, organization_name
from topofmind.capture.items import (
    PersonRef,
)
from topofmind.domain.records import (
    Organization,
    Person,
)
from topofmind.services.imports.ledger import BatchLedger
from topofmind.store import batches as batch_store
from topofmind.store import import_rows
from topofmind.store import organizations as org_store
from topofmind.store import people as people_store


class Matcher(BatchLedger):
    """Finds the person or organization an item names, completing or adding it; knows
    every address and domain on the record, and one's own addresses."""

    def read_record(self) -> None:
        """One's own addresses, and every person's address and organization's domain."""
        super().read_record()
        profile = self.ctx.profile(required=False)
        self.own_addresses = {e.lower() for e in (profile.emails if profile else [])}
        self.emails, self._emails_read = people_store.email_index(self.conn)
        self.domains, self._domains_read = org_store.domain_index(self.conn)
        self._org_names = {n.lower(): i for i, n in org_store.name_candidates(self.conn)}
        self._matched: set[int] = set()
        self._created: set[int] = set()

    def read_known_again(self) -> None:
        """Read the known people, addresses and domains again after a rollback: what the
        item rolled back had added is forgotten."""
        alive = import_rows.existing_people(self.conn, self._created | self._matched)
        self._created &= alive
        self._matched &= alive
        self.emails, self._emails_read = people_store.email_index(self.conn)
        self.domains, self._domains_read = org_store.domain_index(self.conn)
        self._org_names = {n.lower(): i for i, n in org_store.name_candidates(self.conn)}

    def learn_known(self) -> None:
        """Add the addresses, domains and organizations recorded since they were read (a
        person added in the web app while a long sync runs): its next steps match them."""
        emails, self._emails_read = people_store.email_index(self.conn, self._emails_read)
        domains, self._domains_read = org_store.domain_index(self.conn, self._domains_read)
        self.emails.update(emails)
        self.domains.update(domains)
        self._org_names.update({n.lower(): i for i, n in org_store.name_candidates(self.conn)})

    def known_marks(self) -> tuple[int, int]:
        """How far the known addresses and domains have been read (their last row ids):
        a sync remembers it per folder, to look again for those added later."""
        return self._emails_read, self._domains_read

    # -- organizations and people ------------------------------------------------------

    def involves_known(self, addresses: list[str]) -> bool:
        """True when an address other than one's own is a known person's or organization's."""
        return any(
            a not in self.own_addresses and (a in self.emails or domain_of(a) in self.domains)
            for a in addresses
        )

    def is_known_address(self, address: str) -> bool:
        return address.strip().lower() in self.emails

    def is_known_domain(self, domain: str) -> bool:
        return domain.lower() in self.domains

    def organization(self, name: str | None = None, domain: str | None = None) -> int | None:
        """The organization with this domain or exact name, created when neither matches."""
        domain = (domain or "").strip().lower().lstrip("@")
        if domain and is_free_mail(domain):
            domain = ""
        name = (name or "").strip()
        if not name and not domain:
            return None
        if domain and domain in self.domains:
            return self.domains[domain]
        org_id = self._org_names.get(name.lower()) if name else None
        if org_id is None:
            org = Organization(name=name or organization_name(domain))
            org_id = org_store.add_organization(self.conn, org, batch_id=self.id)
            self._org_names[org.name.lower()] = org_id
            self._added("organizations", org_id)
        if domain:
            row = import_rows.add_organization_domain(self.conn, org_id, domain)
            self.domains[domain] = org_id
            batch_store.record_add(self.conn, self.id, "organization_domains", row)
            self._changed.add(("organizations", org_id))
        return org_id

    def match_person(self, ref: PersonRef) -> int | None:
        for address in ref.emails:
            found = self.emails.get(people_store.normalize_email(address))
            if found is not None:
                return found
        if ref.linkedin_url:
            found = people_store.person_for_linkedin(self.conn, _clean_url(ref.linkedin_url))
            if found is not None:
                return found
        for phone in ref.phones:
            if people_store.normalize_phone(phone):
                found = people_store.person_for_phone(self.conn, phone)
                if found is not None:
                    return found
        return None

    def person(self, ref: PersonRef, create: bool = True) -> int | None:
        """The person this reference describes: matched, completed, or created."""
        ref.emails = [people_store.normalize_email(e) for e in ref.emails if "@" in e and e.strip()]
        ref.emails = [e for e in dict.fromkeys(ref.emails) if e not in self.own_addresses]
        person_id = self.match_person(ref)
        if person_id is not None:
            if person_id not in self._created and person_id not in self._matched:
                self._matched.add(person_id)
                self.summary.matched += 1
            if not _only_addresses(ref) or any(self.emails.get(a) != person_id for a in ref.emails):
                self._complete(person_id, ref)
            return person_id
        if not create or not (ref.emails or ref.linkedin_url or ref.phones or ref.uid):
            return None
        return self._new_person(ref)

    def _new_person(self, ref: PersonRef) -> int:
        """Add the person the reference describes, at the organization it names or that
        their first address not on a free-mail domain belongs to."""
        org_id = None
        if ref.organization:
            org_id = self.organization(name=ref.organization)
        else:
            for address in ref.emails:
                if not is_free_mail(domain_of(address)):
                    org_id = self.organization(domain=domain_of(address))
                    break
        person = Person(
            name=_display_name(ref),
            title=ref.title,
            organization_id=org_id,
            linkedin_url=_clean_url(ref.linkedin_url),
            notes=ref.notes,
            connected=ref.connected_on is not None,
            connected_on=ref.connected_on,
        )
        person_id = people_store.add_person(self.conn, person, batch_id=self.id)
        if ref.uid:
            import_rows.fill_person(self.conn, person_id, {"vcard_uid": ref.uid})
        self._added("people", person_id)
        self._created.add(person_id)
        for address in ref.emails:
            self._add_email(person_id, address)
        for phone in ref.phones:
            self._add_phone(person_id, phone)
        return person_id

    def _add_email(self, person_id: int, address: str) -> None:
        if address in self.emails:
            return
        row = import_rows.add_person_email(self.conn, person_id, address)
        self.emails[address] = person_id
        batch_store.record_add(self.conn, self.id, "person_emails", row)
        self._changed.add(("people", person_id))

    def _add_phone(self, person_id: int, phone: str) -> None:
        number = people_store.normalize_phone(phone)
        if not number or people_store.person_for_phone(self.conn, number) is not None:
            return
        row = import_rows.add_person_phone(self.conn, person_id, number)
        batch_store.record_add(self.conn, self.id, "person_phones", row)
        self._changed.add(("people", person_id))

    def _complete(self, person_id: int, ref: PersonRef) -> None:
        """Add what the source knows and the record lacks: new addresses, phones, URL, title."""
        for address in ref.emails:
            self._add_email(person_id, address)
        for phone in ref.phones:
            self._add_phone(person_id, phone)
        row = import_rows.person_row(self.conn, person_id)
        changes: dict[str, Any] = {}
        url = _clean_url(ref.linkedin_url)
        if (
            url
            and not row["linkedin_url"]
            and people_store.person_for_linkedin(self.conn, url) is None
        ):
            changes["linkedin_url"] = url
        if ref.title and not row["title"]:
            changes["title"] = ref.title
        if ref.connected_on and not row["connected"]:
            changes.update(connected=True, connected_on=ref.connected_on)
        if ref.uid and not row["vcard_uid"]:
            changes["vcard_uid"] = ref.uid
        if ref.organization and row["organization_id"] is None:
            changes["organization_id"] = self.organization(name=ref.organization)
        if changes:
            self._updating("people", person_id)
            import_rows.fill_person(self.conn, person_id, changes)

    # -- records ------------------------------------------------------------------------


def _only_addresses(ref: PersonRef) -> bool:
    """The reference says nothing beyond addresses and a name (as mail does)."""
    return (
        not (ref.linkedin_url or ref.phones or ref.title or ref.uid or ref.organization)
        and ref.connected_on is None
    )


def _clean_url(url: str) -> str:
    url = (url or "").strip()
    return url.rstrip("/") if url else ""


def _display_name(ref: PersonRef) -> str:
    if ref.name.strip():
        return " ".join(ref.name.split())
    if ref.emails:
        local = ref.emails[0].split("@")[0]
        return " ".join(w.capitalize() for w in local.replace("_", ".").split(".") if w) or local
    return ref.linkedin_url or ref.phones[0] if (ref.linkedin_url or ref.phones) else "Unknown"
