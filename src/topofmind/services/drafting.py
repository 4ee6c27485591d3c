"""Drafting and delivering the message an action calls for.

Gathers from the record everything a draft may say (``DraftContext``), composes
it (``compose.drafts``), keeps the person's edits (``store.drafts``), and delivers
it the way the person chooses: a .eml file, their IMAP Drafts folder, SMTP, a
mailto: link or the clipboard. What is sent through topofmind is recorded as an
outbound email, so the playbook closes the action by evidence.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import Connection

from topofmind.compose import clipboard, eml, imap_drafts, smtp
from topofmind.compose import drafts as composing
from topofmind.compose.draft_records import INFORMATIONAL_NUDGE as NUDGE
from topofmind.compose.drafts import Draft, DraftContext, Thread, check, compose, split_text
from topofmind.compose.introduction import accomplishments
from topofmind.compose.mailto import mailto_link
from topofmind.compose.passwords import mail_password
from topofmind.domain import rule_names
from topofmind.domain.actions import Action, ActionRefs
from topofmind.domain.enums import Direction, InteractionKind
from topofmind.domain.records import (
    EVENT_HOURS,
    Achievement,
    Event,
    Interaction,
    NewsItem,
    Opportunity,
    Person,
    Question,
    Request,
)
from topofmind.errors import DeliveryFailed, InvalidValue
from topofmind.paths import templates_dir
from topofmind.services.context import Context
from topofmind.services.lookup import stored_id
from topofmind.settings import Settings
from topofmind.store import achievements as achievement_store
from topofmind.store import drafts as draft_store
from topofmind.store import events as event_store
from topofmind.store import interactions as interaction_store
from topofmind.store import news as news_store
from topofmind.store import opportunities as opp_store
from topofmind.store import organizations as org_store
from topofmind.store import people as people_store
from topofmind.store import questions as question_store

REPLY_KINDS = {InteractionKind.EMAIL, InteractionKind.MESSAGE}


def find_action(ctx: Context, action_id: str) -> Action:
    from topofmind.services.agenda import get_action

    return get_action(ctx, action_id)


def _people(conn: Connection, ids: list[int]) -> list[Person]:
    found = {p.id: p for p in people_store.list_people(conn, ids=ids)} if ids else {}
    return [found[i] for i in ids if i in found]


def _last_conversation(
    conn: Connection, person_id: int, before: datetime, skip: int | None = None
) -> Interaction | None:
    """The last conversation or call with the person up to ``before`` (other than ``skip``)."""
    for item in interaction_store.list_interactions(conn, person_id=person_id, limit=50):
        spoken = item.kind.is_conversation or item.kind is InteractionKind.CALL
        if spoken and not item.scheduled and item.at <= before and item.id != skip:
            return item
    return None


def gather(ctx: Context, action: Action) -> DraftContext:
    """Everything from the record the draft for ``action`` may use."""
    profile = ctx.profile()
    refs: ActionRefs = action.refs or {}
    with ctx.db.connect() as conn:
        recipients = _people(conn, list(action.people))
        recipient = recipients[0] if recipients else None
        opp = (
            opp_store.get_opportunity(conn, action.opportunity_id)
            if action.opportunity_id
            else None
        )
        organization = opp.organization_name if opp else ""
        if not organization and recipient is not None:
            organization = recipient.organization_name
        source, request, thread, asked_at = _source(conn, refs)
        if source is None and recipient is not None and composing.draft_kind(action) == NUDGE:
            thread, asked_at = _own_thread(conn, stored_id(recipient))
        conversation, earlier = _conversations(conn, ctx, action, source, recipient)
        # A check-in names its reason (refs["reason"]): the draft writes about that one
        # thing, not whatever else is recent.
        chosen = refs.get("reason")
        settings = ctx.settings.for_opportunity(opp.settings if opp else None)
        achievements = achievement_store.list_achievements(conn)
        achievement, more_achievements = _achievements(ctx, action, achievements, settings)
        org_id = opp.organization_id if opp else (recipient.organization_id if recipient else None)
        news = (
            _news(conn, ctx, refs, org_id, settings)
            if org_id is not None and (chosen is None or refs.get("news_id"))
            else None
        )
        question = _question(conn, opp) if chosen == "question" else None
        context = DraftContext(
            profile=profile,
            now=ctx.now,
            recipients=recipients,
            opportunity=opp,
            organization=organization,
            conversation=conversation,
            conversation_people=_first_names(conversation),
            earlier=earlier,
            request=request,
            thread=thread,
            achievement=achievement,
            more_achievements=more_achievements,
            news=news,
            question=question,
            event=_event(conn, refs, conversation),
            accomplishments=accomplishments(profile, achievements),
            sent_before=_sent_before(conn, recipients),
            other_organizations=_other_organizations(conn, organization, recipients),
            asked_at=asked_at,
            panel=_panel(conn, action, conversation),
            busy=_busy(conn, ctx),
        )
    own = templates_dir() / "drafts"
    context.template_dir = own if own.is_dir() else None
    return context


def _source(
    conn: Connection, refs: ActionRefs
) -> tuple[Interaction | None, Request | None, Thread | None, datetime | None]:
    """The interaction the action answers, the request it meets, the thread a reply
    joins and, for a message of one's own, when it asked."""
    interaction_id = refs.get("interaction_id")
    if not interaction_id:
        return None, None, None, None
    source = interaction_store.get_interaction(conn, int(interaction_id))
    request, thread, asked_at = None, None, None
    wanted = refs.get("request_id")
    for asked in source.requests:
        if wanted is None or asked.id == int(wanted):
            request = asked
            break
    if source.kind in REPLY_KINDS:
        thread = Thread(source.subject, source.message_id, list(source.references))
        if source.direction is Direction.OUTBOUND:
            asked_at = source.at
    return source, request, thread, asked_at


def _own_thread(conn: Connection, person_id: int) -> tuple[Thread | None, datetime | None]:
    """A nudge answers one's own unanswered request: the thread of the last message sent
    to the person, and when it was sent."""
    for sent in interaction_store.list_interactions(conn, person_id=person_id):
        if sent.direction is Direction.OUTBOUND and sent.kind in REPLY_KINDS:
            return Thread(sent.subject, sent.message_id, list(sent.references)), sent.at
    return None, None


def _conversations(
    conn: Connection,
    ctx: Context,
    action: Action,
    source: Interaction | None,
    recipient: Person | None,
) -> tuple[Interaction | None, Interaction | None]:
    """The conversation the draft follows, and for a thank-you to someone met before
    the earlier one it builds on."""
    conversation = (
        source
        if source is not None
        and (source.kind.is_conversation or source.kind is InteractionKind.CALL)
        else None
    )
    if conversation is None and recipient is not None:
        conversation = _last_conversation(conn, stored_id(recipient), ctx.now)
    earlier = None
    if action.rule == rule_names.THANK_YOU and conversation is not None and recipient is not None:
        earlier = _last_conversation(conn, stored_id(recipient), conversation.at, conversation.id)
    return conversation, earlier


def _first_names(conversation: Interaction | None) -> list[str]:
    if conversation is None:
        return []
    return [n.split()[0] for n in conversation.participant_names if n]


def _achievements(
    ctx: Context, action: Action, achievements: list[Achievement], settings: Settings
) -> tuple[Achievement | None, list[Achievement]]:
    """The achievement the draft tells of, and the others not yet shared."""
    refs: ActionRefs = action.refs or {}
    achievement = None
    achievement_id = refs.get("achievement_id")
    if achievement_id:
        achievement = next((a for a in achievements if a.id == int(achievement_id)), None)
    elif action.rule in {rule_names.PERIODIC_UPDATE, rule_names.CLOSE_THE_LOOP}:
        window = ctx.now.date() - timedelta(days=settings.update_window_days)
        achievement = next((a for a in achievements if a.achieved_on >= window), None)
    unshared = set(refs.get("achievement_ids", ()))
    more = [a for a in achievements if a.id in unshared and a is not achievement]
    return achievement, more


def _news(
    conn: Connection, ctx: Context, refs: ActionRefs, org_id: int, settings: Settings
) -> NewsItem | None:
    """The news item named, else the organization's most recent one."""
    items = news_store.list_news(conn, org_id)
    news_id = refs.get("news_id")
    if news_id:
        return next((n for n in items if n.id == int(news_id)), None)
    recent = timedelta(days=settings.news_recent_days)
    return next(
        (n for n in items if n.published and ctx.now - n.published <= recent),
        None,
    )


def _question(conn: Connection, opp: Opportunity | None) -> Question | None:
    """The opportunity's first question not yet asked, for a check-in about it."""
    if opp is None:
        return None
    return next((q for q in question_store.list_questions(conn, opp.id) if not q.asked), None)


def _event(conn: Connection, refs: ActionRefs, conversation: Interaction | None) -> Event | None:
    """The event named, else the one a conversation at an event took place at."""
    event_id = refs.get("event_id")
    if event_id:
        return event_store.get_event(conn, int(event_id))
    if conversation is not None and conversation.kind is InteractionKind.EVENT_CONVERSATION:
        for candidate in event_store.list_events(conn):
            end = candidate.ends_at or candidate.starts_at + EVENT_HOURS
            if candidate.starts_at <= conversation.at <= end:
                return candidate
    return None


def _sent_before(conn: Connection, recipients: list[Person]) -> list[str]:
    """What was written to the recipients before, so a draft does not repeat it."""
    sent = []
    for person in recipients:
        for item in interaction_store.list_interactions(conn, person_id=person.id, limit=200):
            if item.direction is Direction.OUTBOUND and item.summary:
                sent.append(item.summary)
    return sent


def _panel(conn: Connection, action: Action, conversation: Interaction | None) -> list[Person]:
    """The others of a panel, so no two letters after one conversation say the same."""
    if conversation is None or len(conversation.participants) <= 1:
        return []
    return _people(conn, [i for i in conversation.participants if i not in action.people])


def _busy(conn: Connection, ctx: Context) -> list[tuple[datetime, datetime]]:
    """The calendar, so a reply proposing times offers free ones."""
    busy = []
    for item in interaction_store.list_interactions(conn, limit=200):
        if item.scheduled and item.at >= ctx.now - timedelta(days=1):
            busy.append((item.at, item.ends_at or item.at + timedelta(hours=1)))
    for event in event_store.list_events(conn):
        if event.registered and event.starts_at >= ctx.now - timedelta(days=1):
            busy.append((event.starts_at, event.ends_at or event.starts_at + EVENT_HOURS))
    return busy


def _other_organizations(
    conn: Connection, organization: str, recipients: list[Person]
) -> list[str]:
    """Organizations the draft must not name: every one but the recipients' own."""
    allowed = {organization.lower()} | {p.organization_name.lower() for p in recipients}
    return [name for _, name in org_store.name_candidates(conn) if name.lower() not in allowed]


def draft_for(ctx: Context, action: Action | str, *, use_llm: bool = True) -> Draft:
    """The draft for an action: the person's edit if they made one, else a fresh one."""
    if isinstance(action, str):
        action = find_action(ctx, action)
    context = gather(ctx, action)
    draft = compose(action, context)
    with ctx.db.connect() as conn:
        stored = draft_store.get_draft(conn, action.id)
    if stored is not None and stored.edited:
        draft.subject, draft.body, draft.edited = stored.subject, stored.body, True
        draft.findings = check(draft, context)
    elif use_llm and ctx.settings.llm_url:
        from topofmind.compose.llm import improve

        draft = improve(draft, context, ctx.settings, ctx.notice)
    return draft


def save_edit(ctx: Context, action: Action | str, text: str) -> Draft:
    """Keep the person's own text for this action's draft; it is used (and checked) from now on."""
    if isinstance(action, str):
        action = find_action(ctx, action)
    draft = draft_for(ctx, action, use_llm=False)
    if draft.channel == "email":
        subject, body = split_text(text)
        subject = subject or draft.subject
    else:
        subject, body = "", text.strip()
    if not body.strip():
        raise InvalidValue("The edited draft is empty; nothing was saved.")
    with ctx.db.begin() as conn:
        draft_store.save_draft(
            conn,
            action.id,
            [asdict(r) for r in draft.recipients],
            subject,
            body,
            True,
            ctx.now,
        )
    return draft_for(ctx, action, use_llm=False)


def check_text(ctx: Context, action: Action, text: str | None) -> Draft:
    """The action's draft with the text in the editor when it differs: checked, not saved."""
    draft = draft_for(ctx, action, use_llm=False)
    if text is None or text.strip() == draft.text.strip():
        return draft
    if draft.channel == "email":
        subject, body = split_text(text)
        draft.subject, draft.body = subject or draft.subject, body
    else:
        draft.body = text.strip()
    draft.findings = check(draft, gather(ctx, action))
    return draft


def discard_edit(ctx: Context, action_id: str) -> None:
    with ctx.db.begin() as conn:
        draft_store.delete_draft(conn, action_id)


# -- delivery -----------------------------------------------------------------------


def message_for(ctx: Context, draft: Draft) -> EmailMessage:
    if draft.channel != "email":
        raise DeliveryFailed(
            "This is a LinkedIn note: paste it into the connection request.", field="copy"
        )
    profile = ctx.profile()
    return eml.build_message(
        draft, profile.name, profile.emails[0] if profile.emails else "", ctx.now
    )


def write_eml(ctx: Context, draft: Draft, path: Path) -> Path:
    return eml.write_eml(message_for(ctx, draft), path)


def to_imap_drafts(ctx: Context, draft: Draft) -> str:
    """Append the draft to the Drafts folder of the person's IMAP account; the folder."""
    from topofmind.services.sync.imap import account_from_settings

    settings = ctx.settings
    if not settings.imap_host or not settings.imap_user:
        raise DeliveryFailed(
            "No IMAP account set. Run `tom settings set imap_host HOST` and "
            "`tom settings set imap_user NAME`, or deliver with --eml FILE instead."
        )
    account = account_from_settings(settings)
    account.password = mail_password("imap", account.user, account.host)
    return imap_drafts.append_draft(message_for(ctx, draft), account, ctx.now)


def send(ctx: Context, action: Action, draft: Draft) -> Interaction:
    """Send over SMTP and record it as an outbound email, which closes the action."""
    message = message_for(ctx, draft)
    smtp.send(message, smtp.account_from_settings(ctx.settings))
    return record_sent(ctx, action, draft, message)


def record_sent(
    ctx: Context, action: Action, draft: Draft, message: EmailMessage | None = None
) -> Interaction:
    """Record the draft as what was sent: the email ``message`` when topofmind sent it;
    without one, what the person sent themselves ("I sent it"): an email under a
    Message-ID topofmind cannot know, or a LinkedIn connection request with its note.
    The copy read later (the Sent folder, the LinkedIn export) is matched to this record
    by recipient, subject and time (``services.imports``)."""
    message_id = message["Message-ID"] if message is not None else None
    email = draft.channel == "email"
    item = Interaction(
        at=ctx.now,
        kind=InteractionKind.EMAIL if email else InteractionKind.LINKEDIN_CONNECTION,
        direction=Direction.OUTBOUND,
        participants=[r.person_id for r in draft.recipients if r.person_id],
        opportunity_id=action.opportunity_id,
        subject=draft.subject if email else "",
        summary=draft.body,
        source=interaction_store.DRAFT_SOURCE,
        external_id=message_id,
        message_id=message_id,
        in_reply_to=draft.in_reply_to if email else None,
        references=list(draft.references) if email else [],
        purpose=action.purpose,
    )
    with ctx.db.begin() as conn:
        interaction_store.add_interaction(conn, item)
        draft_store.delete_draft(conn, action.id)
    return item


def mailto(draft: Draft) -> str:
    return mailto_link(draft)


def copy(draft: Draft) -> None:
    clipboard.copy_text(draft.text)


# -- reminders where people already look ---------------------------------------------


def calendar_ics(ctx: Context) -> bytes:
    """The open actions as an iCalendar file (VTODO, and VEVENT with an alarm at the due time)."""
    from topofmind.compose.reminders import actions_calendar
    from topofmind.services.agenda import current_actions

    return actions_calendar(current_actions(ctx), ctx.now)


def write_calendar(ctx: Context, path: Path) -> Path:
    path = Path(path).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(calendar_ics(ctx))
    return path


def daily_digest(ctx: Context):
    """The day's agenda as a Digest (render it as text or HTML)."""
    from topofmind.compose.digest import Digest
    from topofmind.services.agenda import agenda

    today = agenda(ctx, days=1)
    profile = ctx.profile()
    return Digest(
        profile.name,
        ctx.now,
        profile.timezone,
        today.overdue,
        today.today,
        today.upcoming,
        limit=ctx.settings.agenda_limit,
    )


def digest_pages(ctx: Context) -> tuple[str, str]:
    """The day's digest as text and as HTML."""
    from topofmind.compose.digest import render_html, render_text

    found = daily_digest(ctx)
    return render_text(found), render_html(found)


def send_digest(ctx: Context) -> str:
    """Mail the day's digest (text and HTML) to the person's own address; the address."""
    from email import policy
    from email.message import EmailMessage
    from email.utils import format_datetime, make_msgid

    from topofmind.compose.digest import render_html, render_text

    digest = daily_digest(ctx)
    profile = ctx.profile()
    if not profile.emails:
        raise DeliveryFailed("Your profile has no email address to send the digest to.")
    me = eml.address(profile.name, profile.emails[0])
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = me
    message["To"] = me
    message["Subject"] = digest.subject
    message["Date"] = format_datetime(ctx.now)
    message["Message-ID"] = make_msgid(domain=profile.emails[0].partition("@")[2])
    message.set_content(render_text(digest), cte="quoted-printable")
    message.add_alternative(render_html(digest), subtype="html", cte="quoted-printable")
    smtp.send(message, smtp.account_from_settings(ctx.settings))
    return profile.emails[0]
