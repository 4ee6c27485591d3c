"""The record of a job search: plain dataclasses and enums, no I/O."""
