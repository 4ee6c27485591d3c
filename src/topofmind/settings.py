"""Every setting in one place: a name, a default, a help line and the reason for it.

Values come, last one winning, from the defaults here, the TOML settings file
(``settings.toml`` in the data directory, or the path in ``TOM_SETTINGS``), and
environment variables ``TOM_<NAME>`` in upper case. Playbook windows can also be
overridden per opportunity (``Opportunity.settings``); ``Settings.for_opportunity``
applies those.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from topofmind.errors import SettingsError
from topofmind.paths import settings_path


class Setting(NamedTuple):
    """One setting (a named tuple: commands that read the kept agenda start without
    importing ``dataclasses``)."""

    name: str
    default: Any
    help: str
    reason: str = ""
    #: The playbook rule this setting belongs to, if any.
    rule: str = ""
    #: The largest number it takes (``NUMBER_MAX`` unless said).
    maximum: int | None = None
    #: The words a text setting takes, when it takes only some.
    choices: tuple[str, ...] = ()


#: The largest hours, days, count or seconds a setting takes: 27 years of days is past
#: any use, and keeps every moment a rule computes from it inside the calendar.
NUMBER_MAX = 10_000
PORT_MAX = 65_535


SETTINGS: list[Setting] = [
    # -- thank-you --------------------------------------------------------------
    Setting(
        "thank_you_hours",
        24,
        "Hours after a conversation by which a thank-you is due.",
        "TopResume (2017): 68% of 358 recruiters and hiring managers say a thank-you "
        "affects their decision; send within 24 hours.",
        "thank-you",
    ),
    Setting(
        "thank_you_late_hours",
        72,
        "Hours after which a thank-you is shown as late, though still worth sending.",
        "CareerBuilder (2005): 26% expect it within two days, a further 36% within three to five.",
        "thank-you",
    ),
    Setting(
        "thank_you_expire_days",
        14,
        "Days after which an unsent thank-you is no longer proposed.",
        "Past two weeks a thank-you reads as an afterthought; a check-in serves better.",
        "thank-you",
    ),
    # -- respond ----------------------------------------------------------------
    Setting(
        "respond_business_days",
        1,
        "Business days to answer a request or question.",
        "The chapter: respond promptly to any requests or inquiries.",
        "respond-promptly",
    ),
    Setting(
        "respond_request_days",
        45,
        "Days after it was made that an unanswered request stays proposed.",
        "Six weeks covers a deadline weeks ahead; past that it was settled another way.",
        "respond-promptly",
    ),
    Setting(
        "respond_message_days",
        21,
        "Days after it came in that an unanswered message stays proposed for a reply.",
        "Three weeks on, a reply reads as a new message: the check-in takes over.",
        "respond-promptly",
    ),
    # -- updates and supplementary information --------------------------------
    Setting(
        "supplementary_days",
        3,
        "Days to send a 'wish I had covered' note when it was not folded into the thank-you.",
        "The playbook: within 3 days.",
        "supplementary-info",
    ),
    Setting(
        "update_business_days",
        2,
        "Business days after an achievement by which to share it.",
        "While it is news; two days leave room to write it well.",
        "periodic-update",
    ),
    Setting(
        "update_window_days",
        30,
        "Days an achievement stays worth sharing as an update.",
        "News older than a month is no longer an update.",
        "periodic-update",
    ),
    # -- check-in cadences ------------------------------------------------------
    Setting(
        "cadence_applied_days",
        10,
        "Days without two-way contact before a check-in, stage applied.",
        "Field practice: a first follow-up 7 to 10 days after applying.",
        "check-in",
    ),
    Setting(
        "cadence_screening_days",
        7,
        "Days without two-way contact before a check-in, stage screening.",
        "Weekly contact keeps an active process warm.",
        "check-in",
    ),
    Setting(
        "cadence_interviewing_days",
        7,
        "Days without two-way contact before a check-in, stage interviewing.",
        "Weekly contact keeps an active process warm.",
        "check-in",
    ),
    Setting(
        "cadence_offer_days",
        2,
        "Days without two-way contact before a check-in, stage offer.",
        "An open offer has a clock on both sides.",
        "check-in",
    ),
    # -- interview preparation ------------------------------------------------
    Setting(
        "research_hours_before",
        48,
        "Hours before an interview to refresh research.",
        "Time to read the news and note one item to cite.",
        "research-before-interview",
    ),
    Setting(
        "news_recent_days",
        21,
        "Days a news item about an organization stays worth reading before an interview "
        "and mentioning in a check-in.",
        "Three weeks: still news to them when you mention it.",
        "research-before-interview",
    ),
    Setting(
        "questions_hours_before",
        24,
        "Hours before an interview to have questions ready.",
        "The chapter: prepare insightful questions.",
        "questions",
    ),
    Setting(
        "questions_minimum",
        3,
        "Unasked questions wanted per opportunity before an interview.",
        "Three leaves room when some are answered during the interview.",
        "questions",
    ),
    # -- networking ---------------------------------------------------------------
    Setting(
        "connect_hours",
        48,
        "Hours after meeting someone to send a connection request.",
        "While the conversation is fresh in both minds.",
        "connect",
    ),
    Setting(
        "engage_quiet_days",
        21,
        "Days without engagement before suggesting one with a connected insider.",
        "Light and regular beats intense and rare.",
        "engage",
    ),
    Setting(
        "engage_per_week",
        3,
        "At most this many engagement suggestions a week.",
        "The playbook: light, a few a week at most.",
        "engage",
    ),
    Setting(
        "informational_nudge_days",
        7,
        "Days before the one nudge on an unanswered informational-interview request.",
        "Ask once; one polite nudge, never two.",
        "informational-interview",
    ),
    Setting(
        "informational_find_days",
        7,
        "Days after an opportunity reaches its stage by which to find an insider there.",
        "Early enough that the insight and a referral still help.",
        "informational-interview",
    ),
    Setting(
        "event_follow_up_days",
        7,
        "Days after an event during which recording whom you met is proposed.",
        "After a week names and faces blur; the thank-yous would come too late.",
        "event",
    ),
    Setting(
        "event_lookahead_days",
        30,
        "Days ahead to propose registering for an event.",
        "Register on sight.",
        "event",
    ),
    # -- offers -------------------------------------------------------------------
    Setting(
        "offer_decision_days",
        5,
        "Business days to decide an offer that came without a deadline.",
        "About a week is what employers commonly expect when they name no date.",
        "offer-decision",
    ),
    # -- news ---------------------------------------------------------------------
    Setting(
        "news_note_days",
        7,
        "Days a news item about an organization with an active opportunity stays worth "
        "a short note to your closest contact there.",
        "A week: still news to them, and not yet old when you mention it.",
        "company-news",
    ),
    # -- close the loop -----------------------------------------------------------
    Setting(
        "close_note_days",
        2,
        "Days to send a gracious note after a rejection or withdrawal.",
        "The playbook: within 2 days.",
        "close-the-loop",
    ),
    Setting(
        "close_note_expire_days",
        30,
        "Days after closing during which the gracious note is still proposed.",
        "Past a month the stay-connected touch serves better.",
        "close-the-loop",
    ),
    Setting(
        "stay_connected_days",
        90,
        "Days after closing to propose a stay-connected touch.",
        "Roles reopen; people move.",
        "close-the-loop",
    ),
    # -- guards -------------------------------------------------------------------
    Setting(
        "spacing_days",
        7,
        "Least days between unanswered unprompted touches to one person.",
        "Staying top-of-mind is not spamming.",
        "guards",
    ),
    Setting(
        "max_unanswered_followups",
        2,
        "Unanswered follow-ups on an opportunity before proposing a pause or another contact.",
        "Field practice: at most two unanswered follow-ups, then change route.",
        "guards",
    ),
    # -- agenda -------------------------------------------------------------------
    Setting(
        "agenda_days",
        7,
        "Days ahead that `tom today` shows after today.",
        "A week ahead is enough to plan without noise.",
    ),
    Setting(
        "agenda_limit",
        10,
        "Actions `tom today` and `tom agenda` show per group, most urgent first "
        "(0: all of them; `--all` shows all once).",
        "A list longer than a screen stops being read; the rest is counted, not hidden.",
    ),
    # -- delivery -------------------------------------------------------------------
    Setting("smtp_host", "", "SMTP server used by `tom draft --send` and `tom digest --send`."),
    Setting("smtp_port", 587, "SMTP port (587 for STARTTLS, 465 for TLS).", maximum=PORT_MAX),
    Setting(
        "smtp_security",
        "starttls",
        "SMTP security: starttls, tls or none.",
        choices=("starttls", "tls", "none"),
    ),
    Setting(
        "smtp_user",
        "",
        "SMTP user name; the password comes from TOM_SMTP_PASSWORD or the system keyring.",
    ),
    Setting("imap_host", "", "IMAP server for `tom sync imap` and `--imap-drafts`."),
    Setting("imap_port", 993, "IMAP port (993 for TLS).", maximum=PORT_MAX),
    Setting(
        "imap_security",
        "tls",
        "IMAP security: tls, starttls or none.",
        choices=("tls", "starttls", "none"),
    ),
    Setting(
        "imap_user",
        "",
        "IMAP user name; the password comes from TOM_IMAP_PASSWORD or the system keyring.",
    ),
    Setting(
        "imap_folders",
        "INBOX, Sent",
        "Comma-separated IMAP folders `tom sync imap` reads.",
        'The mail you send is the evidence that closes thank-yous and replies. "Sent" '
        "finds your server's folder of sent mail whatever it is called there "
        '("[Gmail]/Sent Mail", "Sent Items").',
    ),
    Setting("imap_drafts_folder", "Drafts", "IMAP folder drafts are appended to."),
    Setting("calendar_url", "", "An ICS URL or path that `tom sync calendar` re-reads."),
    Setting(
        "calendar_days_back",
        90,
        "Days before now from which recurring calendar events are expanded on import.",
        "A quarter back covers the conversations still worth following up.",
    ),
    Setting(
        "calendar_days_ahead",
        180,
        "Days after now up to which recurring calendar events are expanded on import.",
        "Half a year ahead covers any interview loop; a series without end stops somewhere.",
    ),
    # -- imports ------------------------------------------------------------------
    Setting(
        "import_calendar_seconds",
        20,
        "Seconds one calendar file may take to read; its events not read by then are "
        "listed as failed.",
        "A calendar of a job search reads in well under a second; a rule repeating every "
        "second for years must not hold an import or a sync for good.",
        maximum=3600,
    ),
    Setting(
        "import_new_people_per_item",
        50,
        "New people one message, event or posting may add; the others on it are listed "
        "as skipped, not added.",
        "An interview loop names a dozen people; a message to thousands is a newsletter.",
    ),
    Setting(
        "import_item_kb",
        2048,
        "Largest card (its photo aside) or posting read, in KiB; a larger one is listed as failed.",
        "Real cards with a photo and mail with its text are tens of KiB; this leaves room "
        "without letting one item take gigabytes of memory.",
        maximum=1_048_576,
    ),
    Setting(
        "import_csv_field_kb",
        1024,
        "Largest field of a CSV file (a LinkedIn message) read, in KiB.",
        "Python's csv refuses fields over 128 KiB; long LinkedIn messages exceed it, and "
        "a bound keeps a broken file from filling memory.",
        maximum=1_048_576,
    ),
    Setting(
        "import_zip_mb",
        200,
        "Largest CSV file read from a ZIP export once uncompressed, in MiB; larger ones, "
        "and those that expand over 100 times, are listed as failed.",
        "A LinkedIn export of ten years of messages is tens of MiB; a ZIP bomb is gigabytes.",
        maximum=100_000,
    ),
    Setting(
        "upload_mb",
        1024,
        "Largest upload the web app's Import page takes, in MiB (all files of one upload); "
        "a larger one is refused before it is read. Import larger files with `tom import`.",
        "A mailbox of several years exported from a mail program is hundreds of MiB; the "
        "upload is written to a temporary file, never held in memory, and the bound keeps a "
        "mistaken one from filling the disk.",
        maximum=1_048_576,
    ),
    Setting("feed_timeout_seconds", 10, "Seconds before a news feed fetch gives up."),
    Setting(
        "sync_minutes",
        30,
        "Minutes between the web app's syncs of every source set up (mail, calendar, "
        "feeds) while `tom serve` runs; 0 turns them off.",
        "Half an hour notices the thank-you you sent this morning before you look, without "
        "asking mail servers more often than they expect.",
    ),
    Setting(
        "llm_url",
        "",
        "An OpenAI-compatible endpoint for drafting (optional); "
        "templates are used when empty or when it fails.",
    ),
    Setting("llm_model", "", "Model name for the optional drafting endpoint."),
    Setting(
        "llm_timeout_seconds",
        30,
        "Seconds to wait for the drafting model before using the template.",
        "A local model writes a short email in seconds; a stalled one must not hold up the draft.",
    ),
]

BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


class Settings(Mapping[str, Any]):
    """Resolved setting values; read like a dict or as attributes."""

    def __init__(self, values: Mapping[str, Any] | None = None) -> None:
        self._values = {s.name: s.default for s in SETTINGS}
        for name, value in (values or {}).items():
            self._values[name] = coerce(name, value)

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def for_opportunity(self, overrides: Mapping[str, Any] | None) -> Settings:
        """These settings with an opportunity's own overrides applied."""
        if not overrides:
            return self
        return Settings({**self._values, **overrides})


def coerce(name: str, value: Any) -> Any:
    """``value`` converted to the type of the setting's default, or SettingsError."""
    setting = BY_NAME.get(name)
    if setting is None:
        raise SettingsError(f"Unknown setting '{name}'. `tom settings` lists them all.")
    kind = type(setting.default)
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return _in_range(name, value)
    try:
        if kind is bool:
            text = str(value).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off"}:
                return False
            raise ValueError(value)
        value = kind(value)
    except (TypeError, ValueError):
        raise SettingsError(f"Setting '{name}' must be {kind.__name__}, not {value!r}.") from None
    return _in_range(name, value)


def _in_range(name: str, value: Any) -> Any:
    """Every number a setting holds (hours, days, counts, ports, seconds) is 0 or more and
    at most its maximum; a text setting with choices is one of them."""
    setting = BY_NAME[name]
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value < 0:
            raise SettingsError(f"Setting '{name}' must be 0 or more, not {value}.")
        top = setting.maximum or NUMBER_MAX
        if value > top:
            raise SettingsError(f"Setting '{name}' must be at most {top:,}, not {value:,}.")
    if setting.choices and value not in setting.choices:
        raise SettingsError(
            f"Setting '{name}' must be one of {', '.join(setting.choices)}, not {value!r}."
        )
    return value


def load_settings(path: Path | None = None) -> Settings:
    """Defaults, then the TOML file, then ``TOM_<NAME>`` environment variables."""
    path = path or settings_path()
    values: dict[str, Any] = {}
    if path.exists():
        import tomllib  # only when there is a file: most commands start without one

        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SettingsError(f"{path} is not valid TOML ({exc}). Fix or remove it.") from None
        # Settings may sit at the top level or under a [playbook] or any other table.
        for key, value in data.items():
            for name, item in value.items() if isinstance(value, dict) else [(key, value)]:
                values[name] = _checked(name, item, f"in {path}; fix it there")
    for setting in SETTINGS:
        variable = f"TOM_{setting.name.upper()}"
        env = os.environ.get(variable)
        if env is not None:
            values[setting.name] = _checked(setting.name, env, f"from {variable}; fix or unset it")
    return Settings(values)


def _checked(name: str, value: Any, where: str) -> Any:
    """``value`` coerced for setting ``name``, or one line saying where it came from."""
    try:
        return coerce(name, value)
    except SettingsError as exc:
        raise SettingsError(f"{str(exc).rstrip('.')} ({where}).") from None


def save_setting(name: str, value: Any, path: Path | None = None) -> Path:
    """Write one setting to the TOML file, keeping the others."""
    import tomli_w

    path = path or settings_path()
    coerced = coerce(name, value)
    data: dict[str, Any] = {}
    if path.exists():
        import tomllib

        data = tomllib.loads(path.read_text(encoding="utf-8"))
    data[name] = coerced
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(tomli_w.dumps(data), encoding="utf-8")
    tmp.replace(path)
    return path
