"""Use-cases for programme users (admin, staff, partner, viewer): create and manage them.

Admins create users, set their role and regions, disable them (their sessions end at
once), reset a second factor and unlock an account; each change is audited.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import ApiKey, User
from models.enums import ActorKind, Region, UserRole
from service.platform.security.secrets import hash_password, issue_secret
from service.usecases import audit
from service.usecases.errors import Conflict, InvalidInput, NotFound
from service.usecases.messages import msg

MIN_PASSWORD_LENGTH = 10


def _regions(regions: Collection[str]) -> list[str]:
    known = {r.value for r in Region}
    unknown = [r for r in regions if r not in known]
    if unknown:
        raise InvalidInput(errors={"regions": [msg("Unknown region.")]})
    return [r.value for r in Region if r.value in set(regions)]


def create_user(
    *,
    session: Session,
    email: str,
    role: str,
    password: str,
    regions: Collection[str] = (),
    actor_id: int | None = None,
) -> tuple[User, str]:
    """Create a user with a password and an API token; return the user and the token."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise InvalidInput(errors={"email": [msg("Enter a valid email address.")]})
    try:
        user_role = UserRole(role)
    except ValueError:
        raise InvalidInput(errors={"role": [msg("Unknown role.")]}) from None
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            errors={"password": [msg("Use at least %(n)d characters.", n=MIN_PASSWORD_LENGTH)]}
        )
    chosen = _regions(regions)
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise Conflict(msg("A user with this email already exists."))
    user = User(email=email, role=user_role, password_hash=hash_password(password), regions=chosen)
    session.add(user)
    session.flush()
    token = issue_secret("usr")
    session.add(ApiKey(user_id=user.id, prefix=token.prefix, secret_hash=token.digest))
    if actor_id is not None:
        _audit(session, actor_id, "user.created", user.id, {"role": user_role.value})
    session.commit()
    return user, token.plaintext


def list_users(*, session: Session) -> list[User]:
    """Return every programme user, admins first, then by e-mail."""
    return list(session.scalars(select(User).order_by(User.role, User.email)))


def find_user(*, session: Session, email: str) -> User:
    """Return the programme user with this e-mail."""
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise NotFound(msg("No user has this e-mail."))
    return user


def get_user(*, session: Session, user_id: int) -> User:
    """Return a programme user."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    return user


def update_user(
    *,
    session: Session,
    user_id: int,
    role: str,
    regions: Collection[str],
    active: bool,
    actor_id: int,
) -> User:
    """Set a user's role, regions and whether they may sign in; a change ends their sessions.

    An admin cannot take away the last active admin, so someone can always manage users.
    """
    user = get_user(session=session, user_id=user_id)
    try:
        new_role = UserRole(role)
    except ValueError:
        raise InvalidInput(errors={"role": [msg("Unknown role.")]}) from None
    chosen = _regions(regions)
    losing_admin = (
        user.role is UserRole.ADMIN
        and user.active
        and (new_role is not UserRole.ADMIN or not active)
    )
    if losing_admin:
        admins = session.scalar(
            select(func.count()).where(User.role == UserRole.ADMIN, User.active.is_(True))
        )
        if (admins or 0) <= 1:
            raise Conflict(msg("This is the last active admin. Make another admin first."))
    changed = [
        name
        for name, old, new in (
            ("role", user.role, new_role),
            ("regions", list(user.regions or []), chosen),
            ("active", user.active, active),
        )
        if old != new
    ]
    if changed:
        user.role, user.regions, user.active = new_role, chosen, active
        # Whatever changed, the user's open sessions end and pick up the change anew.
        user.session_version += 1
        _audit(session, actor_id, "user.updated", user.id, {"fields": changed})
        session.commit()
    return user


def reset_second_factor(*, session: Session, user_id: int, actor_id: int | None) -> User:
    """Forget a user's second factor (a lost phone): they enrol again at the next sign-in."""
    user = get_user(session=session, user_id=user_id)
    user.totp_secret = None
    user.totp_enrolled_at = None
    user.totp_last_step = None
    user.session_version += 1
    _audit(session, actor_id, "user.second_factor_reset", user.id)
    session.commit()
    return user


def unlock_user(*, session: Session, user_id: int, actor_id: int | None) -> User:
    """Let a user locked by wrong attempts try again."""
    user = get_user(session=session, user_id=user_id)
    user.failed_logins = 0
    user.locked_until = None
    _audit(session, actor_id, "user.unlocked", user.id)
    session.commit()
    return user


def end_user_sessions(*, session: Session, user_id: int, actor_id: int | None) -> User:
    """End every session of a user (a lost laptop): a copied cookie opens nothing."""
    user = get_user(session=session, user_id=user_id)
    user.session_version += 1
    _audit(session, actor_id, "user.sessions_ended", user.id)
    session.commit()
    return user


def _audit(
    session: Session, actor_id: int | None, action: str, user_id: int, detail: dict | None = None
) -> None:
    # No actor: an operator on the command line.
    audit.record(
        session,
        actor_kind=ActorKind.USER if actor_id is not None else ActorKind.SYSTEM,
        actor_id=actor_id,
        action=action,
        entity_kind="user",
        entity_id=user_id,
        detail=detail,
    )
