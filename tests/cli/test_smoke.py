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
