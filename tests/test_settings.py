"""Settings (settings.py): defaults, the TOML file, the environment, and `tom settings`."""

from __future__ import annotations

import json
import re
import tomllib

import pytest
from typer.testing import CliRunner

from topofmind.errors import SettingsError
from topofmind.settings import BY_NAME, SETTINGS, Settings, coerce, load_settings, save_setting


def test_every_setting_has_a_unique_name_a_default_and_help():
    assert len(BY_NAME) == len(SETTINGS)
    for setting in SETTINGS:
        assert setting.name.isidentifier() and setting.name == setting.name.lower()
        assert setting.help.strip().endswith((".", ")")), setting.name
        assert isinstance(setting.default, int | str | bool | float)


def test_playbook_windows_say_why():
    for setting in SETTINGS:
        if setting.rule:
            assert setting.reason, f"{setting.name} belongs to {setting.rule} but gives no reason"


def test_defaults_without_a_file(tom_home):
    settings = load_settings()
    assert settings.thank_you_hours == 24
    assert settings["cadence_applied_days"] == 10
    assert dict(settings) == {s.name: s.default for s in SETTINGS}


def test_file_then_environment(tom_home, monkeypatch):
    (tom_home / "settings.toml").write_text(
        'thank_you_hours = 12\nsmtp_host = "mail.example"\n[playbook]\nspacing_days = 5\n'
    )
    monkeypatch.setenv("TOM_THANK_YOU_HOURS", "6")
    settings = load_settings()
    assert settings.thank_you_hours == 6
    assert settings.smtp_host == "mail.example"
    assert settings.spacing_days == 5


def test_settings_file_from_tom_settings(tmp_path, monkeypatch):
    path = tmp_path / "elsewhere.toml"
    path.write_text("agenda_days = 3\n")
    monkeypatch.setenv("TOM_SETTINGS", str(path))
    assert load_settings().agenda_days == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("thank_you_hours = ", "is not valid TOML"),
        ("no_such_setting = 1\n", "Unknown setting 'no_such_setting'"),
        ('thank_you_hours = "soon"\n', "must be int, not 'soon'"),
        ("[playbook]\nrespond_request_days = -5\n", "must be 0 or more, not -5"),
    ],
)
def test_bad_settings_file(tom_home, content, message):
    (tom_home / "settings.toml").write_text(content)
    with pytest.raises(SettingsError, match=message) as raised:
        load_settings()
    assert str(tom_home / "settings.toml") in str(raised.value)


def test_a_bad_environment_value_names_its_variable(tom_home, monkeypatch):
    monkeypatch.setenv("TOM_NEWS_RECENT_DAYS", "-1")
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert str(raised.value) == (
        "Setting 'news_recent_days' must be 0 or more, not -1 "
        "(from TOM_NEWS_RECENT_DAYS; fix or unset it)."
    )


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("thank_you_hours", "36", 36),
        ("thank_you_hours", 36, 36),
        ("smtp_host", "mail.example", "mail.example"),
        ("imap_port", "143", 143),
    ],
)
def test_coerce(name, value, expected):
    assert coerce(name, value) == expected


def test_coerce_refuses_words_for_a_number():
    with pytest.raises(SettingsError):
        coerce("thank_you_hours", "many")


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("agenda_days", "99999999", "'agenda_days' must be at most 10,000, not 99,999,999."),
        ("thank_you_hours", 10**20, "'thank_you_hours' must be at most 10,000"),
        ("smtp_port", "70000", "'smtp_port' must be at most 65,535, not 70,000."),
        ("smtp_security", "bogus", "'smtp_security' must be one of starttls, tls, none"),
    ],
)
def test_coerce_refuses_what_no_rule_or_server_can_use(name, value, message):
    with pytest.raises(SettingsError, match=re.escape(message)):
        coerce(name, value)
    assert coerce("smtp_security", "tls") == "tls" and coerce("imap_port", "143") == 143


@pytest.mark.parametrize("value", ["-1", -1])
def test_coerce_refuses_a_negative_window(value):
    with pytest.raises(SettingsError, match="'news_recent_days' must be 0 or more, not -1"):
        coerce("news_recent_days", value)
    assert coerce("engage_per_week", "0") == 0  # zero turns a suggestion off


def test_per_opportunity_overrides():
    base = Settings({"cadence_applied_days": 12})
    assert base.for_opportunity({}) is base
    own = base.for_opportunity({"cadence_applied_days": "14"})
    assert own.cadence_applied_days == 14 and base.cadence_applied_days == 12


def test_save_setting_keeps_the_others(tom_home):
    (tom_home / "settings.toml").write_text('smtp_host = "mail.example"\n')
    save_setting("thank_you_hours", "20")
    data = tomllib.loads((tom_home / "settings.toml").read_text())
    assert data == {"smtp_host": "mail.example", "thank_you_hours": 20}
    with pytest.raises(SettingsError):
        save_setting("nonsense", "1")


def test_settings_commands(tom_home):
    from topofmind.cli.main import app

    runner = CliRunner()
    result = runner.invoke(app, ["settings", "set", "thank_you_hours", "18"])
    assert result.exit_code == 0, result.output
    assert f"Set thank_you_hours = 18 in {tom_home / 'settings.toml'}." in result.output
    shown = json.loads(runner.invoke(app, ["settings", "--json"]).stdout)
    assert shown["thank_you_hours"] == 18 and shown["spacing_days"] == 7
    table = runner.invoke(app, ["settings"], env={"COLUMNS": "200"})
    assert "thank_you_hours" in table.stdout and "18" in table.stdout
    bad = runner.invoke(app, ["settings", "set", "thank_you_hours", "soon"])
    assert bad.exit_code == 2
    assert bad.stderr.strip() == "Error: Setting 'thank_you_hours' must be int, not 'soon'."
    for args in (["spacing_days", "--", "-3"], ["spacing_days", "-3"]):
        negative = runner.invoke(app, ["settings", "set", *args])
        assert negative.exit_code == 2
        assert negative.stderr.strip() == (
            "Error: Setting 'spacing_days' must be 0 or more, not -3."
        )
    assert json.loads(runner.invoke(app, ["settings", "--json"]).stdout)["spacing_days"] == 7
