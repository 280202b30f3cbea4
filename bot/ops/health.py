"""Readiness: can this process do its job right now? Database reachable, schema current, chat connected.

Front ends register a probe (a no-argument callable, plain or async, returning True when connected,
or a (bool, detail) pair) in `Runtime.probes` under a name such as "discord gateway"; a front end that
is enabled but has no probe yet is still starting, so the process is not ready. A process whose
`[run] role` has no chat front end expects none; one standing by while another process holds the
connection is ready.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
from dataclasses import dataclass, field

from bot.ops import metrics
from bot.redact import redact

log = logging.getLogger(__name__)
DB_TIMEOUT_S = 2.0


@dataclass
class Report:
    ok: bool = True
    checks: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, ok: bool, detail: str) -> None:
        self.checks[name] = ("ok: " if ok else "FAIL: ") + detail
        self.ok = self.ok and ok

    def text(self) -> str:
        return "".join(f"{name}: {detail}\n" for name, detail in self.checks.items())


@functools.cache
def head_revision() -> str | None:
    """The newest migration this code ships (what the database must be at)."""
    from alembic.script import ScriptDirectory

    from bot.store.migrate import MIGRATIONS

    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def expected_probes(settings) -> list[str]:
    names: list[str] = []
    if not settings.run.serves_chat:    # [run] role = poll or deliver: no chat connection here
        return names
    if settings.discord.enabled:
        names.append("discord gateway")
    if settings.slack.enabled:
        names.append("slack socket" if settings.slack.mode == "socket" else "slack http")
    return names


async def readiness(rt) -> Report:
    report = Report()
    try:
        async with asyncio.timeout(DB_TIMEOUT_S):
            revision = await rt.store.schema_revision()
    except TimeoutError:
        metrics.DATABASE_UP.set(0)
        report.add("database", False, f"no answer within {DB_TIMEOUT_S:g} s")
    except Exception as e:   # any driver error means "not reachable": say which kind, never the URL
        metrics.DATABASE_UP.set(0)
        log.debug("readiness: database check failed: %s", redact(str(e)))
        report.add("database", False, f"unreachable ({type(e).__name__})")
    else:
        metrics.DATABASE_UP.set(1)
        report.add("database", True, "reachable")
        head = head_revision()
        report.add("migrations", revision == head,
                   f"at {head}" if revision == head else f"at {revision or 'none'}, this version needs {head}")
    for name in expected_probes(rt.settings):
        probe = rt.probes.get(name)
        detail = None
        try:
            up = probe() if probe is not None else False
            if inspect.isawaitable(up):
                up = await asyncio.wait_for(up, DB_TIMEOUT_S)
            if isinstance(up, tuple):      # (ok, detail): e.g. "standby" while another process holds it
                up, detail = up
            up = bool(up)
        except Exception:
            up = False
        report.add(name, up, detail or ("connected" if up else ("not connected" if probe else "starting")))
    return report
