"""Secrets the service hands out once: API keys, user tokens and passwords."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_passwords = PasswordHasher()


@dataclass(frozen=True)
class IssuedSecret:
    """A new secret: `plaintext` is shown once; only `prefix` and `digest` are stored."""

    plaintext: str
    prefix: str
    digest: str


def issue_secret(kind: str) -> IssuedSecret:
    """Create a random bearer secret such as `jk_emp_…` (kind says whose it is)."""
    plaintext = f"jk_{kind}_{secrets.token_urlsafe(32)}"
    return IssuedSecret(plaintext, plaintext[:12], digest_secret(plaintext))


def digest_secret(plaintext: str) -> str:
    """Hash a bearer secret for lookup; 256 random bits need no slow hash."""
    return hashlib.sha256(plaintext.encode()).hexdigest()


def hash_password(password: str) -> str:
    """Hash a password with Argon2id."""
    return _passwords.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """Check a password against its Argon2 hash."""
    try:
        return _passwords.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False
