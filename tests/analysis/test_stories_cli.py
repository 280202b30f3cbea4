"""`newsbot stories`: {"id", "story"} per JSON line, the service's clustering, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bot.commands import stories
from bot.commands.stories import parse_published

LINES = [
    {"id": 7, "title": "Road bridge collapses over the Vistula near Torun, 4 dead",
     "summary": "A span of the old bridge fell into the river; divers search for two missing drivers.",
     "published": "2025-03-04T08:00:00Z", "outlet": "Baltic Courier"},
    {"id": "x-2", "title": "Four killed as Torun bridge falls into Vistula",
     "summary": "Rescuers said two people were missing after the ageing road bridge gave way.",
     "published": "Tue, 04 Mar 2025 10:00:00 +0000", "outlet": "Warsaw Gazette"},
    {"id": "x-3", "title": "Lech Poznan beat Legia 3-1 to go top",
     "summary": "Two second-half goals sent Lech top of the league.", "outlet": "Sport Daily"},
]


def _app() -> typer.Typer:
    app = typer.Typer()
    stories.register(app)

    @app.command()
    def other() -> None:  # a second command keeps typer from collapsing the app into one command
        pass

    return app


def _run(text: str, *args: str):
    return CliRunner().invoke(_app(), ["stories", *args], input=text)


def test_one_line_per_entry_with_the_id_as_given():
    result = _run("\n".join(json.dumps(x) for x in LINES) + "\n\n")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [list(r) for r in rows] == [["id", "story"]] * 3
    assert [r["id"] for r in rows] == [7, "x-2", "x-3"]
    assert rows[0]["story"] == rows[1]["story"] == 1 and rows[2]["story"] == 2


def test_reads_a_file(tmp_path: Path):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in LINES), encoding="utf-8")
    result = _run("", str(path))
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == 3


def test_a_bad_line_names_its_number():
    result = _run(json.dumps(LINES[0]) + "\n[1, 2]\n")
    assert result.exit_code == 1
    assert "line 2: not an object" in result.output


def test_a_bad_date_names_the_line_and_the_value():
    result = _run(json.dumps({**LINES[0], "published": "last tuesday"}) + "\n")
    assert result.exit_code == 1
    assert "line 1" in result.output and "last tuesday" in result.output


def test_a_missing_file_is_one_line():
    result = _run("", "/nonexistent/in.jsonl")
    assert result.exit_code == 1 and "cannot read" in result.output


def test_published_without_a_zone_is_utc():
    assert parse_published("2025-03-04T08:00:00").utcoffset().total_seconds() == 0
    assert parse_published(None) is None and parse_published("") is None


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=60), st.integers(), st.floats(allow_nan=True)))
def test_any_published_value_parses_or_says_why(value):
    try:
        when = parse_published(value)
    except ValueError as e:
        assert "neither ISO 8601 nor RFC 822" in str(e)
    else:
        assert when is None or when.tzinfo is not None
