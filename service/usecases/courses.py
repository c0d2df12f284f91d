"""The course catalogue: add, change, close and reopen courses; read and list them.

Staff and admins manage every course; a partner organisation adds courses and changes
the ones it added. Anyone may read the catalogue (seekers choose from it), so reading
takes no user. A course is open for enrolment while its status is `open` and it has
not ended; seats are counted by `seats_taken`, which only the enrolment use-cases move
(see `service.usecases.enrolments`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Select, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from matching.text import normalize
from models import Course, User
from models.enums import ActorKind, CourseStatus, Language, UserRole
from service.usecases import audit, clock
from service.usecases.errors import Forbidden, InvalidInput, NotFound
from service.usecases.messages import Message, msg
from service.usecases.vacancies import Page, decode_cursor, encode_cursor

COURSE_ROLES = frozenset({UserRole.ADMIN, UserRole.STAFF, UserRole.PARTNER})
# Roles that change any course; partners change the courses they added.
CATALOGUE_ROLES = frozenset({UserRole.ADMIN, UserRole.STAFF})

# What a course may hold; the API's schema says the same in its own terms.
LIMITS = {"title": 200, "provider": 200, "description": 20000, "url": 500, "skill": 100}
MAX_SKILLS = 50
MAX_HOURS = 10000
MAX_COST = 99_999_999
MAX_SEATS = 100_000
FIELDS = frozenset(
    {
        "title",
        "provider",
        "description",
        "skills",
        "language",
        "url",
        "duration_hours",
        "cost",
        "starts_on",
        "ends_on",
        "seats",
        "status",
    }
)
REQUIRED = ("title", "provider", "language")
# A text search reads this many courses at most: a catalogue of courses, not of vacancies.
SEARCH_SCAN = 5000

NOT_A_COURSE = msg("No course has this id.")
REQUIRED_FIELD = msg("This field is required.")
NOT_A_WEB_ADDRESS = msg("Give a web address that starts with http:// or https://.")


def open_courses(today: date, *columns: Any) -> Select[Any]:
    """Select `columns` (default: the course) of courses open for enrolment today: open
    status and not ended. The one definition of "open" for every caller."""
    return select(*(columns or (Course,))).where(
        Course.status == CourseStatus.OPEN,
        or_(Course.ends_on.is_(None), Course.ends_on >= today),
    )


def is_open(course: Course, today: date) -> bool:
    """Tell whether the course takes enrolments today (seats aside)."""
    ended = course.ends_on is not None and course.ends_on < today
    return course.status is CourseStatus.OPEN and not ended


def seats_left(course: Course) -> int | None:
    """Return how many seats are free, or None when the course has no limit."""
    if course.seats is None:
        return None
    return max(course.seats - course.seats_taken, 0)


def is_free(course: Course) -> bool:
    """Tell whether the course costs nothing (no cost given counts as free)."""
    return not course.cost


def clean_skills(values: Iterable[str]) -> list[str]:
    """Return the skills stripped and each once: the same words in another case or
    spacing are the same skill (the first spelling is kept)."""
    kept: list[str] = []
    seen: set[str] = set()
    for value in values:
        text = " ".join(str(value).split())
        key = normalize(text)
        if text and key not in seen:
            seen.add(key)
            kept.append(text)
    return kept


def is_web_address(url: str) -> bool:
    """Tell whether `url` is an http or https address of some host, without spaces."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and not any(c.isspace() for c in url)
    )


def _require(user: User, roles: frozenset[UserRole]) -> None:
    if user.role not in roles:
        raise Forbidden()


def may_change(user: User, course: Course) -> bool:
    """Tell whether a user may change a course: staff and admins any course, a partner
    the courses it added."""
    if user.role in CATALOGUE_ROLES:
        return True
    return user.role in COURSE_ROLES and course.created_by_user_id == user.id


def _may_change(user: User, course: Course) -> None:
    _require(user, COURSE_ROLES)
    if not may_change(user, course):
        raise Forbidden(msg("A partner may change only the courses it added."))


def _checked(course: Course, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Return the values to set, checked against the course as it will be after them.

    Field types are the edge's to check (the schemas); here are the rules a page or a
    command must meet as well, so a refusal leaves the course as it was.
    """
    unknown = set(fields) - FIELDS
    if unknown:
        raise InvalidInput(
            errors={
                name: [msg("This field is not known. Check its spelling.")]
                for name in sorted(unknown)
            }
        )
    values = dict(fields)
    for name in ("title", "provider", "description", "url"):
        if isinstance(values.get(name), str):
            values[name] = values[name].strip()
    if "description" in values and values["description"] is None:
        values["description"] = ""
    if "skills" in values:
        values["skills"] = clean_skills(values["skills"] or [])
    if "url" in values and not values["url"]:
        values["url"] = None
    for name in ("language", "status"):
        if isinstance(values.get(name), str):
            kind = Language if name == "language" else CourseStatus
            try:
                values[name] = kind(values[name])
            except ValueError:
                raise InvalidInput(errors={name: [msg("Not a valid choice.")]}) from None

    def after(name: str) -> Any:
        return values[name] if name in values else getattr(course, name)

    errors: dict[str, list[Message]] = {}

    def refuse(name: str, message: Message) -> None:
        errors.setdefault(name, []).append(message)

    for name in REQUIRED:
        if after(name) in (None, ""):
            refuse(name, REQUIRED_FIELD)
    for name in ("title", "provider", "description", "url"):
        value = after(name)
        if value is not None and len(value) > LIMITS[name]:
            refuse(name, msg("Use at most %(n)d characters.", n=LIMITS[name]))
    skills = after("skills") or []
    if len(skills) > MAX_SKILLS:
        refuse("skills", msg("Give at most %(n)d skills.", n=MAX_SKILLS))
    if any(len(skill) > LIMITS["skill"] for skill in skills):
        refuse("skills", msg("Use at most %(n)d characters.", n=LIMITS["skill"]))
    url = after("url")
    if url is not None and not is_web_address(url):
        refuse("url", NOT_A_WEB_ADDRESS)
    hours = after("duration_hours")
    if hours is not None and not 0 < hours <= MAX_HOURS:
        refuse("duration_hours", msg("Give the hours as a whole number above 0."))
    cost = after("cost")
    if cost is not None and not 0 <= cost <= MAX_COST:
        refuse("cost", msg("Give the cost in KGS: 0 or more (0 means free)."))
    starts_on, ends_on = after("starts_on"), after("ends_on")
    if starts_on is not None and ends_on is not None and starts_on > ends_on:
        refuse("ends_on", msg("The course cannot end before it starts."))
    seats = after("seats")
    if seats is not None:
        if not 0 <= seats <= MAX_SEATS:
            refuse("seats", msg("Give the seats as a whole number, 0 or more."))
        elif seats < course.seats_taken:
            refuse(
                "seats",
                msg(
                    "%(taken)d seats are already taken: give at least that many.",
                    taken=course.seats_taken,
                ),
            )
    if errors:
        raise InvalidInput(errors=errors)
    return values


def _commit(session: Session) -> None:
    try:
        session.commit()
    except IntegrityError:
        # Seats lowered while someone took one: the database's CHECK kept the count.
        session.rollback()
        raise InvalidInput(
            errors={"seats": [msg("More seats were taken meanwhile: give at least that many.")]}
        ) from None


def _audit(session: Session, user: User, action: str, course_id: int) -> None:
    audit.record(
        session,
        actor_kind=ActorKind.USER,
        actor_id=user.id,
        action=action,
        entity_kind="course",
        entity_id=course_id,
    )


def create_course(*, session: Session, user: User, fields: Mapping[str, Any]) -> Course:
    """Add a course to the catalogue (open for enrolment unless `status` says closed)."""
    _require(user, COURSE_ROLES)
    course = Course(seats_taken=0, status=CourseStatus.OPEN, description="", skills=[])
    values = _checked(course, fields)
    for name, value in values.items():
        setattr(course, name, value)
    course.created_by_user_id = user.id
    session.add(course)
    session.flush()
    _audit(session, user, "course.created", course.id)
    _commit(session)
    return course


def get_course(*, session: Session, course_id: int) -> Course:
    """Return a course of the catalogue."""
    course = session.get(Course, course_id)
    if course is None:
        raise NotFound(NOT_A_COURSE)
    return course


def update_course(
    *, session: Session, user: User, course_id: int, fields: Mapping[str, Any]
) -> Course:
    """Change the fields given (`status` closes or reopens); the others stay as they are."""
    course = get_course(session=session, course_id=course_id)
    _may_change(user, course)
    # The count of taken seats as it stands now, for the check against `seats`.
    session.refresh(course)
    values = _checked(course, fields)
    before = course.status
    for name, value in values.items():
        setattr(course, name, value)
    _audit(session, user, "course.updated", course.id)
    if course.status is not before:
        action = "course.closed" if course.status is CourseStatus.CLOSED else "course.reopened"
        _audit(session, user, action, course.id)
    _commit(session)
    return course


def close_course(*, session: Session, user: User, course_id: int) -> Course:
    """Stop taking enrolments; the people enrolled keep their places."""
    return update_course(
        session=session, user=user, course_id=course_id, fields={"status": CourseStatus.CLOSED}
    )


def reopen_course(*, session: Session, user: User, course_id: int) -> Course:
    """Take enrolments again (while seats are left and the course has not ended)."""
    return update_course(
        session=session, user=user, course_id=course_id, fields={"status": CourseStatus.OPEN}
    )


def _matches_text(course: Course, words: list[str]) -> bool:
    haystack = normalize(
        " ".join([course.title, course.provider, course.description or "", *course.skills])
    )
    return all(word in haystack for word in words)


def list_courses(
    *,
    session: Session,
    limit: int,
    cursor: str | None = None,
    open_only: bool = False,
    language: Language | None = None,
    text: str = "",
    today: date | None = None,
) -> Page:
    """Return a page of courses, oldest first; `open_only` keeps those taking enrolments
    today, `text` those whose title, provider, description or skills hold every word
    (in any case, punctuation or Kyrgyz spelling)."""
    today = today or clock.today()
    query = open_courses(today) if open_only else select(Course)
    if cursor:
        query = query.where(Course.id > decode_cursor(cursor))
    if language is not None:
        query = query.where(Course.language == language)
    words = normalize(text or "").split()
    query = query.order_by(Course.id)
    if not words:
        rows = list(session.scalars(query.limit(limit + 1)))
    else:
        # Skills are JSON, which neither database searches alike: read and compare here.
        found = (c for c in session.scalars(query.limit(SEARCH_SCAN)) if _matches_text(c, words))
        rows = []
        for course in found:
            rows.append(course)
            if len(rows) > limit:
                break
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, encode_cursor(rows[-1].id) if more else None)
