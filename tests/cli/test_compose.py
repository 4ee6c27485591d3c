"""The compose commands on the demo: draft (show, edit, deliver), intro, questions, prep,
calendar and digest."""

from __future__ import annotations

import json
from email import message_from_bytes, policy

import click
from icalendar import Calendar


def test_draft_shows_a_checked_draft_with_its_evidence(tom_demo):
    result = tom_demo("draft", "thank-you:i3:p2")
    assert result.exit_code == 0, result.output
    assert "To: Sam Patel <sam.patel@northwind.example>" in result.output
    assert "Subject: Thanks for the interview yesterday – Senior Data Engineer" in result.output
    assert "Kafka-to-dbt design" in result.output
    assert "Check: specific and personal" in result.output
    shown = tom_demo("draft", "thank-you:i3:p2", "--json")
    data = json.loads(shown.output)
    assert data["kind"] == "thank-you" and data["findings"] == []
    assert data["recipients"][0]["email"] == "sam.patel@northwind.example"
    # The text is printed as it will be sent: each paragraph one line, whatever the width,
    # so a copy or a pipe keeps it whole.
    for paragraph in data["body"].split("\n\n"):
        assert f"\n{paragraph}\n" in result.output
    assert max(len(p) for p in data["body"].split("\n\n")) > 100


def test_draft_through_a_drafting_model_and_without_it(tom_demo, http_server, monkeypatch):
    template = json.loads(tom_demo("draft", "thank-you:i3:p2", "--json").output)
    assert template["source"] == "template"
    smoother = template["body"].replace("Hi Sam,", "Dear Sam,")
    answer = {"choices": [{"message": {"content": smoother}}]}
    http_server.route(
        "/v1/chat/completions", body=json.dumps(answer).encode(), content_type="application/json"
    )
    monkeypatch.setenv("TOM_LLM_URL", f"{http_server.base_url}/v1")
    monkeypatch.setenv("TOM_LLM_MODEL", "small")
    shown = tom_demo("draft", "thank-you:i3:p2")
    assert shown.exit_code == 0, shown.output
    assert "Dear Sam," in shown.output and "Kafka-to-dbt design" in shown.output
    assert "Check: specific and personal" in shown.output
    assert json.loads(tom_demo("draft", "thank-you:i3:p2", "--json").output)["source"] == "llm"
    http_server.route("/v1/chat/completions", status=503, body=b"busy")
    busy = tom_demo("draft", "thank-you:i3:p2")
    assert busy.exit_code == 0, busy.output
    assert "Hi Sam," in busy.output
    assert "The drafting model did not answer (HTTPStatusError); used the template." in busy.output


def test_draft_edit_is_kept_and_checked(tom_demo, monkeypatch):
    def fake_editor(text, **_):
        assert text.startswith("Subject: Re: References")
        return "Subject: Re: References\n\nHi Priya,\n\nTouching base about the references.\n"

    monkeypatch.setattr(click, "edit", fake_editor)
    edited = tom_demo("draft", "respond-promptly:r1", "--edit")
    assert edited.exit_code == 0, edited.output
    assert "'touching base' gives no reason to reply." in edited.output
    again = tom_demo("draft", "respond-promptly:r1")
    assert "Touching base about the references." in again.output
    reset = tom_demo("draft", "respond-promptly:r1", "--reset")
    assert "Touching base" not in reset.output


def test_draft_to_eml_and_mailto(tom_demo, tmp_path):
    path = tmp_path / "thanks.eml"
    wrote = tom_demo("draft", "thank-you:i3:p1", "--eml", str(path))
    assert wrote.exit_code == 0, wrote.output
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["To"].addresses[0].addr_spec == "dana.ruiz@northwind.example"
    link = tom_demo("draft", "thank-you:i3:p1", "--mailto")
    assert link.output.startswith("mailto:dana.ruiz@northwind.example?subject=Thank%20you")


def test_draft_errors_are_one_line(tom_demo):
    unknown = tom_demo("draft", "thank-you:i999:p1")
    assert unknown.exit_code == 2 and unknown.output.startswith("Error: No current action")
    both = tom_demo("draft", "thank-you:i3:p1", "--send", "--mailto")
    assert both.exit_code == 2 and "Choose one way to deliver" in both.output
    nosmtp = tom_demo("draft", "thank-you:i3:p1", "--send")
    assert nosmtp.exit_code == 2 and "tom settings set smtp_host" in nosmtp.output
    research = tom_demo("draft", "research-before-interview:i7")
    assert research.exit_code == 2 and "not done by writing" in research.output


def test_an_editor_that_fails_is_one_line_and_keeps_the_draft(tom_demo, monkeypatch):
    monkeypatch.setenv("EDITOR", "false")
    monkeypatch.setenv("VISUAL", "false")
    failed = tom_demo("draft", "thank-you:i3:p1", "--edit")
    assert failed.exit_code == 2, failed.output
    assert failed.output.startswith("Error: The editor did not work (")
    assert "set EDITOR to one you use" in failed.output and "Unexpected" not in failed.output
    assert "Your edited text" not in tom_demo("draft", "thank-you:i3:p1").output


def test_draft_send_over_smtp_closes_the_action(tom_demo, smtp_starttls, monkeypatch):
    for name, value in smtp_starttls.settings.items():
        monkeypatch.setenv(f"TOM_{name.upper()}", str(value))
    sent = tom_demo("draft", "thank-you:i3:p1", "--send")
    assert sent.exit_code == 0, sent.output
    assert "Sent to dana.ruiz@northwind.example and recorded" in sent.output
    assert "Closed: Thank Dana Ruiz for the interview" in sent.output
    assert len(smtp_starttls.messages) == 1
    assert "thank-you:i3:p1" not in tom_demo("actions").output


def test_draft_sent_from_my_own_mail_program_is_recorded_and_closes_the_action(tom_demo):
    sent = tom_demo("draft", "thank-you:i3:p1", "--sent")
    assert sent.exit_code == 0, sent.output
    assert "Recorded as the email you sent to dana.ruiz@northwind.example (#" in sent.output
    assert "Closed: Thank Dana Ruiz for the interview" in sent.output
    assert "thank-you:i3:p1" not in tom_demo("actions").output
    timeline = json.loads(tom_demo("show", "person", "Dana Ruiz", "--json").stdout)
    newest = timeline["interactions"][0]
    assert (newest["kind"], newest["direction"]) == ("email", "out")
    assert newest["subject"].startswith("Thank you")
    note = tom_demo("draft", "connect:p1", "--sent")
    assert note.exit_code == 0, note.output
    assert "Recorded as the LinkedIn connection request you sent to Dana Ruiz (#" in note.output
    assert "Closed: Connect with Dana Ruiz on LinkedIn" in note.output
    timeline = json.loads(tom_demo("show", "person", "Dana Ruiz", "--json").stdout)
    request = timeline["interactions"][0]
    assert (request["kind"], request["direction"]) == ("linkedin-connection", "out")
    assert request["summary"].startswith("Hi Dana,")
    both = tom_demo("draft", "thank-you:i3:p2", "--sent", "--copy")
    assert both.exit_code == 2 and "--copy or --sent" in both.output


def test_copy_without_a_clipboard_says_so(tom_demo, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pyperclip", None)
    result = tom_demo("draft", "connect:p1", "--copy")
    assert result.exit_code == 2
    assert result.output.startswith("Error: No clipboard here")


def test_intro_questions_and_prep(tom_demo, tmp_path):
    intro = tom_demo("intro", "Northwind", "--save")
    assert intro.exit_code == 0, intro.output
    assert "Spoken (about 30 seconds)" in intro.output and "Evidence" in intro.output
    assert "a measured result" in intro.output
    asked = tom_demo("questions", "suggest", "Bluebird", "--save")
    assert asked.exit_code == 0, asked.output
    assert "[plans] I read “Bluebird Health partners" in asked.output
    page = tmp_path / "prep.html"
    prep = tom_demo("prep", "Bluebird", "--html", str(page))
    assert prep.exit_code == 0, prep.output
    assert "# Prep sheet: Data Platform Lead at Bluebird Health" in prep.output
    assert "I read “Bluebird Health partners" in prep.output
    assert "<h1>Data Platform Lead at Bluebird Health</h1>" in page.read_text()


def test_calendar_and_digest(tom_demo, tmp_path):
    path = tmp_path / "tom.ics"
    wrote = tom_demo("calendar", "--output", str(path))
    assert wrote.exit_code == 0, wrote.output
    calendar = Calendar.from_ical(path.read_bytes())
    uids = {str(t["UID"]) for t in calendar.walk("VTODO")}
    assert "thank-you:i3:p1@topofmind" in uids
    for event in calendar.walk("VEVENT"):
        assert [a.trigger for a in event.alarms.times] == [event.decoded("DTSTART")]
    digest = tom_demo("digest", "--html", str(tmp_path / "d.html"))
    assert digest.exit_code == 0, digest.output
    assert digest.output.startswith("topofmind for Tuesday 24 November:")
    assert (
        "- Thank Dana Ruiz for the interview — Senior Data Engineer at Northwind Analytics "
        "(due 16:00 today)"
    ) in digest.output
    assert "Draft: tom draft thank-you:i3:p1" in digest.output
    assert "<h1" in (tmp_path / "d.html").read_text()


def test_digest_send(tom_demo, smtp_tls, monkeypatch):
    for name, value in smtp_tls.settings.items():
        monkeypatch.setenv(f"TOM_{name.upper()}", str(value))
    result = tom_demo("digest", "--send")
    assert result.exit_code == 0, result.output
    [received] = smtp_tls.messages
    assert received.rcpt_tos == ["jordan.lee@example.com"]
    message = received.message
    assert str(message["Subject"]).startswith("topofmind for Tuesday 24 November")
    assert {p.get_content_type() for p in message.iter_parts()} == {"text/plain", "text/html"}
