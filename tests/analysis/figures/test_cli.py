"""`newsbot extract`: JSON lines exactly as docs/FIGURES.md lists them, a table otherwise, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from bot.commands import extract

ARTICLE = ("Harbour authority chief Nils Berg said on Monday that about 1,200 containers were stuck. "
           "He said the backlog cost shippers $40m a week.\n")
KEYS = ["value", "value_max", "unit", "approx", "bound", "what", "source", "sentence", "start", "end"]


def _app() -> typer.Typer:
    app = typer.Typer()
    extract.register(app)

    @app.command()
    def other() -> None:  # a second command keeps typer from collapsing the app into one command
        pass

    return app


def test_json_lines_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(_app(), ["extract", "--json", str(path)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert [list(r) for r in rows] == [KEYS] * len(rows)
    by_text = {ARTICLE[r["start"]:r["end"]]: r for r in rows}
    assert by_text["1,200"]["value"] == 1200 and by_text["1,200"]["approx"] is True
    assert by_text["1,200"]["source"] == "Nils Berg"
    assert by_text["$40m"]["unit"] == "USD" and by_text["$40m"]["value"] == 40_000_000
    assert by_text["$40m"]["source"] == "Nils Berg"


def test_reads_stdin_with_dash() -> None:
    result = CliRunner().invoke(_app(), ["extract", "--json", "-"], input="Officials said 300 homes flooded.")
    assert result.exit_code == 0
    [row] = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert row["value"] == 300 and row["source"] == "Officials"


def test_table_without_json(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(_app(), ["extract", str(path)])
    assert result.exit_code == 0
    assert "about 1,200" in result.output and "$40m" in result.output and "Nils Berg" in result.output


def test_missing_file_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(_app(), ["extract", "--json", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "cannot read" in result.output and "Traceback" not in result.output


PORTUGUESE = ("A prefeitura informou nesta terça-feira que cerca de 35% das escolas da cidade precisam de "
              "reformas urgentes, e que o custo total pode chegar a 80 milhões de reais até o fim do ano.\n")


def test_a_text_not_in_english_gets_no_figures_and_says_why(tmp_path: Path) -> None:
    path = tmp_path / "pt.txt"
    path.write_text(PORTUGUESE, encoding="utf-8")
    result = CliRunner().invoke(_app(), ["extract", "--json", str(path)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "not in English (detected: pt)" in result.stderr
    table = CliRunner().invoke(_app(), ["extract", str(path)])
    assert table.exit_code == 0 and "not in English" in table.output
