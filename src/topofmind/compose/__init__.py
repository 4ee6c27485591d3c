"""Drafts, the introduction, questions, checks, and delivery (eml, IMAP, SMTP, ICS)."""
