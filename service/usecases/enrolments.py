"""Enrolments: a seeker or another person takes a seat on a course, completes it or drops
out; a completed course's skills can go into the seeker's profile.

A seat is taken by one conditional UPDATE of the course's counter (`take_seat`), so two
people can never both take the last one, on SQLite or PostgreSQL; dropping out gives it
back. The transition table and who may set which status are plain data.

Who acts: a programme `user` (staff and admins for the people of their regions,
partners for the seekers they registered and the people they enrolled), or a seeker
for themselves (`user` None, `seeker_id` theirs).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from matching.skills import SkillVocabulary
from models import Course, Enrolment, Seeker, User
from models.enums import ActorKind, CourseStatus, EnrolmentStatus, Gender, Region, UserRole
from service.usecases import audit, clock
from service.usecases.courses import NOT_A_COURSE, REQUIRED_FIELD, clean_skills, get_course
from service.usecases.errors import Conflict, Forbidden, InvalidInput, NotFound
from service.usecases.messages import Message, msg
from service.usecases.phones import to_e164
from service.usecases.reach import seekers_within_reach
from service.usecases.seeker_accounts import note_activity, update_profile
from service.usecases.vacancies import Page, decode_cursor, encode_cursor

E = EnrolmentStatus

# Every legal move: an enrolled person completes the course or drops out; someone who
# dropped out may come back (taking a seat again). A completed course is final.
ENROLMENT_TRANSITIONS: dict[EnrolmentStatus, frozenset[EnrolmentStatus]] = {
    E.ENROLLED: frozenset({E.COMPLETED, E.DROPPED}),
    E.DROPPED: frozenset({E.ENROLLED}),
    E.COMPLETED: frozenset(),
}

# The statuses each kind of caller may set. Seekers and the partners who speak for them
# enrol and drop out; staff (and admins) also record that a course was completed.
ENROLMENT_TARGETS: dict[UserRole | ActorKind, frozenset[EnrolmentStatus]] = {
    ActorKind.SEEKER: frozenset({E.ENROLLED, E.DROPPED}),
    UserRole.PARTNER: frozenset({E.ENROLLED, E.DROPPED}),
    UserRole.STAFF: frozenset(E),
    UserRole.ADMIN: frozenset(E),
}
ENROLMENT_ROLES = frozenset({UserRole.ADMIN, UserRole.STAFF, UserRole.PARTNER})

# People enrolled who are not seekers: everything the breakdowns count them by.
PERSON_FIELDS = ("full_name", "phone", "gender", "birth_year", "region")
OLDEST_BIRTH_YEAR = 1900

NOT_AN_ENROLMENT = msg("No enrolment of yours has this id.")
NOT_A_SEEKER = msg("No registered seeker has this id.")


class CourseFull(Conflict):
    """Every seat of the course is taken."""

    code = "course_full"
    message = msg("The course is full: every seat is taken.")


class CourseClosed(Conflict):
    """The course takes no enrolments: closed, or already over."""

    code = "course_closed"
    message = msg("This course is closed to new enrolments.")


class AlreadyEnrolled(Conflict):
    """The person already has a place on this course."""

    code = "already_enrolled"
    message = msg("This person is already enrolled in this course.")


COURSE_ENDED = msg("This course has ended: it takes no new enrolments.")


@dataclass(frozen=True)
class EnrolledPerson:
    """An enrolment with its course and, for a seeker, the seeker: the person's name,
    phone, gender, birth year and region come from the seeker's own record when there
    is one. Every other attribute is the enrolment's."""

    enrolment: Enrolment
    course: Course
    seeker: Seeker | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.enrolment, name)

    def _person(self, name: str) -> Any:
        if self.seeker is not None:
            return getattr(self.seeker, name)
        return getattr(self.enrolment, name)

    @property
    def full_name(self) -> str | None:
        return self._person("full_name")

    @property
    def phone(self) -> str | None:
        return self._person("phone")

    @property
    def gender(self) -> Gender | None:
        return self._person("gender")

    @property
    def birth_year(self) -> int | None:
        return self._person("birth_year")

    @property
    def region(self) -> Region | None:
        return self._person("region")

    @property
    def course_title(self) -> str:
        return self.course.title


def enrolments_within_reach(user: User) -> Select[Any]:
    """Select the enrolments this user may open: those of seekers within reach, and of
    other people in the user's regions (for a partner: the people it enrolled)."""
    query = select(Enrolment)
    if user.role not in ENROLMENT_ROLES:
        return query.where(false())
    reachable = seekers_within_reach(user).with_only_columns(Seeker.id)
    others: ColumnElement[bool] = Enrolment.seeker_id.is_(None)
    if user.role is UserRole.PARTNER:
        others = and_(others, Enrolment.enrolled_by_user_id == user.id)
    if user.regions:
        others = and_(others, Enrolment.region.in_(user.regions))
    return query.where(or_(Enrolment.seeker_id.in_(reachable), others))


def _require(user: User | None, seeker_id: int | None) -> None:
    if user is None and seeker_id is None:
        raise Forbidden()
    if user is not None and user.role not in ENROLMENT_ROLES:
        raise Forbidden()


def _registered_seeker(session: Session, seeker_id: int, user: User | None) -> Seeker:
    query = (
        seekers_within_reach(user)
        if user is not None
        else select(Seeker).where(
            Seeker.consent.is_(True), Seeker.withdrawn_at.is_(None), Seeker.deleted_at.is_(None)
        )
    )
    seeker = session.scalar(query.where(Seeker.id == seeker_id))
    if seeker is None:
        raise NotFound(NOT_A_SEEKER, errors={"seeker_id": [NOT_A_SEEKER]})
    return seeker


def _view(session: Session, enrolment: Enrolment) -> EnrolledPerson:
    course = session.get(Course, enrolment.course_id)
    assert course is not None  # enrolments go with their course (ON DELETE CASCADE)
    seeker = session.get(Seeker, enrolment.seeker_id) if enrolment.seeker_id else None
    return EnrolledPerson(enrolment, course, seeker)


def take_seat(*, session: Session, course: Course, today: date) -> None:
    """Take one seat of an open course in one conditional UPDATE, or say why not.

    The database checks status, end and seats and counts the seat in the same
    statement, so concurrent enrolments on the last seat cannot both succeed.
    """
    taken = session.execute(
        update(Course)
        .where(
            Course.id == course.id,
            Course.status == CourseStatus.OPEN,
            or_(Course.ends_on.is_(None), Course.ends_on >= today),
            or_(Course.seats.is_(None), Course.seats_taken < Course.seats),
        )
        .values(seats_taken=Course.seats_taken + 1)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount == 1:  # type: ignore[attr-defined]
        session.expire(course, ["seats_taken"])
        return
    session.refresh(course)
    refusal = _closed(course, today) or CourseFull()
    session.rollback()
    raise refusal


def give_back_seat(*, session: Session, course: Course) -> None:
    """Free the seat an enrolment held (in one UPDATE, never below zero)."""
    session.execute(
        update(Course)
        .where(Course.id == course.id, Course.seats_taken > 0)
        .values(seats_taken=Course.seats_taken - 1)
        .execution_options(synchronize_session=False)
    )
    session.expire(course, ["seats_taken"])


def _closed(course: Course, today: date) -> Conflict | None:
    if course.status is CourseStatus.CLOSED:
        return CourseClosed()
    if course.ends_on is not None and course.ends_on < today:
        return CourseClosed(COURSE_ENDED)
    return None


def _person(
    session: Session, user: User | None, fields: dict[str, Any], today: date
) -> dict[str, Any]:
    """Check and normalise the details of a person who is not a seeker."""
    errors: dict[str, list[Message]] = {}
    values: dict[str, Any] = {}
    for name in PERSON_FIELDS:
        value = fields.get(name)
        if isinstance(value, str):
            value = " ".join(value.split())
        if value in (None, ""):
            errors[name] = [REQUIRED_FIELD]
        else:
            values[name] = value
    if "full_name" in values and len(values["full_name"]) > 200:
        errors["full_name"] = [msg("Use at most %(n)d characters.", n=200)]
    if "phone" in values:
        try:
            values["phone"] = to_e164(str(values["phone"]))
        except InvalidInput as refusal:
            errors.update({k: list(v) for k, v in (refusal.errors or {}).items()})
    for name, kind in (("gender", Gender), ("region", Region)):
        if name in values:
            try:
                values[name] = kind(values[name])
            except ValueError:
                errors[name] = [msg("Not a valid choice.")]
    year = values.get("birth_year")
    if year is not None and (
        isinstance(year, bool)
        or not isinstance(year, int)
        or not OLDEST_BIRTH_YEAR <= year <= today.year
    ):
        errors["birth_year"] = [
            msg(
                "Enter a birth year between %(first)d and %(last)d.",
                first=OLDEST_BIRTH_YEAR,
                last=today.year,
            )
        ]
    if (
        not errors
        and user is not None
        and user.regions
        and values["region"].value not in user.regions
    ):
        errors["region"] = [msg("You may enrol only people of your regions.")]
    if errors:
        raise InvalidInput(errors=errors)
    # A registered seeker is enrolled as a seeker, or they would count twice.
    if user is not None:
        seeker_id = session.scalar(
            seekers_within_reach(user)
            .with_only_columns(Seeker.id)
            .where(or_(Seeker.phone == values["phone"], Seeker.login_phone == values["phone"]))
            .limit(1)
        )
        if seeker_id is not None:
            message = msg(
                "This phone belongs to registered seeker %(id)d: enrol them by their seeker id.",
                id=seeker_id,
            )
            raise Conflict(message, errors={"phone": [message]})
    return values


def _audit(
    session: Session,
    user: User | None,
    seeker_id: int | None,
    action: str,
    enrolment: Enrolment,
) -> None:
    audit.record(
        session,
        actor_kind=ActorKind.USER if user is not None else ActorKind.SEEKER,
        actor_id=user.id if user is not None else seeker_id,
        action=action,
        entity_kind="enrolment",
        entity_id=enrolment.id,
        detail={"course_id": enrolment.course_id},
    )


def enrol(
    *,
    session: Session,
    course_id: int,
    user: User | None = None,
    seeker_id: int | None = None,
    full_name: str | None = None,
    phone: str | None = None,
    gender: Gender | str | None = None,
    birth_year: int | None = None,
    region: Region | str | None = None,
    today: date | None = None,
) -> EnrolledPerson:
    """Give a person a seat on an open course: a registered seeker by id, or someone who
    is not a seeker, described by name, phone, gender, birth year and region.

    A seeker enrolling themselves passes only their `seeker_id`. Someone who dropped
    out of the course may enrol again (their enrolment is taken up again).
    """
    today = today or clock.today()
    person = {
        "full_name": full_name,
        "phone": phone,
        "gender": gender,
        "birth_year": birth_year,
        "region": region,
    }
    _require(user, seeker_id)
    given = [name for name, value in person.items() if value is not None]
    if seeker_id is not None and given:
        message = msg("Give either a seeker_id or the person's details, not both.")
        raise InvalidInput(message, errors={name: [message] for name in given})
    course = session.get(Course, course_id)
    if course is None:
        raise NotFound(NOT_A_COURSE, errors={"course_id": [NOT_A_COURSE]})
    if seeker_id is not None:
        seeker: Seeker | None = _registered_seeker(session, seeker_id, user)
        values: dict[str, Any] = {}
        same = Enrolment.seeker_id == seeker_id
    else:
        seeker = None
        values = _person(session, user, person, today)
        same = Enrolment.phone == values["phone"]
    existing = session.scalar(select(Enrolment).where(Enrolment.course_id == course.id, same))
    if existing is not None and existing.status is not E.DROPPED:
        raise _already(existing, seeker_id)
    refusal = _closed(course, today)
    if refusal is not None:
        raise refusal
    enrolled = {
        "enrolled_at": clock.utcnow(),
        "completed_at": None,
        "enrolled_by_user_id": user.id if user is not None else None,
    }
    if existing is None:
        take_seat(session=session, course=course, today=today)
        enrolment = Enrolment(
            course_id=course.id, seeker_id=seeker_id, status=E.ENROLLED, **values, **enrolled
        )
        session.add(enrolment)
        try:
            session.flush()
        except IntegrityError:  # the same person enrolled at the same moment
            session.rollback()
            raise AlreadyEnrolled() from None
        action = "enrolment.created"
    else:
        enrolment = existing
        _move(session, enrolment, E.ENROLLED, **values, **enrolled)
        take_seat(session=session, course=course, today=today)
        action = "enrolment.reenrolled"
    _audit(session, user, seeker_id, action, enrolment)
    if seeker is not None:  # enrolling (themselves or by a programme user) is activity
        note_activity(seeker, clock.utcnow())
    session.commit()
    return EnrolledPerson(enrolment, course, seeker)


def _move(session: Session, enrolment: Enrolment, wanted: EnrolmentStatus, **values: Any) -> None:
    """Move the enrolment on from the status it was read with, in one conditional UPDATE:
    of two changes made at once, the second finds the status moved and is refused."""
    moved = session.execute(
        update(Enrolment)
        .where(Enrolment.id == enrolment.id, Enrolment.status == enrolment.status)
        .values(status=wanted, **values)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        raise Conflict(msg("This enrolment was changed meanwhile: read it again, then retry."))
    session.expire(enrolment)


def _already(existing: Enrolment, seeker_id: int | None) -> AlreadyEnrolled:
    # One sentence per status: a status word inside a sentence would stay in English.
    done = existing.status is E.COMPLETED
    if seeker_id is not None:
        if done:
            message = msg(
                "This seeker has already completed this course (enrolment %(id)d).",
                id=existing.id,
            )
        else:
            message = msg(
                "This seeker is already enrolled in this course (enrolment %(id)d).",
                id=existing.id,
            )
        return AlreadyEnrolled(message, errors={"seeker_id": [message]})
    if done:
        message = msg(
            "A person with this phone has already completed this course (enrolment %(id)d).",
            id=existing.id,
        )
    else:
        message = msg(
            "A person with this phone is already enrolled in this course (enrolment %(id)d).",
            id=existing.id,
        )
    return AlreadyEnrolled(message, errors={"phone": [message]})


def _find(
    session: Session, enrolment_id: int, user: User | None, seeker_id: int | None
) -> Enrolment:
    _require(user, seeker_id)
    if user is not None:
        query = enrolments_within_reach(user)
    else:
        query = select(Enrolment).where(Enrolment.seeker_id == seeker_id)
    enrolment = session.scalar(query.where(Enrolment.id == enrolment_id))
    if enrolment is None:
        raise NotFound(NOT_AN_ENROLMENT)
    return enrolment


def get_enrolment(
    *, session: Session, enrolment_id: int, user: User | None = None, seeker_id: int | None = None
) -> EnrolledPerson:
    """Return an enrolment the user may open (or the seeker's own)."""
    return _view(session, _find(session, enrolment_id, user, seeker_id))


def list_enrolments(
    *,
    session: Session,
    user: User,
    limit: int,
    cursor: str | None = None,
    course_id: int | None = None,
    seeker_id: int | None = None,
    status: EnrolmentStatus | None = None,
) -> Page:
    """Return a page of the enrolments the user may open, oldest first, of one course or
    seeker if given; `items` are `EnrolledPerson`s."""
    _require(user, None)
    query = enrolments_within_reach(user)
    if course_id is not None:
        get_course(session=session, course_id=course_id)
        query = query.where(Enrolment.course_id == course_id)
    if seeker_id is not None:
        query = query.where(Enrolment.seeker_id == seeker_id)
    if status is not None:
        query = query.where(Enrolment.status == status)
    if cursor:
        query = query.where(Enrolment.id > decode_cursor(cursor))
    rows = list(session.scalars(query.order_by(Enrolment.id).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(_views(session, rows), encode_cursor(rows[-1].id) if more else None)


def seeker_enrolments(*, session: Session, seeker_id: int) -> list[EnrolledPerson]:
    """Return a seeker's own enrolments, newest first (for the seeker's pages)."""
    rows = session.scalars(
        select(Enrolment)
        .where(Enrolment.seeker_id == seeker_id)
        .order_by(Enrolment.enrolled_at.desc(), Enrolment.id.desc())
    )
    return _views(session, list(rows))


def _views(session: Session, rows: list[Enrolment]) -> list[EnrolledPerson]:
    courses = _by_id(session, Course, {e.course_id for e in rows})
    seekers = _by_id(session, Seeker, {e.seeker_id for e in rows if e.seeker_id})
    return [EnrolledPerson(e, courses[e.course_id], seekers.get(e.seeker_id or 0)) for e in rows]


def _by_id(session: Session, model: Any, ids: Iterable[int]) -> dict[int, Any]:
    ids = list(ids)
    if not ids:
        return {}
    return {row.id: row for row in session.scalars(select(model).where(model.id.in_(ids)))}


def merge_skills(current: Iterable[str], added: Iterable[str]) -> list[str]:
    """Return the profile's skills followed by the new ones it lacks (case, spacing and
    punctuation aside)."""
    return clean_skills([*current, *added])


def merge_languages(current: Iterable[str], skills: Iterable[str]) -> list[str]:
    """Return the languages a seeker speaks followed by those a course's skills name
    ("English", "орус тили"): a language course's completion is a language spoken, which
    is what vacancies ask for by code."""
    return list(dict.fromkeys([*current, *SkillVocabulary.default().languages(skills)]))


def set_enrolment_status(
    *,
    session: Session,
    enrolment_id: int,
    status: EnrolmentStatus | None = None,
    add_skills: bool = False,
    user: User | None = None,
    seeker_id: int | None = None,
    today: date | None = None,
) -> EnrolledPerson:
    """Move an enrolment to `status` if the table and the caller's role allow it, and
    with `add_skills` put a completed course's skills into the seeker's profile.

    Completing records when; dropping out gives the seat back; enrolling again after
    dropping out takes a seat again. Asking for the status it already has changes
    nothing. Skills go through the profile's own update, so the seeker's
    recommendations change at the next request.
    """
    today = today or clock.today()
    enrolment = _find(session, enrolment_id, user, seeker_id)
    course = session.get(Course, enrolment.course_id)
    assert course is not None
    role: UserRole | ActorKind = user.role if user is not None else ActorKind.SEEKER
    actions: list[str] = []
    if status is not None and status is not enrolment.status:
        if status not in ENROLMENT_TARGETS.get(role, frozenset()):
            raise Forbidden(msg("Your role cannot set this status."))
        if status not in ENROLMENT_TRANSITIONS[enrolment.status]:
            raise Conflict(_illegal(enrolment.status, status))
        now = clock.utcnow()
        if status is E.ENROLLED:
            refusal = _closed(course, today)
            if refusal is not None:
                raise refusal
            by = user.id if user is not None else None
            _move(session, enrolment, status, enrolled_at=now, enrolled_by_user_id=by)
            take_seat(session=session, course=course, today=today)
            actions.append("enrolment.reenrolled")
        elif status is E.DROPPED:
            _move(session, enrolment, status)
            give_back_seat(session=session, course=course)
            actions.append("enrolment.dropped")
        else:
            _move(session, enrolment, status, completed_at=now)
            actions.append("enrolment.completed")
    seeker = None
    if add_skills:
        seeker = _skills_target(session, enrolment, user)
        if not enrolment.skills_added:
            enrolment.skills_added = True
            actions.append("enrolment.skills_added")
    for action in actions:
        _audit(session, user, seeker_id, action, enrolment)
    if seeker is not None and "enrolment.skills_added" in actions:
        # The profile's own update: the change counter tells every process's matcher.
        update_profile(
            session=session,
            seeker=seeker,
            fields={
                "skills": merge_skills(seeker.skills or [], course.skills or []),
                "languages": merge_languages(seeker.languages or [], course.skills or []),
            },
        )
    else:
        session.commit()
    return _view(session, enrolment)


def _skills_target(session: Session, enrolment: Enrolment, user: User | None) -> Seeker:
    if enrolment.seeker_id is None:
        message = msg("Only a registered seeker has a profile to add skills to.")
        raise InvalidInput(message, errors={"add_skills": [message]})
    if enrolment.status is not E.COMPLETED:
        message = msg("A course's skills are added to the profile once it is completed.")
        raise Conflict(message, errors={"add_skills": [message]})
    seeker = session.get(Seeker, enrolment.seeker_id)
    if seeker is None or seeker.deleted_at is not None or seeker.withdrawn_at is not None:
        raise NotFound(NOT_A_SEEKER)
    return seeker


def _illegal(current: EnrolmentStatus, wanted: EnrolmentStatus) -> Message:
    if current is E.COMPLETED:
        return msg("This enrolment is completed: its status cannot change any more.")
    if current is E.DROPPED and wanted is E.COMPLETED:
        return msg("A dropped enrolment cannot be completed: enrol the person again first.")
    return msg(
        "An enrolment cannot go from %(current)s to %(wanted)s.",
        current=current.value,
        wanted=wanted.value,
    )
