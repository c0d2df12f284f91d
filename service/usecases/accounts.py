"""Use-cases for programme users (admin, staff, partner, viewer) and their tokens."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import ApiKey, User
from models.enums import UserRole
from service.platform.security.secrets import hash_password, issue_secret
from service.usecases.errors import Conflict, InvalidInput
from service.usecases.messages import msg

MIN_PASSWORD_LENGTH = 10


def create_user(*, session: Session, email: str, role: str, password: str) -> tuple[User, str]:
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
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise Conflict(msg("A user with this email already exists."))
    user = User(email=email, role=user_role, password_hash=hash_password(password))
    session.add(user)
    session.flush()
    token = issue_secret("usr")
    session.add(ApiKey(user_id=user.id, prefix=token.prefix, secret_hash=token.digest))
    session.commit()
    return user, token.plaintext
