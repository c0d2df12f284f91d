"""Seekers' own accounts: register, claim with an activation code, sign in, keep or end
sessions, change the profile, take one's data, delete it.

Passwords follow NIST SP 800-63B-4: at least 8 characters, any characters, no
composition rules, checked against common passwords, hashed with Argon2id. Failed
sign-ins make the account wait longer each time and lock it after 100 in a row.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import Course, Enrolment, Match, MatchEvent, Seeker
from models.enums import ActorKind
from service.platform.security.secrets import digest_secret, hash_password, verify_password
from service.usecases import audit
from service.usecases.attempts import check_password_attempt
from service.usecases.clock import utcnow
from service.usecases.contact_views import contact_shown_to
from service.usecases.errors import Conflict, InvalidInput, invalid
from service.usecases.languages import spoken_languages
from service.usecases.messages import msg
from service.usecases.outcomes import record_signals
from service.usecases.phones import to_e164

CONSENT_REQUIRED = msg("The seeker must agree to the storage of their data to register.")
# The version of the consent text a seeker agrees to (templates/web/_consent.html, on the
# registration forms): a changed text gets a new version, and a test pins the text's digest
# to it. 2026-12-01: the first recorded text; 2026-12-02: contact showings and retention.
# Seekers registered by staff or partners before 2026-12-02 have none recorded (NULL).
CONSENT_VERSION = "2026-12-02"

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 256

ACTIVATION_LIFETIME = timedelta(days=7)
# Unambiguous letters and digits (no 0/O, 1/I/L): 31^10 ≈ 2^49 codes, read over the phone.
ACTIVATION_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
ACTIVATION_LENGTH = 10

# The same refusal for an unknown phone and a wrong password: nothing says which it was.
WRONG_CREDENTIALS = msg("The phone number or the password is not right.")
WRONG_PASSWORD = msg("This password is not right.")
# A real Argon2 hash to verify against when the phone is unknown, so both take as long.
_DUMMY_HASH = hash_password("not a password of anyone")


class AlreadyRegistered(Conflict):
    """Someone already registered with this phone: they should sign in instead."""

    code = "already_registered"
    message = msg("This phone number is already registered. Sign in instead.")


@cache
def _common_passwords() -> frozenset[str]:
    text = resources.files("service.usecases").joinpath("data/common_passwords.txt")
    lines = (line.strip() for line in text.read_text(encoding="utf-8").splitlines())
    return frozenset(line.lower() for line in lines if line and not line.startswith("#"))


def check_password(password: str, *, phone: str | None = None) -> None:
    """Refuse a password that is too short, too long, common, or the phone number itself."""
    problem = None
    if len(password) < MIN_PASSWORD_LENGTH:
        problem = msg("Use at least %(n)d characters.", n=MIN_PASSWORD_LENGTH)
    elif len(password) > MAX_PASSWORD_LENGTH:
        problem = msg("Use at most %(n)d characters.", n=MAX_PASSWORD_LENGTH)
    elif password.lower() in _common_passwords() or (
        phone and "".join(c for c in password if c.isdigit()).endswith(phone[-9:])
    ):
        problem = msg("This password is too easy to guess. Choose another.")
    if problem is not None:
        raise invalid("password", problem)


def _digest(code: str) -> str:
    # Read as people type it: any case, with or without the dash and spaces.
    return digest_secret(code.strip().upper().replace("-", "").replace(" ", ""))


def check_consent(consent: object) -> None:
    """Refuse a registration without the seeker's consent to store their data."""
    if consent is not True:
        raise invalid("consent", CONSENT_REQUIRED)


def register_self(
    *, session: Session, fields: dict[str, Any], password: str, now: datetime
) -> Seeker:
    """Register a seeker who signs up on their own (or beside a social worker)."""
    check_consent(fields.get("consent"))
    phone = to_e164(str(fields.get("phone") or ""))
    check_password(password, phone=phone)
    taken = session.scalar(
        select(Seeker.id).where(
            Seeker.deleted_at.is_(None), or_(Seeker.login_phone == phone, Seeker.phone == phone)
        )
    )
    if taken is not None:
        raise AlreadyRegistered(errors={"phone": [AlreadyRegistered.message]})
    values = {
        **fields,
        "phone": phone,
        "languages": spoken_languages(fields.get("languages") or []),
    }
    seeker = Seeker(
        **values,
        login_phone=phone,
        password_hash=hash_password(password),
        consented_at=now,
        consent_version=CONSENT_VERSION,
        last_active_at=now,
    )
    session.add(seeker)
    try:
        session.flush()
    except IntegrityError:  # the same phone registered at the same moment
        session.rollback()
        raise AlreadyRegistered(errors={"phone": [AlreadyRegistered.message]}) from None
    audit.record(
        session,
        actor_kind=ActorKind.SEEKER,
        actor_id=seeker.id,
        action="seeker.registered",
        entity_kind="seeker",
        entity_id=seeker.id,
    )
    session.commit()
    return seeker


def issue_activation_code(*, seeker: Seeker, now: datetime) -> str:
    """Give a seeker registered by a partner a one-time code to claim the account.

    Only its digest is kept, with an expiry; the caller commits and shows the code once.
    """
    code = "".join(secrets.choice(ACTIVATION_ALPHABET) for _ in range(ACTIVATION_LENGTH))
    seeker.activation_code_hash = _digest(code)
    seeker.activation_expires_at = now + ACTIVATION_LIFETIME
    return f"{code[:5]}-{code[5:]}"


def reissue_activation_code(*, session: Session, seeker: Seeker, now: datetime) -> str:
    """Give a seeker a new one-time code (lost password, locked account); show it once.

    The old code stops working; the account's sign-ins go on until the code is used.
    """
    code = issue_activation_code(seeker=seeker, now=now)
    session.commit()
    return code


def activate(*, session: Session, code: str, password: str, now: datetime) -> Seeker:
    """Claim an account with its activation code: set the password, and nothing else."""
    seeker = session.scalar(
        select(Seeker).where(
            Seeker.activation_code_hash == _digest(code), Seeker.deleted_at.is_(None)
        )
    )
    expires = seeker.activation_expires_at if seeker is not None else None
    if seeker is None or expires is None or expires < now:
        raise invalid(
            "code",
            msg(
                "This activation code is not valid or has expired. Ask your partner for a new one."
            ),
        )
    phone = to_e164(seeker.phone or "", field="code")
    check_password(password, phone=phone)
    seeker.login_phone = phone
    seeker.password_hash = hash_password(password)
    seeker.activation_code_hash = None
    seeker.activation_expires_at = None
    seeker.failed_logins = 0
    seeker.locked_until = None
    seeker.session_version += 1  # whoever was signed in before the new password is out
    note_activity(seeker, now)
    try:
        session.commit()
    except IntegrityError:  # another account already signs in with this phone
        session.rollback()
        raise AlreadyRegistered(errors={"code": [AlreadyRegistered.message]}) from None
    return seeker


def sign_in(*, session: Session, phone: str, password: str, now: datetime) -> Seeker:
    """Return the seeker whose phone and password these are; count and slow down failures."""
    try:
        login = to_e164(phone)
    except InvalidInput:
        login = None
    seeker = (
        session.scalar(
            select(Seeker).where(Seeker.login_phone == login, Seeker.deleted_at.is_(None))
        )
        if login
        else None
    )
    if seeker is None or seeker.password_hash is None:
        verify_password(_DUMMY_HASH, password)
        raise InvalidInput(WRONG_CREDENTIALS, errors={"phone": [WRONG_CREDENTIALS]})
    _attempt(session, seeker, password, now, field="phone", refusal=WRONG_CREDENTIALS)
    return seeker


SEEKER_LOCKED = msg(
    "This account is locked after too many wrong passwords. "
    "Ask your partner organisation or the programme's staff for an activation code."
)


def _attempt(
    session: Session, seeker: Seeker, password: str, now: datetime, *, field: str, refusal: Any
) -> None:
    # A locked seeker gets a new activation code from a partner or staff.
    check_password_attempt(
        session, seeker, password, now, field=field, refusal=refusal, locked=SEEKER_LOCKED
    )


def current_seeker(*, session: Session, seeker_id: int, version: int) -> Seeker | None:
    """Return the signed-in seeker of a session, or None when that session has ended."""
    seeker = session.get(Seeker, seeker_id)
    if seeker is None or seeker.deleted_at is not None or seeker.session_version != version:
        return None
    return seeker


def end_all_sessions(*, session: Session, seeker: Seeker) -> None:
    """End every session of the seeker, on every device (a copied cookie stops working)."""
    seeker.session_version += 1
    session.commit()


def update_profile(*, session: Session, seeker: Seeker, fields: dict[str, Any]) -> Seeker:
    """Change the seeker's own profile; recommendations follow at the next request."""
    if "languages" in fields:
        fields = {**fields, "languages": spoken_languages(fields["languages"] or [])}
    if "phone" in fields:
        phone = to_e164(str(fields["phone"] or ""))
        clash = session.scalar(
            select(Seeker.id).where(
                Seeker.id != seeker.id, Seeker.deleted_at.is_(None), Seeker.login_phone == phone
            )
        )
        if clash is not None:
            raise AlreadyRegistered(errors={"phone": [AlreadyRegistered.message]})
        fields = {**fields, "phone": phone}
        if seeker.login_phone is not None:
            fields["login_phone"] = phone
    for name, value in fields.items():
        setattr(seeker, name, value)
    note_activity(seeker, utcnow())
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise AlreadyRegistered(errors={"phone": [AlreadyRegistered.message]}) from None
    return seeker


# What the export leaves out: secrets, and the machinery of sessions and sign-in.
NOT_EXPORTED = frozenset(
    {"password_hash", "activation_code_hash", "session_version", "failed_logins", "locked_until"}
)


def export_data(*, session: Session, seeker: Seeker) -> dict[str, Any]:
    """Return everything stored about the seeker: the profile, the matches with their
    events, and the enrolments in courses."""
    profile = {
        column.key: _plain(getattr(seeker, column.key))
        for column in Seeker.__table__.columns
        if column.key not in NOT_EXPORTED
    }
    matches = session.scalars(select(Match).where(Match.seeker_id == seeker.id).order_by(Match.id))
    return {
        "seeker": profile,
        "matches": [
            {
                "id": m.id,
                "vacancy_id": m.vacancy_id,
                "status": m.status.value,
                "created_at": _plain(m.created_at),
                # How the matcher saw the pair when the match was opened (for learning).
                "signals": m.signals,
                "events": [
                    {
                        "from_status": e.from_status.value if e.from_status else None,
                        "to_status": e.to_status.value,
                        "actor_kind": e.actor_kind.value,
                        "at": _plain(e.at),
                        "note": e.note,
                    }
                    for e in m.events
                ],
            }
            for m in matches
        ],
        # The courses they enrolled in (whoever enrolled them) and how each went.
        "enrolments": [
            {
                "id": e.id,
                "course_id": e.course_id,
                "course_title": title,
                "status": e.status.value,
                "enrolled_at": _plain(e.enrolled_at),
                "completed_at": _plain(e.completed_at),
                "skills_added": e.skills_added,
            }
            for e, title in session.execute(
                select(Enrolment, Course.title)
                .join(Course, Course.id == Enrolment.course_id)
                .where(Enrolment.seeker_id == seeker.id)
                .order_by(Enrolment.id)
            )
        ],
        # Which employers saw their contact, when, for which vacancy (as /me lists them).
        "contact_shown": [
            {
                "at": _plain(shown.at),
                "employer": shown.employer_name,
                "vacancy_title": shown.vacancy_title,
                "fields": shown.fields,
            }
            for shown in contact_shown_to(session=session, seeker_id=seeker.id)
        ],
    }


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):  # dates and times
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    return value


# Emptied on deletion. What stays is the anonymous stub the figures are counted by
# (STUB_FIELDS); every column of Seeker is in one of the two lists (a test checks).
PERSONAL_FIELDS = (
    "full_name",
    "phone",
    "email",
    "locality",
    "desired_position",
    "experience",
    "previous_sector",
    "salary_expectation",
    "education_level",
    "login_phone",
    "password_hash",
    "activation_code_hash",
    "activation_expires_at",
    "found_work_where",
    "skills",
    "languages",
    "employment_types",
    # Preferences about where to work say where a person would go: blanked too.
    "work_area",
    "seasonal_work",
)
STUB_FIELDS = (
    "id",
    "gender",
    "birth_year",
    "region",
    "lost_job_due_to_covid",
    "disability",
    "consent",
    "consent_version",
    "consented_at",
    "withdrawn_at",
    "deleted_at",
    "created_at",
    "updated_at",
    "found_work_at",
    "found_work_vacancy_id",
    "registered_by_user_id",
    # Settings without personal content, kept at their safe values.
    "visible_to_employers",
    "contactable",
    "preferred_language",
    "failed_logins",
    "locked_until",
    "session_version",
    # When they last acted and were given notice of anonymisation: dates, no content.
    "last_active_at",
    "retention_notice_at",
)
_EMPTY_LISTS = frozenset({"skills", "languages", "employment_types"})
_NO_FLAGS = frozenset({"seasonal_work"})


def blank(name: str) -> Any:
    """Return what a personal field holds once erased: an empty list, no, or nothing."""
    if name in _EMPTY_LISTS:
        return []
    return False if name in _NO_FLAGS else None


def delete_account(*, session: Session, seeker: Seeker, password: str, now: datetime) -> None:
    """Delete the seeker's personal data after checking the password; end every session.

    An anonymous stub stays so that the statistics never go back in time.
    """
    _attempt(session, seeker, password, now, field="password", refusal=WRONG_PASSWORD)
    erase_personal_data(session=session, seeker=seeker, now=now)
    audit.record(
        session,
        actor_kind=ActorKind.SEEKER,
        actor_id=seeker.id,
        action="seeker.deleted",
        entity_kind="seeker",
        entity_id=seeker.id,
    )
    session.commit()


def erase_personal_data(*, session: Session, seeker: Seeker, now: datetime) -> None:
    """Blank the seeker's personal fields and the free text about them, end every session,
    and leave the anonymous stub; the caller audits and commits."""
    for name in PERSONAL_FIELDS:
        setattr(seeker, name, blank(name))
    # Notes on the seeker's match events are free text that may name them.
    for event in session.scalars(
        select(MatchEvent)
        .join(Match)
        .where(Match.seeker_id == seeker.id, MatchEvent.note.is_not(None))
    ):
        event.note = None
    # The signals kept for learning were read from the profile now deleted (whether the
    # pay met their expectation, for one): they go too, the outcome stays in the stub.
    for match in session.scalars(
        select(Match).where(Match.seeker_id == seeker.id, Match.signals.is_not(None))
    ):
        record_signals(match, None)
    seeker.visible_to_employers = False
    seeker.contactable = False
    seeker.deleted_at = now
    seeker.session_version += 1


def note_activity(seeker: Seeker, now: datetime) -> None:
    """Record that the seeker (or someone acting for them) did something: inactivity
    counts from here, and a running retention notice is answered. The caller commits."""
    seeker.last_active_at = now
    seeker.retention_notice_at = None
