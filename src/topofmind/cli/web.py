"""`tom serve`: the local web app on the same record as the CLI."""

from __future__ import annotations

import typer

from topofmind.cli import common


def serve(
    host: str = typer.Option(
        "127.0.0.1",
        "--host",
        help="Address to listen on. The default answers only this computer; "
        "0.0.0.0 opens the app to your network.",
    ),
    port: int = typer.Option(8765, "--port", min=1, max=65535, help="Port to listen on."),
    open_browser: bool = typer.Option(
        False, "--open", help="Open the app in your web browser once it is listening."
    ),
) -> None:
    """Start the web app: today's agenda, the pipeline and the whole record in your browser."""
    import uvicorn

    from topofmind.web.app import create_app

    app = create_app(common.OPTIONS.db, common.OPTIONS.now, host=host)
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    typer.echo(f"topofmind is at {url} (Ctrl+C stops it).")
    syncing = _syncing_words()
    if syncing:
        typer.echo(syncing)
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(
            "Note: listening beyond this computer; anyone who can reach it can read your record.",
            err=True,
        )
    if open_browser:
        _open_when_listening(url)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def _syncing_words() -> str:
    """What the server will sync by itself, and how often; "" when nothing."""
    from topofmind.services.sync.lock import SOURCE_NAMES
    from topofmind.services.sync.sources import sources_set_up

    ctx = common.context()
    minutes = int(ctx.settings.sync_minutes)
    if ctx.profile(required=False) is None or minutes <= 0:
        return ""
    names = [SOURCE_NAMES[s][0] for s in sources_set_up(ctx)]
    if not names:
        return ""
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return (
        f"It syncs {listed} in a minute and then every {minutes} minutes "
        "(sync_minutes; 0 turns that off)."
    )


def _open_when_listening(url: str) -> None:
    """Open ``url`` in a browser from a thread, once the server answers."""
    import os
    import sys
    import threading
    import urllib.request
    import webbrowser

    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        # No desktop: webbrowser would start a text browser in this very terminal.
        typer.echo(f"No graphical browser here; open {url} in yours.", err=True)
        return

    def opener() -> None:
        for _ in range(50):
            try:
                urllib.request.urlopen(url, timeout=0.5).close()
                break
            except OSError:
                threading.Event().wait(0.1)
        if not webbrowser.open(url):
            typer.echo(f"No browser found here; open {url} yourself.", err=True)

    threading.Thread(target=opener, daemon=True).start()


def register(app: typer.Typer) -> None:
    """Adds the web commands."""
    app.command("serve")(serve)
