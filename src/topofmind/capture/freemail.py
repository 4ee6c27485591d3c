"""Free-mail domains: an address there says nothing about the employer.

Mail from dana@acme.com makes Acme an organization; mail from dana@gmail.com
does not. The list covers the providers people actually use for job searching;
anything else is taken as an organization's own domain.
"""

from __future__ import annotations

FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "hotmail.co.uk",
        "hotmail.fr",
        "live.com",
        "msn.com",
        "yahoo.com",
        "yahoo.co.uk",
        "yahoo.fr",
        "yahoo.de",
        "ymail.com",
        "rocketmail.com",
        "aol.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "proton.me",
        "protonmail.com",
        "pm.me",
        "gmx.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "mail.com",
        "zoho.com",
        "yandex.com",
        "yandex.ru",
        "fastmail.com",
        "fastmail.fm",
        "hey.com",
        "tutanota.com",
        "comcast.net",
        "verizon.net",
        "att.net",
        "sbcglobal.net",
        "qq.com",
        "163.com",
        "126.com",
        "naver.com",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "libero.it",
        "t-online.de",
        "btinternet.com",
    }
)


def domain_of(address: str) -> str:
    """The lower-case domain of an address, '' when it has none."""
    _, at, domain = address.strip().rpartition("@")
    return domain.lower().rstrip(">").strip() if at else ""


def is_free_mail(domain_or_address: str) -> bool:
    domain = domain_of(domain_or_address) if "@" in domain_or_address else domain_or_address
    return domain.lower() in FREE_MAIL_DOMAINS


def organization_name(domain: str) -> str:
    """A readable name guessed from a domain: 'mail.acme-robotics.com' -> 'Acme Robotics'."""
    parts = domain.lower().split(".")
    if len(parts) >= 3 and parts[-2] in {"co", "com", "ac", "org", "net"}:
        core = parts[-3]
    elif len(parts) >= 2:
        core = parts[-2]
    else:
        core = parts[0]
    return " ".join(w.capitalize() for w in core.replace("_", "-").split("-") if w) or domain
