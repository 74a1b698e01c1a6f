"""A Web Push service on loopback, for the suite: what a browser vendor's push service does,
and what the browser then does with a push.

Each `Browser` is a subscription as a browser makes one: its own P-256 key pair and auth
secret, and an endpoint URL on this service. The service takes a POST at that URL only with a
valid VAPID `Authorization` (a JWT signed with the key it names, which must be the site's
public key, for this origin as audience, not expired, with a mailto: or https: subject), then
decrypts the aes128gcm body with that browser's private key (http_ece) and records the JSON,
as the browser's service worker would receive it. `answer(browser, 410)` makes it refuse
that browser's pushes with a status instead; `stop()` and `start()` take it down and back up
on the same port. It runs in a thread of the test process; the suite's Celery worker posts
to it over TCP like any push service.
"""

from __future__ import annotations

import json
import os
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from notifications.vapid import b64url, b64url_decode
from tests.mail import free_port


@dataclass
class Browser:
    token: str
    endpoint: str
    private_key: ec.EllipticCurvePrivateKey
    auth: bytes
    received: list[dict] = field(default_factory=list)

    def subscription(self) -> dict:
        """What `PushSubscription.toJSON()` gives in a browser."""
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return {
            "endpoint": self.endpoint,
            "expirationTime": None,
            "keys": {"p256dh": b64url(point), "auth": b64url(self.auth)},
        }


class VapidRefused(Exception):
    pass


def check_vapid(header: str, *, public_key: str, audience: str) -> dict:
    """The claims of a valid `vapid t=…,k=…` header (RFC 8292); VapidRefused otherwise."""
    scheme, _, rest = header.partition(" ")
    if scheme.lower() != "vapid":
        raise VapidRefused(f"scheme {scheme!r}")
    parts = dict(part.strip().split("=", 1) for part in rest.split(","))
    if parts.get("k") != public_key:
        raise VapidRefused("not the site's public key")
    signed, _, signature = parts["t"].rpartition(".")
    header_b64, _, claims_b64 = signed.partition(".")
    if json.loads(b64url_decode(header_b64)) != {"typ": "JWT", "alg": "ES256"}:
        raise VapidRefused("not an ES256 JWT")
    raw = b64url_decode(signature)
    key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64url_decode(parts["k"]))
    try:
        key.verify(
            encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")),
            signed.encode(),
            ec.ECDSA(hashes.SHA256()),
        )
    except InvalidSignature:
        raise VapidRefused("bad signature") from None
    claims = json.loads(b64url_decode(claims_b64))
    if claims.get("aud") != audience:
        raise VapidRefused(f"audience {claims.get('aud')!r}")
    if not time.time() < claims.get("exp", 0) <= time.time() + 24 * 3600:
        raise VapidRefused("expired, or valid for more than a day")
    if not str(claims.get("sub", "")).startswith(("mailto:", "https://")):
        raise VapidRefused("no subject")
    return claims


class PushService:
    def __init__(self, public_key: str | None = None) -> None:
        self.public_key = public_key or os.environ["WEBPUSH_VAPID_PUBLIC_KEY"]
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.browsers: dict[str, Browser] = {}
        self.answers: dict[str, int] = {}
        self.refused: list[str] = []  # why requests were turned away (should stay empty)
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None

    def browser(self) -> Browser:
        token = secrets.token_urlsafe(16)
        made = Browser(
            token=token,
            endpoint=f"{self.origin}/push/{token}",
            private_key=ec.generate_private_key(ec.SECP256R1()),
            auth=secrets.token_bytes(16),
        )
        self.browsers[token] = made
        return made

    def answer(self, browser: Browser, status: int) -> None:
        self.answers[browser.token] = status

    def all_received(self) -> list[dict]:
        with self.lock:
            return [push for browser in self.browsers.values() for push in browser.received]

    def start(self) -> None:
        service = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                status = service.receive(self)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        ThreadingHTTPServer.allow_reuse_address = True
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def receive(self, request: BaseHTTPRequestHandler) -> int:
        body = request.rfile.read(int(request.headers.get("Content-Length", "0")))
        token = request.path.removeprefix("/push/")
        browser = self.browsers.get(token)
        if browser is None:
            return 404
        if token in self.answers:
            return self.answers[token]
        try:
            check_vapid(
                request.headers.get("Authorization", ""),
                public_key=self.public_key,
                audience=self.origin,
            )
            if request.headers.get("Content-Encoding") != "aes128gcm":
                raise VapidRefused("not aes128gcm")
            if not request.headers.get("TTL", "").isdigit():
                raise VapidRefused("no TTL")
            plain = http_ece.decrypt(
                body, private_key=browser.private_key, auth_secret=browser.auth, version="aes128gcm"
            )
        except Exception as problem:  # noqa: BLE001 - recorded for the test to show
            with self.lock:
                self.refused.append(f"{type(problem).__name__}: {problem}")
            return 400
        with self.lock:
            browser.received.append(json.loads(plain))
        return 201
