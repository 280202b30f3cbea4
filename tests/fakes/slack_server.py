"""A local fake of the Slack Web API (and incoming webhooks) that records every call.

Tests point the real `AsyncWebClient(base_url=fake.api_url)` at it, so what is asserted is what
slack_sdk really sends. Faults (429 with Retry-After, `ok: false` errors, HTTP statuses) are queued
per method with `fail_next`.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer

BOT_USER_ID = "U0NEWSBOT"
BOT_ID = "B0NEWSBOT"
TEAM_ID = "T0TEAM"
DEFAULT_SCOPES = ("commands", "chat:write", "chat:write.public", "channels:history", "files:write")


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    headers: dict[str, str]
    at: float                    # time.monotonic() when the fake received it
    status: int = 200            # what the fake answered
    response: dict[str, Any] = field(default_factory=dict)


@dataclass
class Fault:
    status: int = 200
    error: str | None = None     # Slack's `ok: false` error code
    retry_after: str | None = None
    after_accepting: bool = False   # do the work (e.g. post the message), then answer with the fault


LIMITS = {"blocks": 50, "header": 150, "section": 3000, "field": 2000, "fields": 10, "context": 10,
          "text": 40000, "button_text": 75, "url": 3000}


def block_problems(blocks: Any) -> list[str]:
    """What real Slack would refuse as `invalid_blocks` (the limits newsbot must respect)."""
    if not isinstance(blocks, list):
        return ["blocks is not a list"]
    out = []
    if len(blocks) > LIMITS["blocks"]:
        out.append(f"{len(blocks)} blocks > 50")
    for i, b in enumerate(blocks):
        kind = b.get("type")
        texts: list[tuple[dict, int]] = []
        if kind == "header":
            texts.append((b.get("text") or {}, LIMITS["header"]))
            if (b.get("text") or {}).get("type") != "plain_text":
                out.append(f"block {i}: header text must be plain_text")
        elif kind == "section":
            if "text" not in b and "fields" not in b:
                out.append(f"block {i}: section without text or fields")
            if "text" in b:
                texts.append((b["text"], LIMITS["section"]))
            fields = b.get("fields", [])
            if len(fields) > LIMITS["fields"]:
                out.append(f"block {i}: {len(fields)} fields > 10")
            texts += [(f, LIMITS["field"]) for f in fields]
        elif kind == "context":
            els = b.get("elements", [])
            if not els or len(els) > LIMITS["context"]:
                out.append(f"block {i}: context needs 1-10 elements")
            texts += [(e, LIMITS["section"]) for e in els]
        elif kind == "actions":
            for e in b.get("elements", []):
                texts.append((e.get("text") or {}, LIMITS["button_text"]))
                if len(e.get("url", "")) > LIMITS["url"]:
                    out.append(f"block {i}: button url too long")
        else:
            out.append(f"block {i}: unexpected type {kind!r}")
        for t, limit in texts:
            if t.get("type") not in ("plain_text", "mrkdwn") or not t.get("text"):
                out.append(f"block {i}: empty or untyped text object")
            elif len(t["text"]) > limit:
                out.append(f"block {i}: text of {len(t['text'])} > {limit}")
    return out


class FakeSlack:
    """Start with `await fake.start()`; `fake.api_url` is the base_url for AsyncWebClient."""

    def __init__(self, token: str = "xoxb-test-token", scopes: tuple[str, ...] = DEFAULT_SCOPES,
                 app_token: str = "xapp-test-token"):
        self.token = token
        self.app_token = app_token
        self.sockets: list[web.WebSocketResponse] = []          # Socket Mode connections
        self._socket_open = asyncio.Event()
        self._acks: dict[str, asyncio.Future] = {}
        self.scopes = scopes
        self.calls: list[Call] = []
        self.messages: dict[str, list[dict[str, Any]]] = {}   # channel -> messages, oldest first
        self.replies: dict[tuple[str, str], list[dict[str, Any]]] = {}   # (channel, thread_ts) -> replies
        self.files: dict[str, dict[str, Any]] = {}
        self.webhook_posts: dict[str, list[bytes]] = {}       # hook name -> raw bodies
        self.webhook_status: dict[str, int] = {}
        self.responses: list[dict[str, Any]] = []             # bodies POSTed to response_url
        self._responded = asyncio.Condition()
        self._faults: dict[str, list[Fault]] = {}
        self.not_joined: set[str] = set()                     # channels the app was not invited to
        self._last_ts = 0.0
        self._server: TestServer | None = None

    # --- control -------------------------------------------------------------------------
    def fail_next(self, method: str, *, status: int = 200, error: str | None = None,
                  retry_after: str | None = None, times: int = 1, after_accepting: bool = False) -> None:
        """Answer the next `times` calls of `method` with this fault; `after_accepting`: the call
        takes effect first (Slack posted the message, but the answer is lost or an error)."""
        self._faults.setdefault(method, []).extend(
            Fault(status=status, error=error, retry_after=retry_after, after_accepting=after_accepting)
            for _ in range(times))

    def rate_limit_next(self, method: str, retry_after: str = "0", times: int = 1) -> None:
        self.fail_next(method, status=429, error="ratelimited", retry_after=retry_after, times=times)

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def posted(self, channel: str) -> list[dict[str, Any]]:
        """The channel's own messages (thread replies are under `thread_replies`)."""
        return self.messages.get(channel, [])

    def thread_replies(self, channel: str, thread_ts: str) -> list[dict[str, Any]]:
        return self.replies.get((channel, thread_ts), [])

    @property
    def base_url(self) -> str:
        assert self._server is not None, "call start() first"
        return str(self._server.make_url("/"))

    @property
    def api_url(self) -> str:
        return self.base_url + "api/"

    def response_url(self, name: str = "r1") -> str:
        """A slash command's response_url pointing back at this fake."""
        return self.base_url + f"respond/{name}"

    async def wait_responses(self, count: int, timeout: float = 5.0) -> list[dict[str, Any]]:
        """Wait (on an event, not a sleep) until `count` response_url posts arrived."""
        async with self._responded:
            await asyncio.wait_for(self._responded.wait_for(lambda: len(self.responses) >= count), timeout)
        return self.responses

    def webhook_url(self, name: str) -> str:
        return self.base_url + f"services/{name}"

    async def start(self) -> "FakeSlack":
        app = web.Application(client_max_size=32 * 1024 * 1024)
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_post("/services/{name:.+}", self._webhook)
        app.router.add_post("/respond/{id}", self._respond)
        app.router.add_get("/socket", self._socket)
        self._server = TestServer(app, host="127.0.0.1")
        await self._server.start_server()
        return self

    async def close(self) -> None:
        for ws in list(self.sockets):
            await ws.close()
        if self._server is not None:
            await self._server.close()

    async def __aenter__(self) -> "FakeSlack":
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # --- HTTP ----------------------------------------------------------------------------
    async def _params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        ctype = request.content_type
        if ctype == "application/json":
            params.update(await request.json())
        elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            params.update({k: v for k, v in (await request.post()).items() if isinstance(v, str)})
        return params

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        call = Call(method, params, dict(request.headers), time.monotonic())
        self.calls.append(call)
        faults = self._faults.get(method)
        if faults:
            fault = faults.pop(0)
            if fault.after_accepting:
                handler = getattr(self, "_m_" + method.replace(".", "_"), None)
                if handler:
                    handler(params)
            body = {"ok": False, "error": fault.error or "fatal_error"}
            headers = {"Retry-After": fault.retry_after} if fault.retry_after is not None else {}
            call.status, call.response = fault.status, body
            return web.json_response(body, status=fault.status, headers=headers)
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else params.get("token")
        expected = self.app_token if method == "apps.connections.open" else self.token
        if token != expected:
            body = {"ok": False, "error": "invalid_auth"}
        else:
            handler = getattr(self, "_m_" + method.replace(".", "_"), None)
            body = handler(params) if handler else {"ok": False, "error": "unknown_method"}
        call.response = body
        return web.json_response(body, headers={"X-OAuth-Scopes": ",".join(self.scopes)})

    async def _upload(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        if file_id not in self.files:
            return web.Response(status=404, text="no such upload")
        self.files[file_id]["data"] = await request.read()
        return web.Response(text="OK - " + str(len(self.files[file_id]["data"])))

    # --- Socket Mode ------------------------------------------------------------------------
    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self.sockets.append(ws)
        await ws.send_json({"type": "hello", "num_connections": len(self.sockets),
                            "connection_info": {"app_id": "A0NEWSBOT"}})
        self._socket_open.set()
        try:
            async for msg in ws:
                if msg.type.name == "TEXT":
                    data = json.loads(msg.data)
                    fut = self._acks.pop(data.get("envelope_id", ""), None)
                    if fut is not None and not fut.done():
                        fut.set_result(data)
        finally:
            self.sockets.remove(ws)
        return ws

    async def push(self, kind: str, payload: dict[str, Any], timeout: float = 5.0) -> dict[str, Any]:
        """Send an envelope (e.g. kind "slash_commands") to the connected app; return its ack."""
        await asyncio.wait_for(self._socket_open.wait(), timeout)
        envelope_id = f"env-{len(self.calls)}-{len(self._acks)}-{time.monotonic_ns()}"
        fut: asyncio.Future = asyncio.get_running_loop().create_future()
        self._acks[envelope_id] = fut
        await self.sockets[-1].send_json({"envelope_id": envelope_id, "type": kind, "payload": payload,
                                          "accepts_response_payload": kind == "slash_commands",
                                          "retry_attempt": 0, "retry_reason": ""})
        return await asyncio.wait_for(fut, timeout)

    async def _respond(self, request: web.Request) -> web.Response:
        body = await request.json()
        if "blocks" in body and block_problems(body["blocks"]):
            body["_invalid_blocks"] = block_problems(body["blocks"])   # tests assert this is absent
        body["_url_id"] = request.match_info["id"]
        async with self._responded:
            self.responses.append(body)
            self._responded.notify_all()
        return web.Response(text="ok")

    async def _webhook(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        raw = await request.read()
        self.webhook_posts.setdefault(name, []).append(raw)
        status = self.webhook_status.get(name, 200)
        if status == 200 and block_problems(json.loads(raw).get("blocks", [])):
            return web.Response(status=400, text="invalid_blocks")
        return web.Response(status=status, text="ok" if status == 200 else "channel_not_found")

    # --- methods -------------------------------------------------------------------------
    def _next_ts(self) -> str:
        """Like Slack's: the posting time in seconds with a unique microsecond suffix."""
        self._last_ts = max(time.time(), self._last_ts + 1e-6)
        return f"{self._last_ts:.6f}"

    def _m_apps_connections_open(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": self.base_url.replace("http://", "ws://") + "socket"}

    def _m_auth_test(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": "https://fake.slack.test/", "team": "Fake", "user": "newsbot",
                "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID}

    def _m_chat_postMessage(self, p: dict[str, Any]) -> dict[str, Any]:
        channel = p.get("channel")
        if not channel or channel.startswith("CGONE"):
            return {"ok": False, "error": "channel_not_found"}
        missing = "missing_scope" if "chat:write" not in self.scopes else None
        if missing:
            return {"ok": False, "error": missing}
        if channel in self.not_joined and "chat:write.public" not in self.scopes:
            return {"ok": False, "error": "not_in_channel"}
        msg: dict[str, Any] = {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID,
                               "ts": self._next_ts(), "text": p.get("text", "")}
        blocks = p.get("blocks")
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        if blocks is not None and block_problems(blocks):
            return {"ok": False, "error": "invalid_blocks", "errors": block_problems(blocks)}
        if len(p.get("text", "")) > LIMITS["text"]:
            return {"ok": False, "error": "msg_too_long"}
        if blocks:
            msg["blocks"] = blocks
        metadata = p.get("metadata")
        if isinstance(metadata, str):
            metadata = json.loads(metadata)
        if metadata:
            msg["metadata"] = metadata
        thread_ts = p.get("thread_ts")
        if thread_ts:
            # a reply: it lives in the thread, not in the channel's history; the parent counts it
            parent = self._find(channel, str(thread_ts))
            msg["thread_ts"] = str(thread_ts)
            self.replies.setdefault((channel, str(thread_ts)), []).append(msg)
            if parent is not None:
                parent["thread_ts"] = parent["ts"]
                parent["reply_count"] = parent.get("reply_count", 0) + 1
                parent["latest_reply"] = msg["ts"]
            return {"ok": True, "channel": channel, "ts": msg["ts"], "message": msg}
        self.messages.setdefault(channel, []).append(msg)
        return {"ok": True, "channel": channel, "ts": msg["ts"], "message": msg}

    def _find(self, channel: str, ts: str) -> dict[str, Any] | None:
        for m in self.messages.get(channel, []):
            if m["ts"] == ts:
                return m
        for (ch, _), replies in self.replies.items():
            if ch == channel:
                for m in replies:
                    if m["ts"] == ts:
                        return m
        return None

    def _m_chat_update(self, p: dict[str, Any]) -> dict[str, Any]:
        """chat.update as Slack answers it: blocks left out are kept, an unknown ts is
        message_not_found, and the reply carries the updated message."""
        channel, ts = p.get("channel") or "", str(p.get("ts") or "")
        if not channel or channel.startswith("CGONE"):
            return {"ok": False, "error": "channel_not_found"}
        if "chat:write" not in self.scopes:
            return {"ok": False, "error": "missing_scope"}
        msg = self._find(channel, ts)
        if msg is None:
            return {"ok": False, "error": "message_not_found"}
        if msg.get("bot_id") != BOT_ID:
            return {"ok": False, "error": "cant_update_message"}
        blocks = p.get("blocks")
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        text = p.get("text")
        if not text and not blocks:
            return {"ok": False, "error": "no_text"}
        if blocks is not None and block_problems(blocks):
            return {"ok": False, "error": "invalid_blocks", "errors": block_problems(blocks)}
        if len(text or "") > LIMITS["text"]:
            return {"ok": False, "error": "msg_too_long"}
        if text is not None:
            msg["text"] = text
        if blocks is not None:
            msg["blocks"] = blocks
        metadata = p.get("metadata")
        if isinstance(metadata, str):
            metadata = json.loads(metadata)
        if metadata:
            msg["metadata"] = metadata
        msg["edited"] = {"user": BOT_USER_ID, "ts": self._next_ts()}
        return {"ok": True, "channel": channel, "ts": ts, "text": msg["text"], "message": msg}

    def _m_conversations_replies(self, p: dict[str, Any]) -> dict[str, Any]:
        """A thread: its parent first, then the replies, oldest first."""
        if "channels:history" not in self.scopes:
            return {"ok": False, "error": "missing_scope"}
        channel, ts = p.get("channel", ""), str(p.get("ts") or "")
        if channel.startswith("CGONE"):
            return {"ok": False, "error": "channel_not_found"}
        if channel in self.not_joined:
            return {"ok": False, "error": "not_in_channel"}
        parent = self._find(channel, ts)
        if parent is None:
            return {"ok": False, "error": "thread_not_found"}
        with_meta = str(p.get("include_all_metadata", "")).lower() in ("1", "true")
        msgs = [parent, *self.replies.get((channel, ts), [])]
        if not with_meta:
            msgs = [{k: v for k, v in m.items() if k != "metadata"} for m in msgs]
        return {"ok": True, "messages": msgs, "has_more": False, "response_metadata": {"next_cursor": ""}}

    def _m_conversations_history(self, p: dict[str, Any]) -> dict[str, Any]:
        if "channels:history" not in self.scopes:
            return {"ok": False, "error": "missing_scope"}
        channel = p.get("channel", "")
        if channel.startswith("CGONE"):
            return {"ok": False, "error": "channel_not_found"}
        if channel in self.not_joined:          # reading history needs membership, whatever the scopes
            return {"ok": False, "error": "not_in_channel"}
        with_meta = str(p.get("include_all_metadata", "")).lower() in ("1", "true")
        oldest = float(p.get("oldest") or 0)
        limit = int(p.get("limit") or 100)
        start = int(p.get("cursor") or 0)
        msgs = [m for m in reversed(self.messages.get(channel, [])) if float(m["ts"]) > oldest]
        page = msgs[start:start + limit]
        if not with_meta:
            page = [{k: v for k, v in m.items() if k != "metadata"} for m in page]
        more = start + limit < len(msgs)
        return {"ok": True, "messages": page, "has_more": more,
                "response_metadata": {"next_cursor": str(start + limit) if more else ""}}

    def _m_files_getUploadURLExternal(self, p: dict[str, Any]) -> dict[str, Any]:
        if "files:write" not in self.scopes:
            return {"ok": False, "error": "missing_scope", "needed": "files:write"}
        file_id = f"F{len(self.files) + 1:08d}"
        self.files[file_id] = {"id": file_id, "name": p.get("filename"), "length": int(p.get("length", 0))}
        return {"ok": True, "upload_url": self.base_url + f"upload/{file_id}", "file_id": file_id}

    def _m_files_completeUploadExternal(self, p: dict[str, Any]) -> dict[str, Any]:
        files = p.get("files")
        if isinstance(files, str):
            files = json.loads(files)
        out = []
        for f in files or []:
            stored = self.files.get(f["id"])
            if stored is None or "data" not in stored:
                return {"ok": False, "error": "file_not_found"}
            stored.update(title=f.get("title"), channel=p.get("channel_id"),
                          initial_comment=p.get("initial_comment"))
            out.append({"id": f["id"], "title": f.get("title"), "name": stored["name"]})
        return {"ok": True, "files": out}
