"""Each setting is a typed field of ``Settings``: read as an attribute, it is the value,
of the default's type; read on the class, it is the setting with its documentation."""

from __future__ import annotations

import pytest

from topofmind.domain import rule_names
from topofmind.settings import SETTINGS, Setting, Settings


def test_each_setting_reads_as_an_attribute_of_its_defaults_type():
    settings = Settings({"thank_you_hours": "36", "smtp_host": "mail.example"})
    for setting in SETTINGS:
        value = getattr(settings, setting.name)
        assert value == settings[setting.name]
        assert type(value) is type(setting.default), setting.name
    assert (settings.thank_you_hours, settings.smtp_host) == (36, "mail.example")


def test_the_class_holds_each_setting_in_its_order():
    assert Settings.thank_you_hours is SETTINGS[0]
    assert isinstance(Settings.smtp_port, Setting) and Settings.smtp_port.name == "smtp_port"
    assert list(Settings()) == [s.name for s in SETTINGS]


def test_a_name_that_is_no_setting_is_no_attribute():
    with pytest.raises(AttributeError):
        Settings().thank_you_days  # noqa: B018


def test_a_rules_settings_name_the_rule_by_its_constant():
    rules = {s.rule for s in SETTINGS if s.rule}
    assert rules - set(rule_names.ALL) == {"guards"}
