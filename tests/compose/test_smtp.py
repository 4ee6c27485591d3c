"""Sending over SMTP to a real server (aiosmtpd), with STARTTLS and with implicit TLS."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from topofmind.compose.drafts import Draft, Recipient
from topofmind.compose.eml import build_message
from topofmind.compose.smtp import SmtpAccount, account_from_settings, send
from topofmind.errors import DeliveryFailed
from topofmind.settings import Settings

NOW = datetime(2026, 11, 24, 15, 0, tzinfo=ZoneInfo("America/New_York"))


def message():
    draft = Draft(
        action_id="thank-you:i3:p1",
        kind="thank-you",
        recipients=[Recipient("Dana Ruiz", "dana.ruiz@northwind.example", 1)],
        subject="Merci – the interview yesterday",
        body="Hi Dana,\n\nThank you — the part about data quality stayed with me.\n\nJordan",
        in_reply_to="<thread@northwind.example>",
        references=["<thread@northwind.example>"],
    )
    return build_message(draft, "Jordan Lée", "jordan.lee@example.com", NOW)


@pytest.mark.parametrize("server_fixture", ["smtp_starttls", "smtp_tls"])
def test_send_is_received_with_headers_intact(server_fixture, request):
    server = request.getfixturevalue(server_fixture)
    send(message(), account_from_settings(Settings(server.settings)))
    [received] = server.messages
    assert received.mail_from == "jordan.lee@example.com"
    assert received.rcpt_tos == ["dana.ruiz@northwind.example"]
    got = received.message
    assert got["To"].addresses[0].display_name == "Dana Ruiz"
    assert got["From"].addresses[0].display_name == "Jordan Lée"
    assert str(got["Subject"]) == "Merci – the interview yesterday"
    assert got["In-Reply-To"] == "<thread@northwind.example>"
    assert got["References"] == "<thread@northwind.example>"
    assert "the part about data quality stayed with me" in got.get_content()


def test_wrong_password_is_one_line(smtp_starttls):
    account = SmtpAccount(smtp_starttls.host, smtp_starttls.port, "starttls", "jordan", "nope")
    with pytest.raises(DeliveryFailed, match="refused the user name or password"):
        send(message(), account)
    assert smtp_starttls.messages == []


def test_plain_connection_to_a_tls_port_fails_clearly(smtp_tls):
    account = SmtpAccount(smtp_tls.host, smtp_tls.port, "starttls", "jordan", "x")
    with pytest.raises(DeliveryFailed, match=str(smtp_tls.port)):
        send(message(), account, timeout=1)


def test_untrusted_certificate_is_refused(smtp_starttls, monkeypatch, tmp_path):
    empty = tmp_path / "none.pem"
    empty.write_text("")
    monkeypatch.setenv("SSL_CERT_FILE", str(empty))
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))
    with pytest.raises(DeliveryFailed, match="Secure connection"):
        send(message(), account_from_settings(Settings(smtp_starttls.settings)))


def test_no_server_configured_says_how_to_set_one():
    with pytest.raises(DeliveryFailed, match="tom settings set smtp_host"):
        account_from_settings(Settings())
