"""The seed article and the dev set (../shared/eval): skipped when ../shared is absent."""

from __future__ import annotations


from bot.analysis.figures import extract_figures
from tests.conftest import shared_path


def test_seed_article_gives_every_troop_figure_with_its_source() -> None:
    path = shared_path("eval", "dev", "seed_000.txt")
    text = path.read_text(encoding="utf-8")
    got = {f.value: f for f in extract_figures(text)}
    assert sorted(got) == [4, 1500, 2600, 10000, 11000, 12000]
    assert "Zelensky" in got[10000].source and got[10000].approx
    assert "Budanov" in got[2600].source and not got[2600].approx
    assert "Budanov" in got[11000].source and got[11000].approx       # through "He said"
    for v in (4, 12000, 1500):
        assert "National Intelligence Service" in got[v].source and not got[v].approx
    assert "brigades" in got[4].what and "special forces" in got[1500].what


def test_dev_set_meets_the_issue_targets() -> None:
    dev = shared_path("eval", "dev")
    from benchmarks.eval_figures import Score, extractor_many, load_dev

    items = load_dev(dev)
    score = Score()
    for (name, _, gold), preds in zip(items, extractor_many([t for _, t, _ in items])):
        score.add(name, gold, preds)
    m = score.metrics()
    assert m["f1"] >= 0.95 and m["what"] >= 0.85 and m["source_attributed"] >= 0.80
    assert m["unit"] >= 0.95 and m["approx"] >= 0.95


def test_scorer_counts_matches_and_neutral_optionals() -> None:
    from benchmarks.eval_figures import Score

    gold = {"claims": [{"value": 100, "value_max": None, "unit": None, "approx": True, "what": ["ships"],
                        "source": ["Navy"], "text": "100"}],
            "optional": [{"value": 2, "what": [], "source": None, "text": "two"}]}
    preds = [{"value": 100.5, "value_max": None, "unit": None, "approx": True, "what": "war ships",
              "source": "the Navy", "sentence": ""},
             {"value": 2, "value_max": None, "unit": None, "approx": False, "what": None, "source": None},
             {"value": 7, "value_max": None, "unit": None, "approx": False, "what": None, "source": None}]
    s = Score()
    s.add("doc", gold, preds)
    m = s.metrics()
    assert (m["matched"], m["neutral"], m["predicted"]) == (1, 1, 3)
    assert m["precision"] == 0.5 and m["recall"] == 1.0
    assert m["what"] == m["source_attributed"] == m["approx"] == 1.0


def test_benchmark_skips_cleanly_without_the_eval_set(tmp_path, capsys) -> None:
    from benchmarks.eval_figures import main

    assert main(["--dev", str(tmp_path / "absent")]) == 0
    assert "skipped" in capsys.readouterr().out
