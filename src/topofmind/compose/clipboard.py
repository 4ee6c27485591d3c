"""Copying a draft to the clipboard, where the machine has one.

``pyperclip`` is used when it is installed and finds a clipboard; otherwise the
person is told in one line, and can print the draft instead.
"""

from __future__ import annotations

from topofmind.errors import DeliveryFailed


def copy_text(text: str) -> None:
    try:
        import pyperclip  # type: ignore[import-untyped]
    except ImportError:
        raise DeliveryFailed(
            "No clipboard here (install pyperclip for one); print the draft instead."
        ) from None
    try:
        pyperclip.copy(text)
    except pyperclip.PyperclipException:
        raise DeliveryFailed("No clipboard here; print the draft instead.") from None
