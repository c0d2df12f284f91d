"""Programme users sign in: e-mail and password, then a TOTP code for every role that
sees personal data (admin, staff, partner); a viewer, who sees aggregates only, signs
in with the password alone.

Wrong passwords and wrong codes count alike towards the account's wait and lock
(`attempts`); a code is accepted once; the TOTP secret is stored encrypted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from models import User
from models.enums import ActorKind, Region, UserRole
from service.platform.security.second_factor import (
    SecretBox,
    accepted_step,
    new_secret,
    provisioning_uri,
)
from service.platform.security.secrets import hash_password, verify_password
from service.usecases import audit
from service.usecases.attempts import check_password_attempt, fail, refuse_if_waiting, succeed
from service.usecases.errors import Forbidden, InvalidInput
from service.usecases.messages import msg

# Roles that see personal data, and so must prove a second factor.
SECOND_FACTOR_ROLES = frozenset({UserRole.ADMIN, UserRole.STAFF, UserRole.PARTNER})

WRONG_CREDENTIALS = msg("The e-mail or the password is not right.")
WRONG_CODE = msg("This code is not right, or it was already used. Wait for the next code.")
LOCKED = msg(
    "This account is locked after too many wrong attempts. Ask an administrator to unlock it."
)
DISABLED = msg("This account is disabled. Ask an administrator.")
# Verified against when the e-mail is unknown, so both answers take as long.
_DUMMY_HASH = hash_password("not the password of anyone at all")


def needs_second_factor(user: User) -> bool:
    """Tell whether this user must prove a TOTP code to sign in."""
    return user.role in SECOND_FACTOR_ROLES


def user_regions(user: User) -> frozenset[Region] | None:
    """Return the regions a user is limited to, or None for every region."""
    return frozenset(Region(r) for r in user.regions) if user.regions else None


def check_credentials(*, session: Session, email: str, password: str, now: datetime) -> User:
    """Check an e-mail and password (the first step): refuse both wrongs alike."""
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        verify_password(_DUMMY_HASH, password)
        raise InvalidInput(WRONG_CREDENTIALS, errors={"email": [WRONG_CREDENTIALS]})
    check_password_attempt(
        session,
        user,
        password,
        now,
        field="email",
        refusal=WRONG_CREDENTIALS,
        locked=LOCKED,
        resets=not needs_second_factor(user),
    )
    if not user.active:
        raise Forbidden(DISABLED)
    return user


@dataclass(frozen=True)
class Enrolment:
    """What a user's authenticator app needs: the secret and its otpauth:// address."""

    secret: str
    uri: str


def begin_enrolment(*, session: Session, user: User, box: SecretBox) -> Enrolment:
    """Give a user without a second factor a secret to enrol (the same one until confirmed)."""
    if user.totp_enrolled_at is not None:
        raise Forbidden(msg("A second factor is already set up for this account."))
    secret = box.open(user.totp_secret) if user.totp_secret else None
    if secret is None:
        secret = new_secret()
        user.totp_secret = box.seal(secret)
        session.commit()
    return Enrolment(secret=secret, uri=provisioning_uri(secret, user.email))


def prove_code(*, session: Session, user: User, code: str, box: SecretBox, now: datetime) -> None:
    """Check a TOTP code (enrolling, or signing in); a code passes once, wrong ones count."""
    refuse_if_waiting(user, now, locked=LOCKED)
    secret = box.open(user.totp_secret) if user.totp_secret else None
    step = None if secret is None else accepted_step(secret, code, now, user.totp_last_step)
    if step is None:
        fail(session, user, now, field="code", refusal=WRONG_CODE)
    # Claim the step in the database, so two requests with one code cannot both pass.
    claimed = session.execute(
        update(User)
        .where(
            User.id == user.id,
            or_(User.totp_last_step.is_(None), User.totp_last_step < step),
        )
        .values(totp_last_step=step),
        execution_options={"synchronize_session": False},
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        fail(session, user, now, field="code", refusal=WRONG_CODE)
    user.totp_last_step = step
    succeed(user)
    if user.totp_enrolled_at is None:
        user.totp_enrolled_at = now
        _audit(session, user, "user.second_factor_enrolled")
    session.commit()


def signed_in(*, session: Session, user: User, now: datetime) -> None:
    """Note a completed sign-in."""
    user.last_sign_in_at = now
    _audit(session, user, "user.signed_in")
    session.commit()


def current_user(*, session: Session, user_id: int, version: int) -> User | None:
    """Return the user of a session, or None when it has ended (disabled, version raised)."""
    user = session.get(User, user_id)
    if user is None or not user.active or user.session_version != version:
        return None
    return user


def _audit(session: Session, user: User, action: str) -> None:
    audit.record(
        session,
        actor_kind=ActorKind.USER,
        actor_id=user.id,
        action=action,
        entity_kind="user",
        entity_id=user.id,
    )
