"""Who is asking: their tenant (a Discord server, a Slack workspace), whether they may change things,
and where they typed the command. Each platform builds one from its own request."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Quota:
    """How many feeds and topics one tenant may add from chat."""

    feeds: int
    topics: int


@dataclass(frozen=True)
class Caller:
    tenant: str | None            # the store's owner key of what they add; None: no server (a DM) or the CLI
    user: str                     # "discord:<id>", "slack:<team>/<id>", "cli": for per-user limits
    may_change: bool              # Manage Server on Discord, [slack] admins, the operator at the CLI
    channel: str | None = None    # the destination where the command was typed ("discord:<id>", "slack:<id>")
    quota: Quota | None = None    # None: no limit (the operator)
    place: str = "server"         # what the tenant is called in answers: "server", "workspace"
    operator: bool = False        # the CLI: sees every tenant's topics and feeds

    def sees(self, owner: str | None) -> bool:
        """Whether something owned by `owner` (None: the config file) is visible to this caller."""
        return self.operator or owner is None or owner == self.tenant


OPERATOR = Caller(tenant=None, user="cli", may_change=True, place="database", operator=True)
