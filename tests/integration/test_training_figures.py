"""People trained are counted once each, however many courses, in the total and in every
group; the women and youth among them; the filters narrow them. Hand-computed on the ten
people of tests/integration/training_people.py (its table shows every figure)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session

from models import Course, Enrolment
from models.enums import EnrolmentStatus, Region
from service.usecases import clock
from service.usecases.stats import Scope, Stats, compute_stats
from tests.integration.training_people import BY_GROUP, add_trained_people
from tests.support import make_seeker

YEAR = clock.today().year


@pytest.fixture
def ten(session: Session) -> dict[str, int]:
    return add_trained_people(session, year=YEAR)


def _stats(session: Session, scope: Scope | None = None) -> Stats:
    return compute_stats(session=session, year=YEAR, scope=scope or Scope())


def _trained(stats: Stats, dimension: str) -> dict[str, tuple[int, int]]:
    """Each group's (trained, completed), leaving out the groups nobody is in."""
    return {
        group: (figures.trained, figures.completed)
        for group, figures in stats.breakdown[dimension].items()
        if figures.trained or figures.completed
    }


def test_ten_people_count_once_however_many_courses_and_dropped_only_not_at_all(
    session: Session, ten: dict[str, int]
) -> None:
    figures = _stats(session).total.as_dict()
    # Per enrolment these would be 13 and 5; with the dropped-only people, 12.
    assert (figures["trained"], figures["completed"]) == (10, 4)


def test_the_women_and_youth_shares_are_of_the_people_trained(
    session: Session, ten: dict[str, int]
) -> None:
    figures = _stats(session).total.as_dict()
    assert figures["trained_women_share"] == 0.6  # S1, S2, S5, S7, N1, N3
    assert figures["trained_youth_share"] == 0.5  # 14-35: S1, S2, S4, S6, N1
    assert figures["trained_youth_un_share"] == 0.4  # 15-24: S1, S4, S6, N1
    # The registered seekers' shares stay theirs: 8 registered, 5 women, S1 S2 S4 S6 S8.
    assert (figures["registered"], figures["women_share"], figures["youth_share"]) == (
        8,
        0.625,
        0.625,
    )


def test_every_group_counts_each_person_once_from_the_seeker_or_the_enrolment(
    session: Session, ten: dict[str, int]
) -> None:
    stats = _stats(session)
    for dimension, groups in BY_GROUP.items():
        assert _trained(stats, dimension) == groups, dimension
    for dimension in ("gender", "age_band", "region", "covid", "disability"):
        groups = stats.breakdown[dimension].values()
        assert sum(g.trained for g in groups) == 10, dimension
        assert sum(g.completed for g in groups) == 4, dimension
    women = stats.breakdown["gender"]["female"].as_dict()
    assert women["trained_women_share"] == 1.0 and women["trained_youth_share"] == 0.5
    bishkek = stats.breakdown["region"]["bishkek"].as_dict()  # S1, S3, S7
    assert bishkek["trained_women_share"] == 0.6667
    assert bishkek["trained_youth_un_share"] == 0.3333


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        # trained, completed, women share, youth (14-35), youth (15-24)
        (Region.BISHKEK, (3, 2, 0.6667, 0.3333, 0.3333)),  # S1, S3, S7
        (Region.OSH, (3, 0, 0.3333, 0.6667, 0.3333)),  # S2, S6, N2
        (Region.TALAS, (1, 1, 1.0, 1.0, 1.0)),  # N1, from her enrolments' region
        (Region.ISSYK_KUL, (0, 0, None, None, None)),
    ],
)
def test_a_region_narrows_the_people_trained_to_those_of_it(
    session: Session, ten: dict[str, int], region: Region, expected: tuple[object, ...]
) -> None:
    figures = _stats(session, Scope(regions=frozenset({region}))).total.as_dict()
    assert (
        figures["trained"],
        figures["completed"],
        figures["trained_women_share"],
        figures["trained_youth_share"],
        figures["trained_youth_un_share"],
    ) == expected


def test_a_user_limited_to_some_regions_counts_only_the_people_trained_there(
    session: Session, ten: dict[str, int]
) -> None:
    mine = Scope().narrowed([Region.TALAS, Region.BATKEN])
    stats = _stats(session, mine)
    assert (stats.total.trained, stats.total.completed) == (2, 1)  # N1 and N3
    assert _trained(stats, "covid") == {"unknown": (2, 1)}


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        # February: course A's people (S1 S2 S3 S4 S7 N1 N2); S1, S3, N1 completed it.
        (date(2026, 2, 1), date(2026, 2, 28), (7, 3, 0.5714)),
        # March: course B's (S1 S4 S5 S6 N1 N3); S3 dropped it, and S1's completion was
        # in course A, begun before: only S5 and N1 completed what they began then.
        (date(2026, 3, 1), date(2026, 3, 31), (6, 2, 0.6667)),
        # From the 4th of February: S2 (enrolled on the 3rd) falls out, and S1 counts by
        # course B only (A began on the 2nd), so not as completed.
        (date(2026, 2, 4), None, (9, 3, 0.5556)),
        (date(2026, 4, 1), None, (0, 0, None)),
    ],
)
def test_the_period_selects_people_by_the_enrolments_they_began_in_it(
    session: Session,
    ten: dict[str, int],
    since: date,
    until: date | None,
    expected: tuple[object, ...],
) -> None:
    figures = _stats(session, Scope(since=since, until=until)).total.as_dict()
    assert (figures["trained"], figures["completed"], figures["trained_women_share"]) == expected


def _other(
    course: Course, *, phone: str | None, region: str, day: int, **fields: object
) -> Enrolment:
    return Enrolment(
        course_id=course.id,
        full_name="Нурлан Токтосунов",
        phone=phone,
        gender=fields.get("gender", "male"),
        birth_year=fields.get("birth_year", YEAR - 20),
        region=region,
        status=fields.get("status", EnrolmentStatus.ENROLLED),
        enrolled_at=datetime(2026, 5, day, 10, tzinfo=UTC),
    )


def _courses(session: Session, count: int) -> list[Course]:
    courses = [Course(title=f"Курс {n}", provider="ЦОК", language="ky") for n in range(count)]
    session.add_all(courses)
    session.flush()
    return courses


def test_someone_known_by_phone_is_one_person_described_by_their_latest_enrolment(
    session: Session,
) -> None:
    # The same man on three courses, giving another region and age the second time.
    first, second, third = _courses(session, 3)
    session.add_all(
        [
            _other(first, phone="+996555777888", region="osh", day=4),
            _other(second, phone="+996555777888", region="jalal_abad", day=6, birth_year=YEAR - 40),
            _other(third, phone="+996555777888", region="naryn", day=8, status="dropped"),
        ]
    )
    session.commit()
    stats = _stats(session)
    assert stats.total.trained == 1
    assert _trained(stats, "region") == {"jalal_abad": (1, 0)}  # the dropped one not counted
    assert _trained(stats, "age_band") == {"36-45": (1, 0)}
    osh = _stats(session, Scope(regions=frozenset({Region.OSH})))
    assert osh.total.trained == 0  # one person is never in two regions
    # In a period holding only his first enrolment, he is as he described himself then.
    before = _stats(session, Scope(until=date(2026, 5, 5)))
    assert _trained(before, "region") == {"osh": (1, 0)}


def test_enrolments_without_a_phone_are_each_a_person_of_their_own(session: Session) -> None:
    first, second = _courses(session, 2)
    session.add_all(
        [
            _other(first, phone=None, region="talas", day=4),
            _other(second, phone=None, region="talas", day=5),
            _other(first, phone="+996555000222", region="talas", day=6),
            _other(second, phone="+996555000222", region="talas", day=7),
        ]
    )
    session.commit()
    assert _stats(session).total.trained == 3


def test_a_seeker_is_one_person_by_their_record_whatever_their_enrolments_say(
    session: Session,
) -> None:
    first, second = _courses(session, 2)
    seeker = make_seeker(session, gender="female", birth_year=YEAR - 30, region="osh")
    for course, status in ((first, EnrolmentStatus.COMPLETED), (second, EnrolmentStatus.COMPLETED)):
        # Details on a seeker's enrolment are not theirs to give: the record says who.
        session.add(
            Enrolment(
                course_id=course.id,
                seeker_id=seeker.id,
                phone=f"+99655500033{course.id}",
                gender="male",
                region="talas",
                status=status,
            )
        )
    session.commit()
    stats = _stats(session)
    assert (stats.total.trained, stats.total.completed) == (1, 1)
    assert _trained(stats, "region") == {"osh": (1, 1)}
    assert _trained(stats, "gender") == {"female": (1, 1)}
    assert _trained(stats, "covid") == {"not_affected": (1, 1)}


def test_someone_enrolled_by_phone_who_registers_later_is_that_one_seeker(
    session: Session,
) -> None:
    # A young man is enrolled by phone, then registers as a seeker with the same phone
    # (contact phone for one, sign-in phone for another) and takes a second course.
    first, second, third = _courses(session, 3)
    session.add_all(
        [
            _other(first, phone="+996555123001", region="naryn", day=4, status="completed"),
            _other(first, phone="+996555123002", region="naryn", day=4),
        ]
    )
    session.commit()
    contact = make_seeker(
        session, phone="+996555123001", gender="male", birth_year=YEAR - 22, region="osh"
    )
    signs_in = make_seeker(session, login_phone="+996555123002", region="talas")
    session.add_all(
        [
            Enrolment(course_id=second.id, seeker_id=contact.id, status="enrolled"),
            Enrolment(course_id=third.id, seeker_id=signs_in.id, status="enrolled"),
        ]
    )
    session.commit()
    stats = _stats(session)
    assert (stats.total.trained, stats.total.completed) == (2, 1)
    # Described by their seeker records, not by what the enrolment by phone said.
    assert _trained(stats, "region") == {"osh": (1, 1), "talas": (1, 0)}
    assert _trained(stats, "covid") == {"not_affected": (2, 1)}
