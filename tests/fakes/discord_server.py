"""A local fake Discord (REST + gateway WebSocket) for driving the real discord.py in tests.

It serves what discord.py needs to log in, connect, sync commands, answer interactions and post
messages, and records every request (method, path, JSON body, files) so tests can assert what the
bot actually sent. It implements the two behaviours delivery relies on: 429 with `retry_after`
and a `Via` header (scripted with `fail_next`), and `enforce_nonce` (the same nonce within a few
minutes returns the message already created instead of posting a second one).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

API_PREFIX = "/api/v10"
NONCE_WINDOW_S = 300
MANAGE_GUILD = 1 << 5
ALL_PERMISSIONS = (1 << 50) - 1
MEMBER_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 31)  # view, send, embed, attach, use app cmds


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # discord.py decodes JSON only when Content-Type is exactly application/json.
    return web.Response(
        status=status, body=json.dumps(data).encode(), headers={"Content-Type": "application/json", **(headers or {})}
    )


@dataclass
class Recorded:
    """One request as the fake saw it."""

    method: str
    path: str
    json: Any = None
    files: list[dict[str, Any]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 200
    at: float = 0.0            # event-loop time the request arrived


@dataclass
class _Failure:
    method: str
    path_contains: str
    status: int
    body: Any
    headers: dict[str, str]


def _unknown_message() -> web.Response:
    return _json({"message": "Unknown Message", "code": 10008}, 404)


class FakeDiscord:
    """Start with `await fake.start()`; point discord.py at `fake.api_base` and `fake.gateway_url`."""

    def __init__(self, *, guild_id: int = 111111111111111111, channel_id: int = 222222222222222222,
                 owner_id: int = 999999999999999999):
        self.app_id = 333333333333333333
        self.bot_user_id = self.app_id
        self.guild_id = guild_id
        self.channel_id = channel_id
        self.owner_id = owner_id
        self.manager_role_id = 444444444444444444
        self.extra_channels: list[dict[str, Any]] = []          # more text channels (add_channel)
        self.bot_roles: list[str] = []                          # role ids the bot's member holds
        self.requests: list[Recorded] = []
        self.messages: dict[int, list[dict[str, Any]]] = {}
        self.threads: dict[int, dict[str, Any]] = {}          # thread id (= its starter message's id) -> channel
        self.edits: list[tuple[int, int, dict[str, Any]]] = []  # (channel, message id, PATCH body) in order
        self.commands: dict[str, list[dict[str, Any]]] = {}    # "global" or guild id -> last sync payload
        self.identified = asyncio.Event()
        self.callbacks: dict[str, asyncio.Future] = {}        # interaction id -> first callback body
        self.followups: dict[str, list[dict[str, Any]]] = {}  # interaction token -> follow-up/edit bodies
        self._failures: list[_Failure] = []
        self.outage_status: int | None = None                 # set to e.g. 500: every message POST fails
        self._nonces: dict[tuple[int, str], tuple[float, dict[str, Any]]] = {}
        self._sockets: list[web.WebSocketResponse] = []
        self._seq = itertools.count(1)
        self._ids = itertools.count(500000000000000000)
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ---- lifecycle -------------------------------------------------------------------------
    async def start(self) -> "FakeDiscord":
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, shutdown_timeout=0.2, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    # ---- scripting -------------------------------------------------------------------------
    def fail_next(self, method: str, path_contains: str, status: int, body: Any = None,
                  headers: dict[str, str] | None = None) -> None:
        """The next matching request gets this status instead of being served (one-shot, FIFO)."""
        self._failures.append(_Failure(method, path_contains, status, body, headers or {}))

    def rate_limit_next(self, method: str, path_contains: str, retry_after: float = 0.05) -> None:
        self.fail_next(method, path_contains, 429,
                       {"message": "You are being rate limited.", "retry_after": retry_after, "global": False},
                       {"Via": "1.1 google", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset-After": str(retry_after)})

    def add_channel(self, channel_id: int, name: str, overwrites: list[dict[str, Any]] | None = None) -> None:
        """Another text channel in the guild; `overwrites` in Discord's shape
        ({"id", "type": 0 role | 1 member, "allow", "deny"}, permission integers as strings)."""
        self.extra_channels.append({"id": str(channel_id), "type": 0, "name": name, "position": len(self.extra_channels) + 1,
                                    "guild_id": str(self.guild_id), "permission_overwrites": overwrites or [],
                                    "nsfw": False, "parent_id": None})

    def deny_everyone(self, channel_id: int, *permission_bits: int) -> None:
        """Add a channel whose @everyone overwrite denies these permissions (as a server admin would)."""
        deny = sum(permission_bits)
        self.add_channel(channel_id, f"locked-{channel_id}",
                         [{"id": str(self.guild_id), "type": 0, "allow": "0", "deny": str(deny)}])

    def posted(self, channel_id: int | None = None) -> list[dict[str, Any]]:
        """Messages created in a channel (default: the fake's text channel)."""
        return self.messages.get(channel_id or self.channel_id, [])

    def message_bodies(self) -> list[Any]:
        """Every JSON body that creates or edits a message (channel, webhook, interaction)."""
        out = []
        for r in self.requests:
            if r.method in ("POST", "PATCH") and r.json is not None and (
                "/messages" in r.path or "/webhooks/" in r.path or "/callback" in r.path
            ):
                out.append(r.json.get("data", r.json) if "/callback" in r.path else r.json)
        return out

    # ---- gateway -----------------------------------------------------------------------------
    def guild_payload(self) -> dict[str, Any]:
        g = self.guild_id
        return {
            "id": str(g), "name": "Analysts", "owner_id": str(self.owner_id), "unavailable": False,
            "member_count": 3, "large": False, "features": [], "emojis": [], "stickers": [],
            "roles": [
                {"id": str(g), "name": "@everyone", "permissions": str(MEMBER_PERMISSIONS), "position": 0,
                 "color": 0, "hoist": False, "managed": False, "mentionable": False, "flags": 0},
                {"id": str(self.manager_role_id), "name": "Editors", "permissions": str(MEMBER_PERMISSIONS | MANAGE_GUILD),
                 "position": 1, "color": 0, "hoist": False, "managed": False, "mentionable": False, "flags": 0},
            ],
            "channels": [
                {"id": str(self.channel_id), "type": 0, "name": "alerts", "position": 0, "guild_id": str(g),
                 "permission_overwrites": [], "nsfw": False, "parent_id": None},
                *self.extra_channels,
            ],
            "threads": [], "members": [], "voice_states": [], "presences": [], "stage_instances": [],
            "guild_scheduled_events": [], "soundboard_sounds": [],
            "joined_at": "2026-01-01T00:00:00+00:00", "verification_level": 0,
            "default_message_notifications": 0, "explicit_content_filter": 0, "mfa_level": 0,
            "system_channel_flags": 0, "premium_tier": 0, "preferred_locale": "en-US", "nsfw_level": 0,
        }

    def _bot_user(self) -> dict[str, Any]:
        return {"id": str(self.bot_user_id), "username": "newsbot", "discriminator": "0", "global_name": None,
                "avatar": None, "bot": True, "flags": 0, "verified": True, "mfa_enabled": False}

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        try:
            await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 41250}, "s": None, "t": None}))
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                data = json.loads(msg.data)
                op = data.get("op")
                if op == 1:
                    await ws.send_str(json.dumps({"op": 11, "d": None}))
                elif op == 2:
                    self.identify = data["d"]
                    await self._dispatch(ws, "READY", {
                        "v": 10, "user": self._bot_user(), "session_id": "fake-session",
                        "resume_gateway_url": self.gateway_url, "guilds": [{"id": str(self.guild_id), "unavailable": True}],
                        "application": {"id": str(self.app_id), "flags": 0}, "shard": [0, 1],
                    })
                    await self._dispatch(ws, "GUILD_CREATE", self.guild_payload())
                    self.identified.set()
        finally:
            self._sockets.remove(ws)
        return ws

    async def _dispatch(self, ws: web.WebSocketResponse, event: str, data: Any) -> None:
        await ws.send_str(json.dumps({"op": 0, "t": event, "s": next(self._seq), "d": data}))

    async def dispatch(self, event: str, data: Any) -> None:
        """Send a gateway event to every connected client."""
        await self.identified.wait()
        for ws in list(self._sockets):
            await self._dispatch(ws, event, data)

    # ---- interactions ------------------------------------------------------------------------
    def member(self, *, user_id: int = 777777777777777777, manager: bool = False) -> dict[str, Any]:
        perms = MEMBER_PERMISSIONS | (MANAGE_GUILD if manager else 0)
        return {
            "user": {"id": str(user_id), "username": "analyst", "discriminator": "0", "global_name": "Analyst",
                     "avatar": None},
            "roles": [str(self.manager_role_id)] if manager else [],
            "permissions": str(perms), "joined_at": "2026-01-01T00:00:00+00:00", "deaf": False, "mute": False,
            "flags": 0, "nick": None, "avatar": None, "pending": False,
        }

    def interaction(self, name: str, options: list[dict[str, Any]] | None = None, *, manager: bool = False,
                    dm: bool = False, kind: int = 2, guild_command: bool = False) -> dict[str, Any]:
        """An INTERACTION_CREATE payload for `/name` with the given option list (Discord's shape)."""
        iid = str(next(self._ids))
        data: dict[str, Any] = {"id": str(next(self._ids)), "name": name, "type": 1}
        if options:
            data["options"] = options
        if guild_command:
            data["guild_id"] = str(self.guild_id)
        payload: dict[str, Any] = {
            "id": iid, "application_id": str(self.app_id), "type": kind, "data": data,
            "token": "tok-" + iid, "version": 1, "locale": "en-US", "app_permissions": str(ALL_PERMISSIONS),
            "attachment_size_limit": 10 * 1024 * 1024, "entitlements": [], "authorizing_integration_owners": {},
        }
        if dm:
            payload["channel"] = {"id": "888888888888888888", "type": 1, "recipients": []}
            payload["channel_id"] = "888888888888888888"
            payload["user"] = self.member()["user"]
            payload["context"] = 1
        else:
            payload["guild_id"] = str(self.guild_id)
            payload["guild_locale"] = "en-US"
            payload["channel"] = {"id": str(self.channel_id), "type": 0, "name": "alerts", "guild_id": str(self.guild_id),
                                  "position": 0, "permission_overwrites": [], "nsfw": False, "parent_id": None}
            payload["channel_id"] = str(self.channel_id)
            payload["member"] = self.member(manager=manager)
            payload["context"] = 0
        return payload

    async def interact(self, name: str, options: list[dict[str, Any]] | None = None, *,
                       timeout: float = 5.0, **kw: Any) -> dict[str, Any]:
        """Inject a slash command and return the first callback body the bot POSTed for it."""
        payload = self.interaction(name, options, **kw)
        fut = asyncio.get_running_loop().create_future()
        self.callbacks[payload["id"]] = fut
        self.last_interaction = payload
        await self.dispatch("INTERACTION_CREATE", payload)
        return await asyncio.wait_for(fut, timeout)

    async def wait_followup(self, token: str, timeout: float = 5.0) -> dict[str, Any]:
        """The first follow-up or original-response edit for a deferred interaction."""
        deadline = time.monotonic() + timeout
        while not self.followups.get(token):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no follow-up for {token}")
            await asyncio.sleep(0.01)
        return self.followups[token][0]

    # ---- REST --------------------------------------------------------------------------------
    async def _body(self, request: web.Request) -> tuple[Any, list[dict[str, Any]]]:
        ctype = request.headers.get("Content-Type", "")
        if ctype.startswith("multipart/"):
            payload: Any = None
            files = []
            reader = await request.multipart()
            async for part in reader:
                data = await part.read()  # type: ignore[union-attr]
                if part.name == "payload_json":
                    payload = json.loads(data)
                else:
                    files.append({"field": part.name, "filename": part.filename, "size": len(data),
                                  "content_type": part.headers.get("Content-Type"), "head": bytes(data[:8])})
            return payload, files
        raw = await request.read()
        if not raw:
            return None, []
        try:
            return json.loads(raw), []
        except ValueError:
            return raw.decode("utf-8", "replace"), []

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body, files = await self._body(request)
        rec = Recorded(request.method, path, body, files, dict(request.headers),
                       at=asyncio.get_running_loop().time())
        self.requests.append(rec)
        if self.outage_status is not None and request.method == "POST" and path.endswith("/messages"):
            rec.status = self.outage_status
            return _json({"message": "scripted outage", "code": 0}, self.outage_status)
        for f in self._failures:
            if f.method == request.method and f.path_contains in path:
                self._failures.remove(f)
                rec.status = f.status
                return _json(f.body if f.body is not None else {"message": "scripted failure", "code": 0},
                             f.status, f.headers)
        resp = await self._route(request.method, path.split("/")[1:], body, files, request)
        rec.status = resp.status
        return resp

    async def _route(self, method: str, parts: list[str], body: Any, files: list, request: web.Request) -> web.Response:
        if not request.headers.get("Authorization", "").startswith("Bot ") and parts[0] not in ("interactions", "webhooks"):
            return _json({"message": "401: Unauthorized", "code": 0}, 401)
        match (method, parts):
            case ("GET", ["users", "@me"]):
                return _json(self._bot_user())
            case ("GET", ["oauth2", "applications", "@me"]):
                return _json({"id": str(self.app_id), "name": "newsbot", "icon": None, "description": "",
                              "rpc_origins": [], "bot_public": False, "bot_require_code_grant": False,
                              "owner": {**self._bot_user(), "id": str(self.owner_id), "bot": False},
                              "summary": "", "verify_key": "00", "team": None, "flags": 0,
                              "interactions_endpoint_url": None})
            case ("GET", ["channels", cid]):
                return self._get_channel(cid)
            case ("GET", ["channels", cid, "messages", mid]):
                found = self._find_message(int(cid), mid)
                return _json(found) if found else _unknown_message()
            case ("PATCH", ["channels", cid, "messages", mid]):
                return self._edit_message(int(cid), mid, body or {})
            case ("POST", ["channels", cid, "messages", mid, "threads"]):
                return self._start_thread(int(cid), mid, body or {})
            case ("GET", ["guilds", gid]) if gid == str(self.guild_id):
                return _json({k: v for k, v in self.guild_payload().items()
                              if k not in ("channels", "threads", "members", "voice_states", "presences")})
            case ("GET", ["guilds", gid, "members", uid]) if gid == str(self.guild_id) and uid == str(self.bot_user_id):
                return _json({"user": self._bot_user(), "roles": self.bot_roles, "nick": None, "avatar": None,
                              "joined_at": "2026-01-01T00:00:00+00:00", "deaf": False, "mute": False, "flags": 0,
                              "pending": False})
            case ("GET", ["gateway"]) | ("GET", ["gateway", "bot"]):
                return _json({"url": self.gateway_url, "shards": 1,
                              "session_start_limit": {"total": 1000, "remaining": 1000, "reset_after": 0,
                                                      "max_concurrency": 1}})
            case ("PUT", ["applications", _, "commands"]):
                self.commands["global"] = body
                return _json([self._command(c) for c in body])
            case ("PUT", ["applications", _, "guilds", gid, "commands"]):
                self.commands[gid] = body
                return _json([self._command(c, gid) for c in body])
            case ("POST", ["channels", cid, "messages"]):
                return self._create_message(int(cid), body, files)
            case ("POST", ["interactions", iid, token, "callback"]):
                fut = self.callbacks.get(iid)
                if fut is not None and not fut.done():
                    fut.set_result({**(body or {}), "files": files})
                return self._callback_response(iid, body or {}, files, request)
            case ("POST", ["webhooks", wid, token]):
                msg = self._message(int(wid), body, files)
                self.followups.setdefault(token, []).append({**(body or {}), "files": files})
                self.messages.setdefault(int(wid), []).append(msg)
                return _json(msg) if request.query.get("wait") in ("1", "true", "True") or wid == str(self.app_id) \
                    else web.Response(status=204)
            case ("PATCH", ["webhooks", wid, token, "messages", _]):
                self.followups.setdefault(token, []).append({**(body or {}), "files": files})
                return _json(self._message(int(wid), body, files))
        return _json({"message": f"404: Not Found ({method} /{'/'.join(parts)})", "code": 0}, 404)

    def _find_message(self, channel_id: int, mid: str) -> dict[str, Any] | None:
        return next((m for m in self.messages.get(channel_id, []) if m["id"] == mid), None)

    def _edit_message(self, channel_id: int, mid: str, body: dict[str, Any]) -> web.Response:
        """PATCH a message: only the fields sent change (Discord keeps the others); an edit of a
        message that is not there is 404 Unknown Message (10008)."""
        msg = self._find_message(channel_id, mid)
        if msg is None:
            return _unknown_message()
        errors = self._validate(body)
        if errors:
            return _json({"message": "Invalid Form Body", "code": 50035, "errors": errors}, 400)
        for key in ("content", "embeds", "components", "flags"):
            if key in body:
                msg[key] = body[key] if body[key] is not None else ([] if key != "content" else "")
        msg["edited_timestamp"] = "2026-11-27T00:00:01+00:00"
        self.edits.append((channel_id, int(mid), body))
        return _json(msg)

    def _start_thread(self, channel_id: int, mid: str, body: dict[str, Any]) -> web.Response:
        """A public thread from a message: its id is the message's; one thread per message
        (400, code 160004, as Discord answers a second start)."""
        msg = self._find_message(channel_id, mid)
        if msg is None:
            return _unknown_message()
        if int(mid) in self.threads:
            return _json({"message": "A thread has already been created for this message", "code": 160004}, 400)
        name = str(body.get("name") or "")
        if not 1 <= len(name) <= 100:
            return _json({"message": "Invalid Form Body", "code": 50035,
                          "errors": {"name": "Must be between 1 and 100 in length."}}, 400)
        thread = {"id": mid, "type": 11, "guild_id": str(self.guild_id), "parent_id": str(channel_id),
                  "owner_id": str(self.bot_user_id), "name": name, "last_message_id": None,
                  "message_count": 0, "member_count": 1, "rate_limit_per_user": body.get("rate_limit_per_user") or 0,
                  "flags": 0, "total_message_sent": 0,
                  "thread_metadata": {"archived": False, "locked": False,
                                      "auto_archive_duration": body.get("auto_archive_duration") or 1440,
                                      "archive_timestamp": "2026-11-27T00:00:00+00:00"}}
        self.threads[int(mid)] = thread
        msg["thread"] = thread
        self.messages.setdefault(int(mid), [])
        return _json(thread)

    def _get_channel(self, cid: str) -> web.Response:
        """Like Discord: 404 Unknown Channel, or 403 Missing Access when the bot cannot view it."""
        if cid.isdigit() and int(cid) in self.threads:
            return _json(self.threads[int(cid)])
        channel = next((c for c in self.guild_payload()["channels"] if c["id"] == cid), None)
        if channel is None:
            return _json({"message": "Unknown Channel", "code": 10003}, 404)
        view = 1 << 10
        everyone = next((o for o in channel["permission_overwrites"] if o["id"] == str(self.guild_id)), None)
        if everyone is not None and int(everyone["deny"]) & view and not self.bot_roles:
            return _json({"message": "Missing Access", "code": 50001}, 403)
        return _json(channel)

    def _callback_response(self, iid: str, body: dict[str, Any], files: list, request: web.Request) -> web.Response:
        """204, or with ?with_response=true the interaction callback object discord.py 2.7 reads."""
        if request.query.get("with_response") not in ("true", "1", "True"):
            return web.Response(status=204)
        kind = body.get("type")
        data = body.get("data") or {}
        out: dict[str, Any] = {"interaction": {
            "id": iid, "type": 2, "response_message_loading": kind == 5,
            "response_message_ephemeral": bool(int(data.get("flags") or 0) & (1 << 6)),
        }}
        if kind in (4, 5):
            msg = self._message(self.channel_id, data, files)
            out["interaction"]["response_message_id"] = msg["id"]
            out["resource"] = {"type": kind, "message": msg}
        elif kind is not None:
            out["resource"] = {"type": kind}
        return _json(out)

    def _command(self, c: dict[str, Any], guild_id: str | None = None) -> dict[str, Any]:
        out = {"id": str(next(self._ids)), "application_id": str(self.app_id), "version": "1",
               "default_member_permissions": None, "type": 1, "description": "", **c}
        if guild_id:
            out["guild_id"] = guild_id
        return out

    def _message(self, channel_id: int, body: Any, files: list) -> dict[str, Any]:
        body = body or {}
        return {
            "id": str(next(self._ids)), "channel_id": str(channel_id), "type": 0,
            "content": body.get("content", ""), "embeds": body.get("embeds", []),
            "attachments": [{"id": str(next(self._ids)), "filename": f["filename"], "size": f["size"],
                             "url": "https://cdn.invalid/x", "proxy_url": "https://cdn.invalid/x"} for f in files],
            "author": self._bot_user(), "timestamp": "2026-11-27T00:00:00+00:00", "edited_timestamp": None,
            "tts": False, "mention_everyone": False, "mentions": [], "mention_roles": [], "pinned": False,
            "nonce": body.get("nonce"), "flags": 0, "components": [],
        }

    def _create_message(self, channel_id: int, body: Any, files: list) -> web.Response:
        body = body or {}
        errors = self._validate(body)
        if errors:
            return _json({"message": "Invalid Form Body", "code": 50035, "errors": errors}, 400)
        nonce = body.get("nonce")
        now = time.monotonic()
        if nonce is not None and body.get("enforce_nonce"):
            seen = self._nonces.get((channel_id, str(nonce)))
            if seen is not None and now - seen[0] < NONCE_WINDOW_S:
                return _json(seen[1])
        msg = self._message(channel_id, body, files)
        self.messages.setdefault(channel_id, []).append(msg)
        if nonce is not None:
            self._nonces[(channel_id, str(nonce))] = (now, msg)
        return _json(msg)

    @staticmethod
    def _validate(body: dict[str, Any]) -> dict[str, str]:
        """Discord's documented length limits, so a test fails when the bot sends too much."""
        errs: dict[str, str] = {}
        if len(body.get("content") or "") > 2000:
            errs["content"] = "Must be 2000 or fewer in length."
        nonce = body.get("nonce")
        if nonce is not None and len(str(nonce)) > 25:
            errs["nonce"] = "Must be 25 or fewer in length."
        total = 0
        for i, e in enumerate(body.get("embeds") or []):
            title, desc = e.get("title") or "", e.get("description") or ""
            fields = e.get("fields") or []
            if len(title) > 256:
                errs[f"embeds.{i}.title"] = "Must be 256 or fewer in length."
            if len(desc) > 4096:
                errs[f"embeds.{i}.description"] = "Must be 4096 or fewer in length."
            if len(fields) > 25:
                errs[f"embeds.{i}.fields"] = "Must be 25 or fewer in length."
            for j, f in enumerate(fields):
                if not f.get("name") or not f.get("value"):
                    errs[f"embeds.{i}.fields.{j}"] = "This field is required"
                if len(f.get("name", "")) > 256 or len(f.get("value", "")) > 1024:
                    errs[f"embeds.{i}.fields.{j}"] = "field too long"
            footer = (e.get("footer") or {}).get("text", "")
            author = (e.get("author") or {}).get("name", "")
            if len(footer) > 2048 or len(author) > 256:
                errs[f"embeds.{i}.footer"] = "too long"
            total += len(title) + len(desc) + len(footer) + len(author) + sum(
                len(f.get("name", "")) + len(f.get("value", "")) for f in fields)
        if total > 6000:
            errs["embeds"] = "Embed size exceeds maximum size of 6000"
        return errs
