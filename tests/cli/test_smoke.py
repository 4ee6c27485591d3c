"""The demo loads and reads back through the CLI on both databases."""


def test_demo_then_lists(tom_demo):
    result = tom_demo("opp", "list", "--json")
    assert result.exit_code == 0, result.output
    assert "Northwind Analytics" in result.output
    shown = tom_demo("show", "person", "Dana")
    assert shown.exit_code == 0, shown.output
    assert "data quality across 40 product dashboards" in shown.output


def test_unknown_person_is_one_line(tom_demo):
    result = tom_demo("show", "person", "Nobody Here")
    assert result.exit_code == 2
    assert result.output.strip().startswith("Error: No person matches 'Nobody Here'")
    assert "Traceback" not in result.output


def test_help_lists_the_commands():
    from typer.testing import CliRunner

    from topofmind.cli.main import app

    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0, result.output
    for command in ("init", "demo", "person", "opp", "log", "show", "export", "backup"):
        assert command in result.output
    assert "--now" in result.output and "--db" in result.output and "--debug" in result.output


def test_the_command_starts_light():
    """`tom --help` and completion must not pay for the database, web or importers."""
    import subprocess
    import sys

    heavy = ("sqlalchemy", "alembic", "fastapi", "uvicorn", "psycopg", "jinja2", "rich")
    code = (
        "import sys, topofmind.cli.main\n"
        f"heavy = {heavy!r}\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in heavy\n"
        "    or m.startswith(('topofmind.capture', 'topofmind.store', 'topofmind.services',\n"
        "                     'topofmind.web')))\n"
        "print(','.join(loaded))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "", f"imported at start: {done.stdout.strip()}"


def test_the_process_exits_with_the_commands_status_and_all_its_output(tmp_path):
    """`tom` as a process: the full output arrives and each outcome keeps its exit status,
    although the process ends without the interpreter's teardown."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    tom = str(Path(sys.executable).with_name("tom"))
    db = ["--db", str(tmp_path / "tom.db")]

    def run(*args):
        return subprocess.run([tom, *db, *args], capture_output=True, text=True)

    assert run("demo").returncode == 0
    listed = run("actions", "--json")
    assert listed.returncode == 0, listed.stderr
    actions = json.loads(listed.stdout)  # complete: it parses, to the last bracket
    assert actions and all(a["id"] and a["why"] for a in actions)
    missing = run("done", "no-such-action")
    assert missing.returncode == 2
    assert missing.stderr.startswith("Error: No current action has id 'no-such-action'")
    assert run("no-such-command").returncode == 2
    assert run("--help").returncode == 0
