"""VAPID keys of Web Push (RFC 8292): the pair the site signs its pushes with.

Pure cryptography, no Django models: the settings read it (the embedded mode keeps a pair in a
local file), as do the `generate_vapid_keys` command and the system check. Keys are written as
browsers and push libraries exchange them: the private key as the base64url of its 32 bytes,
the public key as the base64url of its uncompressed point (65 bytes), which is the
`applicationServerKey` the browser subscribes with.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec


def b64url(data: bytes) -> str:
    """Base64url without padding, as Web Push writes keys."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """The bytes of base64url text, padding optional."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def generate_pair() -> tuple[str, str]:
    """A new (private, public) VAPID pair on P-256."""
    key = ec.generate_private_key(ec.SECP256R1())
    private = key.private_numbers().private_value.to_bytes(32, "big")
    return b64url(private), public_key_of(b64url(private))


def public_key_of(private_key: str) -> str:
    """The public key (uncompressed point, base64url) of a private key (32 bytes,
    base64url); ValueError when it is not one."""
    raw = b64url_decode(private_key.strip())
    if len(raw) != 32:
        raise ValueError("a VAPID private key is 32 bytes, base64url-encoded")
    key = ec.derive_private_key(int.from_bytes(raw, "big"), ec.SECP256R1())
    point = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return b64url(point)


def local_pair(path: Path) -> tuple[str, str]:
    """The pair kept in `path` (JSON), created on first use: the embedded mode's keys, so that
    push works out of the box and survives restarts. Two processes starting at once agree:
    the file is written aside, then linked into place only if it does not exist yet."""
    if not path.exists():
        private, public = generate_pair()
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, aside = tempfile.mkstemp(dir=path.parent, prefix=".vapid-")
        try:
            with os.fdopen(handle, "w") as out:
                json.dump({"private_key": private, "public_key": public}, out)
            with contextlib.suppress(FileExistsError):  # another process wrote it first
                os.link(aside, path)
        finally:
            os.unlink(aside)
    stored = json.loads(path.read_text())
    return stored["private_key"], stored["public_key"]
