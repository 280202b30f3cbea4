"""Fake DNS and a connection spy, so address-guard tests can use "public" names without leaving loopback.

- `FakeDNS({"public.test": [PUBLIC_IP], "flip.test": [[PUBLIC_IP], ["127.0.0.1"]]})` is an aiohttp
  resolver (pass it as `Fetcher(resolver=...)`); a list of lists answers differently on each call
  (DNS rebinding); `calls` records every lookup.
- `connect_spy` (fixture) wraps aiohappyeyeballs.start_connection, the one place aiohttp opens a
  TCP socket: `attempts` records every (ip, port) aiohttp tried to connect to; `route(ip, port,
  local_port)` sends connections for a fake public address to a local server instead; any other
  non-loopback attempt fails with OSError, so no test can reach the internet by mistake.
"""

from __future__ import annotations

import socket

import aiohappyeyeballs
import pytest
from aiohttp import connector as aiohttp_connector
from aiohttp.abc import AbstractResolver, ResolveResult

PUBLIC_IP = "93.184.216.34"      # a public address; connections to it are routed or refused locally
PUBLIC_IP_2 = "1.1.1.1"


class FakeDNS(AbstractResolver):
    def __init__(self, answers: dict[str, list]):
        self.answers = answers
        self.calls: list[str] = []
        self._seen: dict[str, int] = {}

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
                      ) -> list[ResolveResult]:
        self.calls.append(host)
        if host not in self.answers:
            raise OSError(socket.EAI_NONAME, f"fake DNS has no answer for {host}")
        answer = self.answers[host]
        if answer and isinstance(answer[0], list):      # successive answers
            n = self._seen.get(host, 0)
            self._seen[host] = n + 1
            answer = answer[min(n, len(answer) - 1)]
        return [
            ResolveResult(hostname=host, host=ip, port=port,
                          family=socket.AF_INET6 if ":" in ip else socket.AF_INET,
                          proto=0, flags=socket.AI_NUMERICHOST | socket.AI_NUMERICSERV)
            for ip in answer
        ]

    async def close(self) -> None:
        pass


class ConnectSpy:
    def __init__(self) -> None:
        self.attempts: list[tuple[str, int]] = []
        self.routes: dict[tuple[str, int], int] = {}

    def route(self, ip: str, port: int, local_port: int) -> None:
        self.routes[(ip, port)] = local_port

    async def start_connection(self, addr_infos, *args, **kwargs):
        rewritten = []
        for family, type_, proto, canon, sockaddr in addr_infos:
            ip, port = sockaddr[0], sockaddr[1]
            self.attempts.append((ip, port))
            if (ip, port) in self.routes:
                rewritten.append((socket.AF_INET, type_, proto, canon, ("127.0.0.1", self.routes[(ip, port)])))
            elif ip in ("127.0.0.1", "::1"):
                rewritten.append((family, type_, proto, canon, sockaddr))
        if not rewritten:
            raise OSError(101, "test network: only loopback and routed fake addresses are reachable")
        return await _original_start_connection(rewritten, *args, **kwargs)


_original_start_connection = aiohappyeyeballs.start_connection


@pytest.fixture
def connect_spy(monkeypatch: pytest.MonkeyPatch) -> ConnectSpy:
    spy = ConnectSpy()
    monkeypatch.setattr(aiohttp_connector.aiohappyeyeballs, "start_connection", spy.start_connection)
    return spy
