"""Sending a message over SMTP, with TLS or STARTTLS, credentials never stored in settings.

The password comes from ``TOM_SMTP_PASSWORD`` or the system keyring (service
``topofmind``, name ``smtp:USER@HOST``). Certificates are verified against the
system's trust store (``SSL_CERT_FILE`` points elsewhere when needed).
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

from topofmind.compose.passwords import how_to_store, mail_password
from topofmind.errors import DeliveryFailed


@dataclass
class SmtpAccount:
    host: str
    port: int = 587
    #: "starttls", "tls" or "none".
    security: str = "starttls"
    user: str = ""
    password: str = ""


def account_from_settings(settings) -> SmtpAccount:
    if not settings.smtp_host:
        raise DeliveryFailed(
            "No SMTP server set. Run `tom settings set smtp_host HOST` (and smtp_user), "
            "or deliver with --eml FILE or --imap-drafts instead."
        )
    security = str(settings.smtp_security).lower()
    if security not in {"starttls", "tls", "none"}:
        raise DeliveryFailed(f"smtp_security must be starttls, tls or none, not '{security}'.")
    return SmtpAccount(
        host=settings.smtp_host,
        port=int(settings.smtp_port),
        security=security,
        user=settings.smtp_user,
        password=mail_password("smtp", settings.smtp_user, settings.smtp_host),
    )


def send(message: EmailMessage, account: SmtpAccount, timeout: float = 20) -> None:
    """Send ``message`` to its To/Cc addresses; DeliveryFailed with the server's reason."""
    context = ssl.create_default_context()
    try:
        if account.security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                account.host, account.port, timeout=timeout, context=context
            )
        else:
            client = smtplib.SMTP(account.host, account.port, timeout=timeout)
        with client:
            client.ehlo()
            if account.security == "starttls":
                client.starttls(context=context)
                client.ehlo()
            if account.user:
                if not account.password:
                    raise DeliveryFailed(
                        f"No SMTP password for {account.user}. Set TOM_SMTP_PASSWORD or store "
                        f"it with: {how_to_store('smtp', account.user, account.host)}"
                    )
                client.login(account.user, account.password)
            client.send_message(message)
    except DeliveryFailed:
        raise
    except UnicodeEncodeError:
        raise DeliveryFailed(
            "The SMTP user name or password has non-ASCII characters, which SMTP login "
            "cannot carry; use an app password made of ASCII characters."
        ) from None
    except smtplib.SMTPAuthenticationError:
        raise DeliveryFailed(
            f"The SMTP server {account.host} refused the user name or password."
        ) from None
    except smtplib.SMTPNotSupportedError as exc:
        raise DeliveryFailed(
            f"The SMTP server {account.host} does not support that: {exc}. Check smtp_security."
        ) from None
    except smtplib.SMTPServerDisconnected as exc:
        raise DeliveryFailed(
            f"The SMTP server {account.host}:{account.port} closed the connection ({exc}). "
            "Check smtp_port and smtp_security."
        ) from None
    except smtplib.SMTPException as exc:
        raise DeliveryFailed(f"The SMTP server {account.host} refused the message: {exc}") from None
    except ssl.SSLError as exc:
        raise DeliveryFailed(
            f"Secure connection to {account.host}:{account.port} failed ({exc.reason}). "
            "Check smtp_port and smtp_security."
        ) from None
    except OSError as exc:
        raise DeliveryFailed(
            f"Cannot reach the SMTP server {account.host}:{account.port} ({exc}). "
            "Check smtp_host and smtp_port."
        ) from None
