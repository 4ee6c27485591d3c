"""How the command line says to fix an error about one input: the option that gives it.

Services say what is wrong in words that fit any edge and name the input it is about
(``TomError.field``); the web form marks that field, and the CLI words the error with
its option, so `tom log` with no one says "--with NAME".
"""

from __future__ import annotations

from topofmind.errors import (
    DeliveryFailed,
    FetchFailed,
    InvalidValue,
    NotEmpty,
    TomError,
    UnknownPerson,
)

#: (error, field) -> the CLI's wording: ``{message}`` is the service's message and
#: ``{stem}`` the same without its final full stop.
WORDING: dict[tuple[type[TomError], str], str] = {
    (InvalidValue, "with"): "{stem}: --with NAME (repeat for a panel).",
    (UnknownPerson, "with"): "{message} Or add them as you log, with --add-new.",
    (UnknownPerson, "add_people"): "{message} Or add them here with --add-new.",
    (InvalidValue, "request_by"): "--by gives a request's deadline; add --request TEXT.",
    (InvalidValue, "ends_at"): "The end (--until) comes before the start (--at).",
    (InvalidValue, "until"): "The event ends (--until) before it starts (--at).",
    (InvalidValue, "organization"): "{stem}: --org NAME.",
    (InvalidValue, "name"): "{stem}: tom init --name 'Ada Lovelace'.",
    (InvalidValue, "work_days"): (
        "{stem}: --work-days takes day names such as mon-fri, sun-thu or mon,wed,fri."
    ),
    (FetchFailed, "feed"): "{stem} (tom org edit --feed).",
    (DeliveryFailed, "copy"): "{stem} (print it, or copy it with --copy).",
    (NotEmpty, "demo"): (
        "This database already holds a job search. Load the demo into another one "
        "(tom --db demo.db demo) or replace this one with `tom demo --reset`."
    ),
    (InvalidValue, "host"): (
        "{stem} (`tom settings set imap_host imap.example.com`), or give --host and --user."
    ),
}


def worded(exc: TomError) -> str:
    """The error as the command line shows it: naming the option to give, if any."""
    message = str(exc)
    if exc.field is None:
        return message
    for kind in type(exc).__mro__:
        wording = WORDING.get((kind, exc.field))
        if wording is not None:
            return wording.format(message=message, stem=message.removesuffix("."))
    return message
