"""The `tom` command: global options, one exit point for errors, and the command groups.

Errors meant for people (``topofmind.errors``) become one line on stderr and exit
status 2; anything else is a bug and says to rerun with ``--debug`` for the
traceback. Command modules register themselves through ``register(app)``.
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from typer.core import TyperGroup

from topofmind.cli import common

if TYPE_CHECKING:
    # Typer's own copy of click, whose Context its groups are invoked with.
    from typer._click.core import Context as ClickContext

#: Modules under topofmind.cli whose ``register(app)`` adds commands.
COMMAND_MODULES = ("data", "record", "offers", "news", "playbook", "capture", "compose", "web")


class TomGroup(TyperGroup):
    """Turns errors meant for people into one line and exit status 2."""

    def invoke(self, ctx: ClickContext) -> Any:
        from topofmind.cli.fixes import worded
        from topofmind.errors import TomError

        try:
            return super().invoke(ctx)
        except TomError as exc:
            if common.OPTIONS.debug:
                raise
            common.discard_notices()  # they told of a write the error rolled back
            typer.echo(f"Error: {worded(exc)}", err=True)
            ctx.exit(exc.exit_code)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except KeyboardInterrupt:
            typer.echo("Interrupted; nothing half-written was kept.", err=True)
            ctx.exit(130)
        except OSError as exc:  # a path given for output or input the system refuses
            if common.OPTIONS.debug:
                raise
            common.discard_notices()
            typer.echo(f"Error: {file_problem(exc)}", err=True)
            ctx.exit(2)
        except Exception as exc:  # a bug: say so plainly, traceback on request
            if common.OPTIONS.debug:
                raise
            typer.echo(
                f"Unexpected error: {type(exc).__name__}: {exc}. "
                "Run again with --debug to see the traceback.",
                err=True,
            )
            ctx.exit(1)
        finally:
            common.print_notices()
            common.reset()

    def list_commands(self, ctx: ClickContext) -> list[str]:
        return sorted(super().list_commands(ctx))


app = typer.Typer(
    cls=TomGroup,
    name="tom",
    help="topofmind: whom to contact about your job search, about what, by when, and why.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def main(
    db: str = typer.Option(
        None,
        "--db",
        envvar="TOM_DB",
        help="SQLite file or postgresql:// URL (default: see `tom path`).",
    ),
    now: str = typer.Option(
        None,
        "--now",
        envvar="TOM_NOW",
        help="Believe it is this ISO 8601 moment (for scripts and tests).",
    ),
    debug: bool = typer.Option(
        False, "--debug", help="Show tracebacks instead of one-line errors."
    ),
) -> None:
    """topofmind: whom to contact about your job search, about what, by when, and why."""
    common.reset()
    common.OPTIONS.db = db
    common.OPTIONS.now = now
    common.OPTIONS.debug = debug


for _name in COMMAND_MODULES:
    importlib.import_module(f"topofmind.cli.{_name}").register(app)


def file_problem(exc: OSError) -> str:
    """An operating system's refusal as one line: what, and which path."""
    reason = exc.strerror or type(exc).__name__
    if isinstance(exc, IsADirectoryError):
        reason = "it is a folder; give a file name inside it"
    elif isinstance(exc, FileExistsError | NotADirectoryError):
        reason = "part of the path is a file, not a folder"
    where = f" {exc.filename}" if exc.filename else ""
    return f"Cannot use{where}: {reason}."


def run() -> NoReturn:
    """The console script's entry point."""
    try:
        app(prog_name="tom")
    except SystemExit as finished:
        leave(finished.code)
    leave(0)


def leave(code: int | str | None) -> NoReturn:
    """Ends the process once the command is done, skipping the interpreter's teardown.

    The command has closed its database and its output is flushed here; what is left
    is freeing every object it loaded, which after `tom actions` on a long search (tens
    of thousands of records) took about 0.3 s for nothing. Logging is shut down (its
    handlers flushed) as at any exit; the only other exit handlers registered are
    SQLAlchemy's, which forget generated source lines. A process with other threads
    still running leaves the ordinary way, so they can finish.
    """
    if code is None:
        code = 0
    elif not isinstance(code, int):  # sys.exit("message"): printed, status 1
        print(code, file=sys.stderr)
        code = 1
    if threading.active_count() > 1:
        sys.exit(code)
    if "logging" in sys.modules:  # imported by the libraries a command used
        sys.modules["logging"].shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
