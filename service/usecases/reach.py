"""Which records a programme user may open: one definition for the pages and the API.

Admins and staff reach every record of their regions (all regions when they have
none); partners reach the seekers they registered, within their regions if they have
any. A record out of reach is answered as not found, so its existence is not revealed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from models import Employer, Seeker, User
from models.enums import UserRole


def seekers_within_reach(user: User) -> Select[Any]:
    """Select the registered seekers (not deleted) this user may open."""
    query = select(Seeker).where(
        Seeker.consent.is_(True), Seeker.withdrawn_at.is_(None), Seeker.deleted_at.is_(None)
    )
    if user.role is UserRole.PARTNER:
        query = query.where(Seeker.registered_by_user_id == user.id)
    if user.regions:
        query = query.where(Seeker.region.in_(user.regions))
    return query


def employers_within_reach(user: User) -> Select[Any]:
    """Select the employers this user may open (partners and viewers: none)."""
    query = select(Employer)
    if user.role not in {UserRole.ADMIN, UserRole.STAFF}:
        return query.where(Employer.id.is_(None))
    if user.regions:
        query = query.where(Employer.region.in_(user.regions))
    return query


def seeker_within_reach(session: Session, user: User | None, seeker_id: int) -> bool:
    """Tell whether `user` may act for this seeker (no user: an employer or the seeker)."""
    if user is None:
        return True
    return session.scalar(seekers_within_reach(user).where(Seeker.id == seeker_id)) is not None
