"""The second factor: TOTP (RFC 6238) codes, with secrets kept encrypted at rest.

Secrets are encrypted with Fernet (AES-128-CBC with HMAC-SHA256) under a key derived
from the service's secret key, so a copy of the database alone does not hold them.
A code is accepted once: the time step it belongs to is remembered and no code of
that step or an earlier one passes again.
"""

from __future__ import annotations

import base64
import hmac
from dataclasses import dataclass
from datetime import datetime

import pyotp
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

ISSUER = "Jumush"
# One step either side: a phone's clock a little off still works.
DRIFT_STEPS = 1


@dataclass(frozen=True)
class SecretBox:
    """Encrypt and decrypt TOTP secrets with a key derived from the service's secret."""

    fernet: Fernet

    @classmethod
    def from_secret_key(cls, secret_key: str) -> SecretBox:
        """Derive the encryption key from the service's SECRET_KEY with HKDF-SHA256."""
        derived = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"jumush totp secrets"
        ).derive(secret_key.encode())
        return cls(Fernet(base64.urlsafe_b64encode(derived)))

    def seal(self, plaintext: str) -> str:
        """Return the encrypted form of a secret, to store."""
        return self.fernet.encrypt(plaintext.encode()).decode()

    def open(self, sealed: str) -> str | None:
        """Return the secret, or None if it was sealed under another key or altered."""
        try:
            return self.fernet.decrypt(sealed.encode()).decode()
        except InvalidToken:
            return None


def new_secret() -> str:
    """Return a new random TOTP secret (160 bits, base32)."""
    return pyotp.random_base32(32)


def provisioning_uri(secret: str, account: str) -> str:
    """Return the otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=ISSUER)


def accepted_step(secret: str, code: str, now: datetime, last_step: int | None) -> int | None:
    """Return the time step `code` belongs to, if it is valid now and not used before."""
    code = "".join(code.split())
    if not (code.isascii() and code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    for drift in range(-DRIFT_STEPS, DRIFT_STEPS + 1):
        step = totp.timecode(now) + drift
        if last_step is not None and step <= last_step:
            continue
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None
