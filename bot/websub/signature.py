"""X-Hub-Signature: the hub's HMAC of the exact body with the subscription's secret."""

from __future__ import annotations

import hashlib
import hmac

ALGORITHMS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "sha384": hashlib.sha384, "sha512": hashlib.sha512}


def sign(secret: str, body: bytes, algorithm: str = "sha256") -> str:
    return f"{algorithm}={hmac.new(secret.encode(), body, ALGORITHMS[algorithm]).hexdigest()}"


def valid_signature(secret: str, body: bytes, header: str | None) -> bool:
    """Constant-time check of `method=hex`; a missing or unknown method is invalid."""
    if not header or "=" not in header:
        return False
    method, _, given = header.strip().partition("=")
    digest = ALGORITHMS.get(method.lower())
    if digest is None:
        return False
    expected = hmac.new(secret.encode(), body, digest).hexdigest()
    return hmac.compare_digest(expected.encode(), given.strip().lower().encode())
