"""The house rules, checked on the source: no import cycles, chat SDKs inside their own platform folder
and away from the store, imports at the top unless the module is heavy, small files, and nothing in
bot/ pointing at documents outside the repository."""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import REPO

BOT = REPO / "bot"
# Libraries that cost seconds or hundreds of MB to import, or that only one platform needs: importing
# them (or a bot module that imports them) inside a function is allowed, so that `newsbot --help`,
# `newsbot extract --json` and the other CLI paths load only what they use.
HEAVY = ("spacy", "matplotlib", "trafilatura", "discord", "slack_bolt", "slack_sdk", "apprise")
SDK_HOMES = {"discord": "bot/platforms/discord/", "slack_bolt": "bot/platforms/slack/",
             "slack_sdk": "bot/platforms/slack/", "apprise": "bot/platforms/apprise.py"}
# Folders other engineers are reworking now; they leave this list when their rework lands.
NOT_YET = ("bot/reader/", "bot/ops/")
KNOWN_CYCLES = {frozenset({"bot.reader.isolation", "bot.reader.parser"})}   # owned by the reader rework
MAX_LINES = 400


@dataclass
class Module:
    name: str
    path: str                     # relative to the repository
    top: set[str] = field(default_factory=set)       # modules imported at module level
    local: set[str] = field(default_factory=set)     # modules imported inside a function


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _targets(node: ast.Import | ast.ImportFrom, known: set[str]) -> set[str]:
    if isinstance(node, ast.Import):
        return {a.name for a in node.names}
    base = node.module or ""
    submodules = {f"{base}.{a.name}" for a in node.names} & known
    # `from bot.app import feeds` imports the module bot.app.feeds (its package only runs an __init__)
    return submodules if submodules and len(submodules) == len(node.names) else {base} | submodules


def _modules() -> dict[str, Module]:
    paths = sorted(BOT.rglob("*.py"))
    known = {_module_name(p) for p in paths}
    modules = {}
    for path in paths:
        mod = Module(_module_name(path), str(path.relative_to(REPO)))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for inner in ast.walk(node):
                    if isinstance(inner, (ast.Import, ast.ImportFrom)):
                        mod.local |= _targets(inner, known)
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                mod.top |= _targets(node, known)
            elif isinstance(node, ast.If):            # `if TYPE_CHECKING:` blocks are not imports at run time
                continue
        modules[mod.name] = mod
    return modules


MODULES = _modules()


def _bot_edges(mod: Module, *, local: bool) -> set[str]:
    wanted = mod.top | (mod.local if local else set())
    return {t for t in wanted if t in MODULES and t != mod.name}


def _heavy(name: str, seen: set[str] | None = None) -> bool:
    """Whether importing `name` loads a heavy library (directly or through bot modules it imports)."""
    if name.split(".")[0] in HEAVY:
        return True
    mod = MODULES.get(name)
    if mod is None:
        return False
    seen = seen if seen is not None else set()
    if name in seen:
        return False
    seen.add(name)
    return any(_heavy(t, seen) for t in mod.top if t != name)


def test_there_is_no_import_cycle_even_through_function_local_imports():
    graph = {name: _bot_edges(mod, local=True) for name, mod in MODULES.items()}
    cycles = set()
    for start in graph:                                   # every path back to `start` is a cycle
        stack = [(start, (start,))]
        while stack:
            node, path = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    cycles.add(frozenset(path))
                elif nxt not in path and len(path) < 8:
                    stack.append((nxt, (*path, nxt)))
    cycles -= KNOWN_CYCLES
    # A package importing its own submodules (bot.platforms.discord -> .client -> ...) is not a cycle.
    cycles = {c for c in cycles if not any(a != b and b.startswith(a + ".") for a in c for b in c)}
    assert not cycles, sorted(sorted(c) for c in cycles)


def test_each_chat_sdk_is_imported_only_inside_its_own_folder():
    wrong = [(m.path, t) for m in MODULES.values() for t in m.top | m.local
             if t.split(".")[0] in SDK_HOMES and not m.path.startswith(SDK_HOMES[t.split(".")[0]])]
    assert not wrong, wrong


def test_modules_that_import_a_chat_sdk_do_not_import_the_store():
    wrong = [m.path for m in MODULES.values()
             if any(t.split(".")[0] in SDK_HOMES for t in m.top | m.local)
             and any(t == "bot.store" or t.startswith("bot.store.") for t in m.top | m.local)]
    assert not wrong, wrong


def test_imports_are_at_the_top_unless_the_module_is_heavy():
    lazy = [(m.path, t) for m in MODULES.values() if not m.path.startswith(NOT_YET)
            for t in sorted(m.local) if not _heavy(t)]
    assert not lazy, lazy


def test_importing_the_cli_loads_no_language_model_chart_or_article_library():
    code = ("import sys, bot.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'matplotlib', 'trafilatura')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_no_module_is_over_400_lines():
    long = {m.path: n for m in MODULES.values()
            if (n := len((REPO / m.path).read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long


def test_nothing_in_bot_points_at_documents_outside_the_repository():
    outside = ("DESIGN.md", "TESTING.md", "GUIDE.md", "eval/", "../shared")
    found = [(m.path, word) for m in MODULES.values() if not m.path.startswith(NOT_YET)
             for word in outside if word in (REPO / m.path).read_text(encoding="utf-8")]
    assert not found, found
