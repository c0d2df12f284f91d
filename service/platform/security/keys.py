"""Resolve a bearer secret to whoever owns it: an employer or a programme user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from models import ApiKey, Employer, User
from models.enums import ActorKind, EmployerStatus, UserRole
from service.platform.security.secrets import digest_secret

# Writing last_used_at on every request would turn each read into a write.
TOUCH_INTERVAL = timedelta(minutes=1)


@dataclass(frozen=True)
class Principal:
    """The authenticated caller: exactly one of `employer` and `user` is set."""

    api_key_id: int
    employer: Employer | None = None
    user: User | None = None

    @property
    def role(self) -> UserRole | ActorKind:
        """Name the caller's role: `ActorKind.EMPLOYER` or the user's role."""
        return ActorKind.EMPLOYER if self.employer is not None else self.user.role  # type: ignore[union-attr]

    @property
    def actor_kind(self) -> ActorKind:
        """Say what kind of actor this caller is in match events and audit."""
        return ActorKind.EMPLOYER if self.employer is not None else ActorKind.USER

    @property
    def actor_id(self) -> int:
        """Return the employer's or the user's id."""
        owner = self.employer if self.employer is not None else self.user
        return owner.id  # type: ignore[union-attr]

    @property
    def suspended(self) -> bool:
        """Tell whether this caller's account is suspended or deactivated."""
        if self.employer is not None:
            return self.employer.status is EmployerStatus.SUSPENDED
        return not self.user.active  # type: ignore[union-attr]

    def has_role(self, *roles: UserRole | ActorKind) -> bool:
        """Tell whether the caller has one of `roles` (admins have every user role)."""
        if self.user is not None and self.user.role is UserRole.ADMIN:
            return any(isinstance(role, UserRole) for role in roles)
        return self.role in roles


def resolve_api_key(*, session: Session, secret: str, now: datetime) -> Principal | None:
    """Return the owner of an unrevoked key, or None; note its use at most once a minute."""
    key = session.scalar(select(ApiKey).where(ApiKey.secret_hash == digest_secret(secret)))
    if key is None or key.revoked_at is not None:
        return None
    if key.last_used_at is None or now - key.last_used_at >= TOUCH_INTERVAL:
        # A conditional UPDATE, so concurrent requests do not fight over the row.
        session.execute(
            update(ApiKey).where(ApiKey.id == key.id).values(last_used_at=now),
            execution_options={"synchronize_session": False},
        )
        session.commit()
    if key.employer_id is not None:
        employer = session.get(Employer, key.employer_id)
        return Principal(api_key_id=key.id, employer=employer) if employer else None
    user = session.get(User, key.user_id)
    return Principal(api_key_id=key.id, user=user) if user else None
