"""capture/mbox.py and capture/maildir.py: splitting mail stores into messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from topofmind.capture import mbox
from topofmind.capture.email import scan_addresses
from topofmind.capture.maildir import is_maildir, iter_maildir
from topofmind.capture.mbox import NotAnMbox, iter_mbox

DATA = Path(__file__).parent.parent / "data" / "email"


def test_mbox_split_including_a_first_message_without_its_from_line():
    messages = list(iter_mbox(DATA / "inbox.mbox"))
    assert [n for n, _ in messages] == [1, 2, 3, 4, 5]
    assert scan_addresses(messages[0][1]).sender == ["dana.ruiz@northwind.example"]
    # A body line starting with "From " (no time on it) does not start a message.
    assert b"From here on, everything is on sale." in messages[1][1]
    assert all(not raw.startswith(b"From ") for _, raw in messages)


def test_mbox_split_the_same_across_small_blocks(monkeypatch):
    whole = list(iter_mbox(DATA / "inbox.mbox"))
    monkeypatch.setattr(mbox, "BLOCK", 7)
    assert list(iter_mbox(DATA / "inbox.mbox")) == whole


def test_crlf_mbox(tmp_path):
    path = tmp_path / "crlf.mbox"
    path.write_bytes((DATA / "inbox.mbox").read_bytes().replace(b"\n", b"\r\n"))
    assert len(list(iter_mbox(path))) == 5


def test_a_file_that_is_not_mail_is_refused_with_the_reason():
    with pytest.raises(NotAnMbox, match="not an mbox file or an email message"):
        list(iter_mbox(DATA / "not-mail.mbox"))


def test_empty_file_has_no_messages(tmp_path):
    (tmp_path / "empty.mbox").write_bytes(b"")
    assert list(iter_mbox(tmp_path / "empty.mbox")) == []


def test_maildir_reads_cur_new_and_subfolders():
    assert is_maildir(DATA / "maildir")
    names = [name for name, _ in iter_maildir(DATA / "maildir")]
    assert names == [
        ".Sent/cur/1700000003.M3P3.host:2,S",
        "cur/1700000001.M1P1.host:2,S",
        "new/1700000002.M2P2.host",
    ]
