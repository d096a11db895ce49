"""Who may use the server, by which name, how often, and how long one answer may take.

`Guard` is one ASGI middleware in front of the whole server (the HTTP API and the Gradio
page). Every request is checked before any work is done:

- its Host header names this server (loopback, the bound address, the machine's own names,
  or a name given with `--allowed-host`): a page on another site that rebinds its DNS name
  to this address cannot read answers (421 otherwise);
- `/api/*` needs a login when users are configured (HTTP Basic, or a bearer token): 401
  otherwise, after a delay that makes guessing slow; the page itself asks for the same
  login through Gradio's own login form;
- file uploads are refused: the chat takes no files;
- POSTs are rate-limited per client address (429 with Retry-After);
- no response carries CORS headers: only the page this server serves may call it.

`Users` holds the logins (`--auth USER:PASSWORD`, RAG_AUTH, or a file of `user:password`
lines), `RateLimit` a token bucket per client, `Answering` the worker pool that gives each
answer a time limit.
"""
from __future__ import annotations

import asyncio
import base64
import hmac
import json
import os
import socket
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
WILDCARD = frozenset({"0.0.0.0", "::", ""})
FAIL_DELAY = 1.0            # seconds before a wrong login is answered
RATE = 30                   # POSTs a client may send at once ...
REFILL = 1.0                # ... and per second after that
TIME_LIMIT = 30.0           # seconds one answer may take, waiting for a worker included
WORKERS = 4                 # answers worked on at once; more wait their turn


@dataclass(frozen=True)
class Users:
    """Logins: user -> password, and bearer tokens for scripts. Empty: no login asked."""
    passwords: dict[str, str] = field(default_factory=dict)
    tokens: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.passwords or self.tokens)

    def login(self, user: str, password: str) -> bool:
        """The page's login (Gradio calls this); compared in constant time."""
        known = self.passwords.get(user)
        return known is not None and hmac.compare_digest(known.encode(), password.encode())

    def allows(self, authorization: str) -> bool:
        """An `Authorization` header of a known login: Basic user:password or Bearer token."""
        kind, _, value = authorization.strip().partition(" ")
        value = value.strip()
        if kind.lower() == "bearer":
            return any(hmac.compare_digest(t.encode(), value.encode()) for t in self.tokens)
        if kind.lower() == "basic":
            try:
                user, _, password = base64.b64decode(value, validate=True).decode("utf-8").partition(":")
            except ValueError:
                return False
            return self.login(user, password)
        return False


def load_users(auth: str | None = None, auth_file: str | Path | None = None, token: str | None = None,
               env: dict | None = None) -> Users:
    """The logins from `--auth USER:PASSWORD`, `--auth-file` (one `user:password` a line, `#`
    comments) and `--token`, each falling back to RAG_AUTH, RAG_AUTH_FILE, RAG_API_TOKEN.
    ValueError names a malformed entry (never its password)."""
    env = os.environ if env is None else env
    auth = auth or env.get("RAG_AUTH")
    auth_file = auth_file or env.get("RAG_AUTH_FILE")
    token = token or env.get("RAG_API_TOKEN")
    entries = [("--auth", auth)] if auth else []
    if auth_file:
        lines = Path(auth_file).read_text(encoding="utf-8").splitlines()
        entries += [(f"{auth_file}:{n}", l.strip()) for n, l in enumerate(lines, 1)
                    if l.strip() and not l.lstrip().startswith("#")]
    passwords = {}
    for where, entry in entries:
        user, sep, password = entry.partition(":")
        if not sep or not user.strip() or not password:
            raise ValueError(f"{where}: a login is USER:PASSWORD, both non-empty")
        passwords[user.strip()] = password
    if token is not None and len(token) < 16:
        raise ValueError("--token: use at least 16 characters")
    return Users(passwords, frozenset([token] if token else []))


def allowed_hosts(bind: str, extra: list[str] | tuple[str, ...] = ()) -> frozenset[str]:
    """The names a request's Host header may give: loopback, the bound address, and for a
    wildcard bind the machine's own name and addresses, plus `extra` (`--allowed-host`)."""
    names = set(LOOPBACK) | {h.strip().lower() for h in extra if h.strip()}
    if bind in WILDCARD:
        me = socket.gethostname()
        names |= {me.lower(), socket.getfqdn().lower()}
        try:
            names |= {info[4][0] for info in socket.getaddrinfo(me, None)}
        except OSError:
            pass
    else:
        names.add(bind.lower())
    return frozenset(names)


def host_name(header: str) -> str:
    """The name of a Host header without its port: example.org:7860 -> example.org, [::1]:80 -> ::1."""
    h = header.strip().lower()
    if h.startswith("["):
        return h[1:h.find("]")] if "]" in h else h
    return h.rsplit(":", 1)[0] if h.count(":") == 1 else h


class RateLimit:
    """A token bucket per client: `capacity` requests at once, `per_second` after that."""

    def __init__(self, capacity: float = RATE, per_second: float = REFILL, clock=time.monotonic):
        self.capacity, self.per_second, self.clock = capacity, per_second, clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def wait(self, client: str) -> float:
        """0 when `client` may go on now (a token is taken), else the seconds until it may."""
        now = self.clock()
        with self._lock:
            tokens, then = self._buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - then) * self.per_second)
            if tokens >= 1:
                self._buckets[client] = (tokens - 1, now)
                if len(self._buckets) > 10_000:          # forget the clients that are full again
                    full = [k for k, (t, s) in self._buckets.items()
                            if t + (now - s) * self.per_second >= self.capacity]
                    for k in full:
                        del self._buckets[k]
                return 0.0
            self._buckets[client] = (tokens, now)
            return (1 - tokens) / self.per_second


class TooSlow(Exception):
    """An answer did not come within the time limit."""


class Answering:
    """A pool of WORKERS threads answering questions, each answer within `limit` seconds
    (waiting for a worker included). Past it the caller gets `TooSlow` at once, and an answer
    not yet started is dropped: a burst of slow questions holds the workers, never the
    server's event loop or every thread it has."""

    def __init__(self, workers: int = WORKERS, limit: float = TIME_LIMIT):
        self.limit = limit
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="answer")

    def submit(self, fn, *args) -> Future:
        return self._pool.submit(fn, *args)

    def run(self, fn, *args):
        """fn(*args) from a plain thread (Gradio's handlers)."""
        fut = self.submit(fn, *args)
        try:
            return fut.result(timeout=self.limit)
        except TimeoutError:
            fut.cancel()
            raise TooSlow from None

    async def run_async(self, fn, *args):
        """fn(*args) from the event loop (the HTTP API)."""
        fut = self.submit(fn, *args)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(fut), self.limit)
        except asyncio.TimeoutError:
            fut.cancel()
            raise TooSlow from None


# Gradio's routes that take files; the chat has no file input
UPLOAD_PATHS = ("/gradio_api/upload", "/upload")


class Guard:
    """ASGI middleware: Host allowlist, login for /api/*, no uploads, a rate limit on POSTs.
    `login_paths`: the page's login form, whose failures are delayed like the API's."""

    def __init__(self, app, users: Users, hosts: frozenset[str], rate: RateLimit | None = None,
                 login_paths: tuple[str, ...] = ("/login",)):
        self.app, self.users, self.hosts, self.rate = app, users, hosts, rate
        self.login_paths = login_paths

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        path = scope.get("path", "")
        if host_name(headers.get("host", "")) not in self.hosts:
            return await _reply(scope, receive, send, 421, "unknown Host: this server answers only by its own names "
                                                            "(rag serve --allowed-host NAME)")
        if path.startswith(UPLOAD_PATHS):
            return await _reply(scope, receive, send, 403, "uploads are turned off")
        if self.users and path.startswith("/api/") and not self.users.allows(headers.get("authorization", "")):
            await asyncio.sleep(FAIL_DELAY)
            return await _reply(scope, receive, send, 401, "login required (HTTP Basic or a bearer token)",
                                [(b"www-authenticate", b'Basic realm="Beibei News QA", charset="UTF-8"')])
        if self.rate and scope["type"] == "http" and scope.get("method") == "POST":
            client = (scope.get("client") or ("?", 0))[0]
            wait = self.rate.wait(client)
            if wait:
                return await _reply(scope, receive, send, 429, "too many requests; try again shortly",
                                    [(b"retry-after", str(max(1, round(wait))).encode())])
        delay = bool(self.users) and path in self.login_paths
        return await self.app(scope, receive, _same_origin(send, delay))


def _same_origin(send, delay_failures: bool):
    """`send` without CORS headers (the page is served from this origin; no other site's page
    may read an answer), holding back a failed login's response by FAIL_DELAY."""
    async def wrapped(message):
        if message["type"] == "http.response.start":
            message = {**message, "headers": [(k, v) for k, v in message.get("headers", [])
                                              if not k.lower().startswith(b"access-control-")]}
            if delay_failures and message.get("status", 200) >= 400:
                await asyncio.sleep(FAIL_DELAY)
        await send(message)
    return wrapped


async def _reply(scope, receive, send, status: int, error: str, headers: list | None = None) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008})
        return
    body = json.dumps({"error": error}, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())] + (headers or [])})
    await send({"type": "http.response.body", "body": body})
