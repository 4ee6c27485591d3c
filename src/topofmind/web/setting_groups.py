"""How Settings shows the settings to a person: in groups, each with a human label and
a unit; a setting added later without a label still shows, under its rule's group."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from topofmind.settings import SETTINGS, Setting


@dataclass(frozen=True)
class SettingGroup:
    key: str
    title: str
    intro: str
    #: Setting names, in the order shown; empty for the groups that edit the profile.
    names: tuple[str, ...] = ()


#: name: (label, unit). Units read after the number ("24 hours").
LABELS: dict[str, tuple[str, str]] = {
    "thank_you_hours": ("Send a thank-you within", "hours"),
    "thank_you_late_hours": ("A thank-you is late after", "hours"),
    "thank_you_expire_days": ("Stop proposing a thank-you after", "days"),
    "respond_business_days": ("Answer a request or question within", "business days"),
    "respond_request_days": ("Keep proposing an answer to a request for", "days"),
    "respond_message_days": ("Keep proposing a reply to a message for", "days"),
    "supplementary_days": ("Send a “wish I had covered” note within", "days"),
    "update_business_days": ("Share an achievement within", "business days"),
    "update_window_days": ("An achievement is worth sharing for", "days"),
    "cadence_applied_days": ("Check in after an application's silence of", "days"),
    "cadence_screening_days": ("Check in after a screening's silence of", "days"),
    "cadence_interviewing_days": ("Check in while interviewing after a silence of", "days"),
    "cadence_offer_days": ("Check in on an offer after a silence of", "days"),
    "research_hours_before": ("Refresh research before an interview", "hours before"),
    "news_recent_days": ("News stays worth reading for", "days"),
    "questions_hours_before": ("Have questions ready before an interview", "hours before"),
    "questions_minimum": ("Questions to have ready", "questions"),
    "connect_hours": ("Send a connection request within", "hours of meeting"),
    "engage_quiet_days": ("Suggest engaging with an insider after", "quiet days"),
    "engage_per_week": ("Engagement suggestions at most", "a week"),
    "informational_nudge_days": ("Nudge an unanswered informational request after", "days"),
    "informational_find_days": ("Find an insider within", "days"),
    "event_follow_up_days": ("Record whom you met at an event within", "days"),
    "event_lookahead_days": ("Propose registering for events up to", "days ahead"),
    "offer_decision_days": ("Decide an offer without a deadline within", "business days"),
    "news_note_days": ("A news item is worth a note for", "days"),
    "close_note_days": ("Send a gracious note after a rejection within", "days"),
    "close_note_expire_days": ("Stop proposing the gracious note after", "days"),
    "stay_connected_days": ("Stay in touch after a closed opportunity", "days later"),
    "spacing_days": ("Leave between unanswered touches to one person", "days"),
    "max_unanswered_followups": ("Pause after unanswered follow-ups", "follow-ups"),
    "agenda_days": ("Today shows what is due in the next", "days"),
    "agenda_limit": ("Actions the command line shows per group", "(0: all)"),
    "imap_host": ("Mail server (IMAP)", ""),
    "imap_port": ("Port", ""),
    "imap_security": ("Security", ""),
    "imap_user": ("User name", ""),
    "imap_folders": ("Folders to read", "comma-separated"),
    "imap_drafts_folder": ("Folder for drafts", ""),
    "smtp_host": ("Sending server (SMTP)", ""),
    "smtp_port": ("Port", ""),
    "smtp_security": ("Security", ""),
    "smtp_user": ("User name", ""),
    "calendar_url": ("Calendar address", ".ics URL or file"),
    "calendar_days_back": ("Repeating events from", "days back"),
    "calendar_days_ahead": ("Repeating events up to", "days ahead"),
    "llm_url": ("Drafting model address", "optional"),
    "llm_model": ("Model name", ""),
    "llm_timeout_seconds": ("Wait for the model at most", "seconds"),
    "import_calendar_seconds": ("Read one calendar file for at most", "seconds"),
    "import_new_people_per_item": ("New people one message may add", "people"),
    "import_item_kb": ("Largest card or posting read", "KiB"),
    "import_message_mb": ("Largest mail message read", "MiB"),
    "import_csv_field_kb": ("Largest field of a CSV file", "KiB"),
    "import_zip_mb": ("Largest file read from a ZIP", "MiB"),
    "feed_timeout_seconds": ("Give up on a news feed after", "seconds"),
    "sync_minutes": ("Sync mail, calendar and feeds every", "minutes"),
}

#: What a setting is for, where its own help line speaks of commands and options.
HELP: dict[str, str] = {
    "imap_host": "Like imap.gmail.com or outlook.office365.com.",
    "imap_port": "993 for TLS, 143 for STARTTLS or none.",
    "imap_security": "TLS unless your server says otherwise; none only on this computer.",
    "imap_user": "Usually your full email address.",
    "imap_folders": "Read for mail to and from the people you know.",
    "imap_drafts_folder": "Drafts you keep in your mail go to this folder.",
    "smtp_host": "For sending from topofmind; often smtp. and your provider's domain.",
    "smtp_port": "587 for STARTTLS, 465 for TLS.",
    "smtp_security": "STARTTLS on 587, TLS on 465.",
    "smtp_user": "Usually your full email address.",
    "calendar_url": "The private .ics address your calendar app shares, or a file.",
    "agenda_days": "Days after today that Today shows.",
    "agenda_limit": "For the command line; the web shows every action.",
    "sync_minutes": "While the web app runs; 0 turns its syncing off.",
    "llm_url": "An OpenAI-compatible address; templates are used when empty or failing.",
}

PROFILE_GROUPS = ("you", "hours")

GROUPS: tuple[SettingGroup, ...] = (
    SettingGroup("you", "You", "Your name and addresses: mail from these is mail from you."),
    SettingGroup("hours", "Working hours", "Due times fall inside them, in your time zone."),
    SettingGroup(
        "rhythm",
        "Rhythm of follow-ups",
        "How soon each kind of follow-up falls due, and when it stops being proposed.",
    ),
    SettingGroup(
        "mail",
        "Mail",
        "The account topofmind reads (IMAP) and sends from (SMTP). Passwords go to this "
        "computer's keyring, never to your settings or records.",
        (
            "imap_host",
            "imap_port",
            "imap_security",
            "imap_user",
            "imap_folders",
            "imap_drafts_folder",
            "smtp_host",
            "smtp_port",
            "smtp_security",
            "smtp_user",
        ),  # fmt: skip
    ),
    SettingGroup(
        "calendar",
        "Calendar",
        "An address your calendar app publishes: interviews and meetups come in by themselves.",
        ("calendar_url", "calendar_days_back", "calendar_days_ahead"),
    ),
    SettingGroup(
        "drafting",
        "Drafting",
        "Drafts come from templates; a language model can phrase them instead.",
        ("llm_url", "llm_model", "llm_timeout_seconds"),
    ),
    SettingGroup(
        "importing",
        "Importing and syncing",
        "Limits that keep one odd file or a slow server from holding everything up.",
    ),
)


def label(setting: Setting) -> tuple[str, str]:
    """A setting's label and unit; one without a label reads as its help line."""
    return LABELS.get(setting.name, (setting.help.rstrip("."), ""))


@dataclass(frozen=True)
class Shown:
    """A setting as the page words it, worked out once: its label, unit, help and why."""

    label: str
    unit: str
    help: str
    default: str
    reason: str


@cache
def shown(name: str) -> Shown:
    from topofmind.web.pages import without_commands

    setting = next(s for s in SETTINGS if s.name == name)
    words, unit = label(setting)
    said = help_for(setting)
    default = str(setting.default) if setting.default != "" else "none"
    if isinstance(setting.default, int | float) and unit and not unit.startswith("("):
        default = f"{default} {unit}"
    return Shown(
        words,
        unit,
        without_commands(said) if said else "",
        default,
        without_commands(setting.reason) if setting.reason else "",
    )


def help_for(setting: Setting) -> str:
    """A setting's help line for the web ("" when the label says it all)."""
    text = HELP.get(setting.name, setting.help)
    return "" if text.rstrip(".") == label(setting)[0] else text


def members(group: SettingGroup) -> list[Setting]:
    """The settings a group shows: its own list, else (rhythm) every rule's setting and
    Today's, else (importing) what no other group took."""
    by_name = {s.name: s for s in SETTINGS}
    if group.names:
        return [by_name[n] for n in group.names if n in by_name]
    listed = {n for g in GROUPS for n in g.names}
    if group.key == "rhythm":
        return [s for s in SETTINGS if s.rule or s.name.startswith("agenda_")]
    if group.key == "importing":
        return [
            s
            for s in SETTINGS
            if s.name not in listed and not s.rule and not s.name.startswith("agenda_")
        ]
    return []


def group_of(name: str) -> SettingGroup | None:
    for group in GROUPS:
        if any(s.name == name for s in members(group)):
            return group
    return None
