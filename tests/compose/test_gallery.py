"""docs/gallery.md is what the drafts say today: regenerated, it must not differ."""

from pathlib import Path

from topofmind.compose.gallery import NOTE_COUNT, cases, drafts, page

ROOT = Path(__file__).resolve().parents[2]


def test_the_gallery_page_has_not_drifted():
    committed = (ROOT / "docs" / "gallery.md").read_text(encoding="utf-8")
    assert page() == committed, "Drafts changed: run scripts/gallery and review docs/gallery.md"


def test_the_gallery_covers_every_kind_from_a_varied_record():
    assert NOTE_COUNT >= 60
    kinds = {draft.kind for _, draft in drafts()}
    assert {
        "thank-you",
        "respond-promptly",
        "supplementary-info",
        "periodic-update",
        "check-in",
        "informational-interview",
        "informational-nudge",
        "connect",
        "event",
        "close-the-loop",
        "stay-connected",
        "offer-timeline",
        "offer-decision",
        "withdraw-after-accepting",
        "company-news",
        "some-new-rule",
    } <= kinds
    panels = {len(ctx.panel) + 1 for _, _, ctx in cases() if ctx.panel}
    assert {2, 3} <= panels


def test_no_gallery_draft_has_a_finding_but_its_marked_blanks():
    for title, draft in drafts():
        wrong = [str(f) for f in draft.findings if f.code != "blank"]
        assert wrong == [], (title, wrong, draft.body)
        assert bool(draft.blanks) == (not draft.ready), title
