"""What the agenda costs as time passes with no write, in a process that holds the facts
(the web app): the full recompute beside the reads after each end of the kept window.

The aim: the passing of time re-evaluates only the actions whose window ended.
The kept agenda's window is the earliest of its groups' (on a busy record someone's
"12 min ago" changes within seconds); once it ends, each group is proposed for on its
own, with a window of its own, and from then on only the groups whose window ended.
This runs the rules in-process on a generated record (CPU time of the read itself, no
process start), moves ``now`` to the end of the kept window again and again, and checks
the last agenda served against a full recompute, byte for byte. Figures go into
bench/README.md under "Kept agenda as time passes".

    .venv/bin/python bench/kept_time.py [--scales 0.1,1] [--ends 30]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402
from readme import measured, write_section  # noqa: E402

from playbook import database  # noqa: E402

HEADING = "## Kept agenda as time passes"
#: As in bench/kept.py: just after the generator's moment.
NOW = "2026-11-24T15:00:37-05:00"


def cpu_ms(run) -> tuple[float, object]:
    started = time.process_time()
    found = run()
    return (time.process_time() - started) * 1000, found


def measure(url: str, ends: int) -> dict:
    """Full recomputes, then ``ends`` reads each at the end of the kept window."""
    import orjson

    from topofmind.playbook.engine import run_rules
    from topofmind.playbook.reach import reach_in_force
    from topofmind.services import kept_agenda
    from topofmind.services.context import Context
    from topofmind.store.facts import load_facts, opportunity_overrides

    ctx = Context.open(db=url, now=NOW)
    full = [cpu_ms(lambda: kept_agenda.rebuild(ctx))[0] for _ in range(3)]
    memo = kept_agenda.MEMOS[ctx.db.url]
    first_window = memo.kept.valid_until - ctx.now if memo.kept.valid_until else None
    computed = [0]
    compute = kept_agenda.compute

    def counted(c):
        computed[0] += 1
        return compute(c)

    kept_agenda.compute = counted
    reads, spans = [], []
    for _ in range(ends):
        until = kept_agenda.MEMOS[ctx.db.url].kept.valid_until
        if until is None:
            break
        ctx.now = until
        reads.append(cpu_ms(lambda: kept_agenda.proposed(ctx))[0])
        memo = kept_agenda.MEMOS[ctx.db.url]
        if memo.kept.valid_until is not None:
            spans.append((memo.kept.valid_until - ctx.now).total_seconds())
    kept_agenda.compute = compute
    served = orjson.dumps([kept_agenda.action_record(a) for a in kept_agenda.proposed(ctx)])
    with ctx.db.connect() as conn:
        reach = reach_in_force(ctx.settings, opportunity_overrides(conn))
        facts = load_facts(conn, ctx.now, reach)
    fresh = run_rules(facts, ctx.now, ctx.settings, ctx.profile())
    same = served == orjson.dumps([kept_agenda.action_record(a) for a in fresh])
    windows = [u for u in (memo.windows or {}).values()]
    ctx.db.dispose()
    return {
        "full": statistics.median(full),
        "first": reads[0] if reads else None,
        "later": reads[1:],
        "full_again": computed[0],
        "window": first_window,
        "groups": len(windows),
        "for_ever": sum(u is None for u in windows),
        "group_window": statistics.median(
            [(u - ctx.now).total_seconds() for u in windows if u is not None] or [0]
        ),
        "covered": ctx.now - datetime.fromisoformat(NOW),
        "same": same,
    }


def span_words(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    if seconds >= 60:
        return f"{seconds / 60:.0f} min"
    return f"{seconds:.3f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="0.1,1")
    parser.add_argument("--ends", type=int, default=30)
    args = parser.parse_args()
    load_start = os.getloadavg()[0]
    rows = []
    for scale in (float(s) for s in args.scales.split(",")):
        path = database("sqlite", scale)
        generate(path, scale)
        found = measure(path, args.ends)
        later = found["later"] or [0.0]
        window = found["window"]
        rows.append(
            f"| {scale:g} | {found['full']:.0f} ms "
            f"| {span_words(window.total_seconds()) if window else 'for ever'} "
            f"| {found['first']:.0f} ms | {statistics.median(later):.0f} ms "
            f"| {max(later):.0f} ms | {len(found['later']) + 1} over "
            f"{span_words(found['covered'].total_seconds())} | {found['full_again']} "
            f"| {found['groups']} ({found['for_ever']} for ever), median "
            f"{span_words(found['group_window'])} | {'yes' if found['same'] else 'NO'} |"
        )
    section = "\n".join(
        [
            HEADING,
            "",
            "The aim: the passing of time re-evaluates only the actions whose window ended.",
            "In a process that holds the facts (the web app), `now` is moved to the end",
            "of the kept window again and again with no write; each read's CPU time is the",
            "agenda's own (in-process, no process start), on SQLite, beside a full recompute.",
            f"Rerun: `.venv/bin/python bench/kept_time.py --ends {args.ends}`.",
            "",
            "| scale | full recompute | kept window after it | first end: every group "
            "on its own | later ends, median | later ends, slowest | ends read | full "
            "recomputes among them | groups' own windows | last read equals a full recompute |",
            "|---|---|---|---|---|---|---|---|---|---|",
            *rows,
            "",
            measured(load_start),
            "",
            "The first end of the window proposes for every group on its own, to learn each",
            "group's window; it costs about a full recompute's rules plus reading who was met",
            "with whom. A later end proposes only for the groups whose window ended (someone",
            'whose action is due at the very moment shown, or whose "N min ago" changed) and',
            "runs the few rules that rank across everyone (`engage`, `event`,",
            "`offer-timeline`) again. The facts held serve while no row enters or leaves their",
            "reads (about five minutes on the generated records); after that, and in a fresh",
            "`tom` process, the agenda is recomputed in full.",
            "",
        ]
    )
    write_section(HEADING, section)
    print(section)


if __name__ == "__main__":
    main()
