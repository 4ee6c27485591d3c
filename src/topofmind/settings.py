"""Every setting in one place: a name, a default, a help line and the reason for it.

Values come, last one winning, from the defaults here, the TOML settings file
(``settings.toml`` in the data directory, or the path in ``TOM_SETTINGS``), and
environment variables ``TOM_<NAME>`` in upper case. Playbook windows can also be
overridden per opportunity (``Opportunity.settings``); ``Settings.for_opportunity``
applies those.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from topofmind.domain import rule_names as rules
from topofmind.errors import SettingsError
from topofmind.paths import settings_path

T = TypeVar("T")

#: The largest hours, days, count or seconds a setting takes: 27 years of days is past
#: any use, and keeps every moment a rule computes from it inside the calendar.
NUMBER_MAX = 10_000
PORT_MAX = 65_535


class Setting(Generic[T]):
    """One setting: a default, a help line and its reason; a field of ``Settings``, whose
    attribute of that name reads the value, typed as the default (not a dataclass: the
    kept agenda's fast path starts without importing ``dataclasses``)."""

    __slots__ = ("name", "default", "help", "reason", "rule", "maximum", "choices")

    def __init__(
        self,
        default: T,
        help: str,
        reason: str = "",
        rule: str = "",
        *,
        maximum: int | None = None,
        choices: tuple[str, ...] = (),
    ) -> None:
        #: The field's name in ``Settings`` (``TOM_<NAME>`` in the environment).
        self.name = ""
        self.default = default
        self.help = help
        self.reason = reason
        #: The playbook rule this setting belongs to, if any.
        self.rule = rule
        #: The largest number it takes (``NUMBER_MAX`` unless said).
        self.maximum = maximum
        #: The words a text setting takes, when it takes only some.
        self.choices = choices

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> Setting[T]: ...

    @overload
    def __get__(self, obj: Settings, owner: type | None = None) -> T: ...

    def __get__(self, obj: Settings | None, owner: type | None = None) -> Setting[T] | T:
        return self if obj is None else obj[self.name]

    def __repr__(self) -> str:
        return f"Setting({self.name!r}, {self.default!r})"


class Settings(Mapping[str, Any]):
    """Resolved setting values: each a typed attribute, the whole a mapping by name."""

    # -- thank-you --------------------------------------------------------------
    thank_you_hours = Setting(
        24,
        "Hours after a conversation by which a thank-you is due.",
        "TopResume (2017): 68% of 358 recruiters and hiring managers say a thank-you "
        "affects their decision; send within 24 hours.",
        rules.THANK_YOU,
    )
    thank_you_late_hours = Setting(
        72,
        "Hours after which a thank-you is shown as late, though still worth sending.",
        "CareerBuilder (2005): 26% expect it within two days, a further 36% within three to five.",
        rules.THANK_YOU,
    )
    thank_you_expire_days = Setting(
        14,
        "Days after which an unsent thank-you is no longer proposed.",
        "Past two weeks a thank-you reads as an afterthought; a check-in serves better.",
        rules.THANK_YOU,
    )
    # -- respond ----------------------------------------------------------------
    respond_business_days = Setting(
        1,
        "Business days to answer a request or question.",
        "The chapter: respond promptly to any requests or inquiries.",
        rules.RESPOND_PROMPTLY,
    )
    respond_request_days = Setting(
        45,
        "Days after it was made that an unanswered request stays proposed.",
        "Six weeks covers a deadline weeks ahead; past that it was settled another way.",
        rules.RESPOND_PROMPTLY,
    )
    respond_message_days = Setting(
        21,
        "Days after it came in that an unanswered message stays proposed for a reply.",
        "Three weeks on, a reply reads as a new message: the check-in takes over.",
        rules.RESPOND_PROMPTLY,
    )
    # -- updates and supplementary information --------------------------------
    supplementary_days = Setting(
        3,
        "Days to send a 'wish I had covered' note when it was not folded into the thank-you.",
        "The playbook: within 3 days.",
        rules.SUPPLEMENTARY_INFO,
    )
    update_business_days = Setting(
        2,
        "Business days after an achievement by which to share it.",
        "While it is news; two days leave room to write it well.",
        rules.PERIODIC_UPDATE,
    )
    update_window_days = Setting(
        30,
        "Days an achievement stays worth sharing as an update.",
        "News older than a month is no longer an update.",
        rules.PERIODIC_UPDATE,
    )
    # -- check-in cadences ------------------------------------------------------
    cadence_applied_days = Setting(
        10,
        "Days without two-way contact before a check-in, stage applied.",
        "Field practice: a first follow-up 7 to 10 days after applying.",
        rules.CHECK_IN,
    )
    cadence_screening_days = Setting(
        7,
        "Days without two-way contact before a check-in, stage screening.",
        "Weekly contact keeps an active process warm.",
        rules.CHECK_IN,
    )
    cadence_interviewing_days = Setting(
        7,
        "Days without two-way contact before a check-in, stage interviewing.",
        "Weekly contact keeps an active process warm.",
        rules.CHECK_IN,
    )
    cadence_offer_days = Setting(
        2,
        "Days without two-way contact before a check-in, stage offer.",
        "An open offer has a clock on both sides.",
        rules.CHECK_IN,
    )
    # -- interview preparation ------------------------------------------------
    research_hours_before = Setting(
        48,
        "Hours before an interview to refresh research.",
        "Time to read the news and note one item to cite.",
        rules.RESEARCH_BEFORE_INTERVIEW,
    )
    news_recent_days = Setting(
        21,
        "Days a news item about an organization stays worth reading before an interview "
        "and mentioning in a check-in.",
        "Three weeks: still news to them when you mention it.",
        rules.RESEARCH_BEFORE_INTERVIEW,
    )
    questions_hours_before = Setting(
        24,
        "Hours before an interview to have questions ready.",
        "The chapter: prepare insightful questions.",
        rules.QUESTIONS,
    )
    questions_minimum = Setting(
        3,
        "Unasked questions wanted per opportunity before an interview.",
        "Three leaves room when some are answered during the interview.",
        rules.QUESTIONS,
    )
    # -- networking ---------------------------------------------------------------
    connect_hours = Setting(
        48,
        "Hours after meeting someone to send a connection request.",
        "While the conversation is fresh in both minds.",
        rules.CONNECT,
    )
    engage_quiet_days = Setting(
        21,
        "Days without engagement before suggesting one with a connected insider.",
        "Light and regular beats intense and rare.",
        rules.ENGAGE,
    )
    engage_per_week = Setting(
        3,
        "At most this many engagement suggestions a week.",
        "The playbook: light, a few a week at most.",
        rules.ENGAGE,
    )
    informational_nudge_days = Setting(
        7,
        "Days before the one nudge on an unanswered informational-interview request.",
        "Ask once; one polite nudge, never two.",
        rules.INFORMATIONAL_INTERVIEW,
    )
    informational_find_days = Setting(
        7,
        "Days after an opportunity reaches its stage by which to find an insider there.",
        "Early enough that the insight and a referral still help.",
        rules.INFORMATIONAL_INTERVIEW,
    )
    event_follow_up_days = Setting(
        7,
        "Days after an event during which recording whom you met is proposed.",
        "After a week names and faces blur; the thank-yous would come too late.",
        rules.EVENT,
    )
    event_lookahead_days = Setting(
        30, "Days ahead to propose registering for an event.", "Register on sight.", rules.EVENT
    )
    # -- offers -------------------------------------------------------------------
    offer_decision_days = Setting(
        5,
        "Business days to decide an offer that came without a deadline.",
        "About a week is what employers commonly expect when they name no date.",
        rules.OFFER_DECISION,
    )
    # -- news ---------------------------------------------------------------------
    news_note_days = Setting(
        7,
        "Days a news item about an organization with an active opportunity stays worth "
        "a short note to your closest contact there.",
        "A week: still news to them, and not yet old when you mention it.",
        rules.COMPANY_NEWS,
    )
    # -- close the loop -----------------------------------------------------------
    close_note_days = Setting(
        2,
        "Days to send a gracious note after a rejection or withdrawal.",
        "The playbook: within 2 days.",
        rules.CLOSE_THE_LOOP,
    )
    close_note_expire_days = Setting(
        30,
        "Days after closing during which the gracious note is still proposed.",
        "Past a month the stay-connected touch serves better.",
        rules.CLOSE_THE_LOOP,
    )
    stay_connected_days = Setting(
        90,
        "Days after closing to propose a stay-connected touch.",
        "Roles reopen; people move.",
        rules.CLOSE_THE_LOOP,
    )
    # -- guards -------------------------------------------------------------------
    spacing_days = Setting(
        7,
        "Least days between unanswered unprompted touches to one person.",
        "Staying top-of-mind is not spamming.",
        "guards",
    )
    max_unanswered_followups = Setting(
        2,
        "Unanswered follow-ups on an opportunity before proposing a pause or another contact.",
        "Field practice: at most two unanswered follow-ups, then change route.",
        "guards",
    )
    # -- agenda -------------------------------------------------------------------
    agenda_days = Setting(
        7,
        "Days ahead that `tom today` shows after today.",
        "A week ahead is enough to plan without noise.",
    )
    agenda_limit = Setting(
        10,
        "Actions `tom today` and `tom agenda` show per group, most urgent first "
        "(0: all of them; `--all` shows all once).",
        "A list longer than a screen stops being read; the rest is counted, not hidden.",
    )
    # -- delivery -------------------------------------------------------------------
    smtp_host = Setting("", "SMTP server used by `tom draft --send` and `tom digest --send`.")
    smtp_port = Setting(587, "SMTP port (587 for STARTTLS, 465 for TLS).", maximum=PORT_MAX)
    smtp_security = Setting(
        "starttls", "SMTP security: starttls, tls or none.", choices=("starttls", "tls", "none")
    )
    smtp_user = Setting(
        "", "SMTP user name; the password comes from TOM_SMTP_PASSWORD or the system keyring."
    )
    imap_host = Setting("", "IMAP server for `tom sync imap` and `--imap-drafts`.")
    imap_port = Setting(993, "IMAP port (993 for TLS).", maximum=PORT_MAX)
    imap_security = Setting(
        "tls", "IMAP security: tls, starttls or none.", choices=("tls", "starttls", "none")
    )
    imap_user = Setting(
        "", "IMAP user name; the password comes from TOM_IMAP_PASSWORD or the system keyring."
    )
    imap_folders = Setting(
        "INBOX, Sent",
        "Comma-separated IMAP folders `tom sync imap` reads.",
        'The mail you send is the evidence that closes thank-yous and replies. "Sent" '
        "finds your server's folder of sent mail whatever it is called there "
        '("[Gmail]/Sent Mail", "Sent Items").',
    )
    imap_drafts_folder = Setting("Drafts", "IMAP folder drafts are appended to.")
    calendar_url = Setting("", "An ICS URL or path that `tom sync calendar` re-reads.")
    calendar_days_back = Setting(
        90,
        "Days before now from which recurring calendar events are expanded on import.",
        "A quarter back covers the conversations still worth following up.",
    )
    calendar_days_ahead = Setting(
        180,
        "Days after now up to which recurring calendar events are expanded on import.",
        "Half a year ahead covers any interview loop; a series without end stops somewhere.",
    )
    # -- imports ------------------------------------------------------------------
    import_calendar_seconds = Setting(
        20,
        "Seconds one calendar file may take to read; its events not read by then are "
        "listed as failed.",
        "A calendar of a job search reads in well under a second; a rule repeating every "
        "second for years must not hold an import or a sync for good.",
        maximum=3600,
    )
    import_new_people_per_item = Setting(
        50,
        "New people one message, event or posting may add; the others on it are listed "
        "as skipped, not added.",
        "An interview loop names a dozen people; a message to thousands is a newsletter.",
    )
    import_item_kb = Setting(
        2048,
        "Largest card (its photo aside) or posting read, in KiB; a larger one is listed as failed.",
        "Real cards with a photo and mail with its text are tens of KiB; this leaves room "
        "without letting one item take gigabytes of memory.",
        maximum=1_048_576,
    )
    import_message_mb = Setting(
        50,
        "Largest mail message read, attachments included, in MiB; a larger one from someone "
        "you know is listed as failed, not read.",
        "Mail with a résumé or a portfolio attached is a few MiB and providers refuse more than "
        "25 to 50; this keeps one message from taking gigabytes of memory.",
        maximum=4096,
    )
    import_csv_field_kb = Setting(
        1024,
        "Largest field of a CSV file (a LinkedIn message) read, in KiB.",
        "Python's csv refuses fields over 128 KiB; long LinkedIn messages exceed it, and "
        "a bound keeps a broken file from filling memory.",
        maximum=1_048_576,
    )
    import_zip_mb = Setting(
        200,
        "Largest CSV file read from a ZIP export once uncompressed, in MiB; larger ones, "
        "and those that expand over 100 times, are listed as failed.",
        "A LinkedIn export of ten years of messages is tens of MiB; a ZIP bomb is gigabytes.",
        maximum=100_000,
    )
    upload_mb = Setting(
        1024,
        "Largest upload the web app's Import page takes, in MiB (all files of one upload); "
        "a larger one is refused before it is read. Import larger files with `tom import`.",
        "A mailbox of several years exported from a mail program is hundreds of MiB; the "
        "upload is written to a temporary file, never held in memory, and the bound keeps a "
        "mistaken one from filling the disk.",
        maximum=1_048_576,
    )
    feed_timeout_seconds = Setting(10, "Seconds before a news feed fetch gives up.")
    sync_minutes = Setting(
        30,
        "Minutes between the web app's syncs of every source set up (mail, calendar, "
        "feeds) while `tom serve` runs; 0 turns them off.",
        "Half an hour notices the thank-you you sent this morning before you look, without "
        "asking mail servers more often than they expect.",
    )
    llm_url = Setting(
        "",
        "An OpenAI-compatible endpoint for drafting (optional); "
        "templates are used when empty or when it fails.",
    )
    llm_model = Setting("", "Model name for the optional drafting endpoint.")
    llm_timeout_seconds = Setting(
        30,
        "Seconds to wait for the drafting model before using the template.",
        "A local model writes a short email in seconds; a stalled one must not hold up the draft.",
    )

    def __init__(self, values: Mapping[str, Any] | None = None) -> None:
        self._values = {s.name: s.default for s in SETTINGS}
        for name, value in (values or {}).items():
            self._values[name] = coerce(name, value)

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def for_opportunity(self, overrides: Mapping[str, Any] | None) -> Settings:
        """These settings with an opportunity's own overrides applied."""
        if not overrides:
            return self
        return Settings({**self._values, **overrides})


#: Every setting, in the order ``Settings`` declares them.
SETTINGS: list[Setting[Any]] = [f for f in vars(Settings).values() if isinstance(f, Setting)]
BY_NAME: dict[str, Setting[Any]] = {s.name: s for s in SETTINGS}


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
