"""Ten people trained, stored directly with the models, every figure counted by hand.

Two courses: A (enrolments in February 2026) and B (in March 2026). Ages are in the year
the figures are counted in (`year`); the law's youth band is 14-35, the UN's 15-24.

| person | who        | gender | age | region  | COVID        | disability | A         | B         |
|--------|------------|--------|-----|---------|--------------|------------|-----------|-----------|
| S1     | seeker     | female | 20  | bishkek | affected     | no         | completed | enrolled  |
| S2     | seeker     | female | 30  | osh     | not affected | yes        | enrolled  |           |
| S3     | seeker     | male   | 40  | bishkek | affected     | no         | completed | dropped   |
| S4     | seeker     | male   | 22  | chuy    | not affected | no         | enrolled  | enrolled  |
| S5     | seeker     | female | 50  | naryn   | affected     | yes        |           | completed |
| S6     | seeker     | male   | 17  | osh     | not affected | no         |           | enrolled  |
| S7     | seeker     | female | 60  | bishkek | not affected | no         | enrolled  |           |
| S8     | seeker     | female | 25  | osh     | not affected | no         | dropped   |           |
| N1     | phone …01  | female | 19  | talas   | unknown      | unknown    | completed | completed |
| N2     | phone …02  | male   | 38  | osh     | unknown      | unknown    | enrolled  |           |
| N3     | no phone   | female | ?   | batken  | unknown      | unknown    |           | enrolled  |
| N4     | phone …04  | male   | 30  | osh     | unknown      | unknown    |           | dropped   |

Trained: S1-S7, N1-N3 = 10 (S8 and N4 dropped only); three of them on two courses (S1,
S4, N1). Completed: S1, S3, S5, N1 = 4. Counted per enrolment instead, the trained would
be 13 and the completed 5 (N1 twice). Women 6 of 10; youth 14-35: S1, S2, S4, S6, N1 = 5;
15-24: S1, S4, S6, N1 = 4.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from models import Course, Enrolment
from models.enums import EnrolmentStatus
from tests.support import make_seeker

ENROLLED, COMPLETED, DROPPED = (
    EnrolmentStatus.ENROLLED,
    EnrolmentStatus.COMPLETED,
    EnrolmentStatus.DROPPED,
)
# When each course's people enrolled (one after another, a day apart).
STARTS = {"A": datetime(2026, 2, 2, 9, tzinfo=UTC), "B": datetime(2026, 3, 2, 9, tzinfo=UTC)}

SEEKERS: dict[str, dict[str, Any]] = {
    "S1": {"gender": "female", "age": 20, "region": "bishkek", "covid": True, "disability": False},
    "S2": {"gender": "female", "age": 30, "region": "osh", "covid": False, "disability": True},
    "S3": {"gender": "male", "age": 40, "region": "bishkek", "covid": True, "disability": False},
    "S4": {"gender": "male", "age": 22, "region": "chuy", "covid": False, "disability": False},
    "S5": {"gender": "female", "age": 50, "region": "naryn", "covid": True, "disability": True},
    "S6": {"gender": "male", "age": 17, "region": "osh", "covid": False, "disability": False},
    "S7": {"gender": "female", "age": 60, "region": "bishkek", "covid": False, "disability": False},
    "S8": {"gender": "female", "age": 25, "region": "osh", "covid": False, "disability": False},
}
OTHERS: dict[str, dict[str, Any]] = {
    "N1": {"phone": "+996700000001", "gender": "female", "age": 19, "region": "talas"},
    "N2": {"phone": "+996700000002", "gender": "male", "age": 38, "region": "osh"},
    "N3": {"phone": None, "gender": "female", "age": None, "region": "batken"},
    "N4": {"phone": "+996700000004", "gender": "male", "age": 30, "region": "osh"},
}
ENROLMENTS: dict[str, dict[str, EnrolmentStatus]] = {
    "S1": {"A": COMPLETED, "B": ENROLLED},
    "S2": {"A": ENROLLED},
    "S3": {"A": COMPLETED, "B": DROPPED},
    "S4": {"A": ENROLLED, "B": ENROLLED},
    "S5": {"B": COMPLETED},
    "S6": {"B": ENROLLED},
    "S7": {"A": ENROLLED},
    "S8": {"A": DROPPED},
    "N1": {"A": COMPLETED, "B": COMPLETED},
    "N2": {"A": ENROLLED},
    "N3": {"B": ENROLLED},
    "N4": {"B": DROPPED},
}


def add_trained_people(session: Session, *, year: int) -> dict[str, int]:
    """Store the table above and commit; return each seeker's id by name."""
    courses = {
        "A": Course(title="Швейное дело", provider="ЦОК Бишкек", language="ru"),
        "B": Course(title="Айдоочулук, C категориясы", provider="Автомектеп", language="ky"),
    }
    session.add_all(courses.values())
    ids = {
        name: make_seeker(
            session,
            gender=person["gender"],
            birth_year=year - person["age"],
            region=person["region"],
            lost_job_due_to_covid=person["covid"],
            disability=person["disability"],
        ).id
        for name, person in SEEKERS.items()
    }
    session.flush()
    for n, (name, courses_taken) in enumerate(ENROLMENTS.items()):
        for course, status in courses_taken.items():
            enrolment = Enrolment(
                course_id=courses[course].id,
                status=status,
                enrolled_at=STARTS[course].replace(day=STARTS[course].day + n),
                completed_at=STARTS[course].replace(day=25) if status is COMPLETED else None,
            )
            if name in ids:
                enrolment.seeker_id = ids[name]
            else:
                other = OTHERS[name]
                enrolment.full_name = f"Person {name}"
                enrolment.phone = other["phone"]
                enrolment.gender = other["gender"]
                enrolment.birth_year = None if other["age"] is None else year - other["age"]
                enrolment.region = other["region"]
            session.add(enrolment)
    session.commit()
    return ids


# Each group's (trained, completed), from the table; groups nobody is in are left out.
BY_GROUP: dict[str, dict[str, tuple[int, int]]] = {
    "gender": {"female": (6, 3), "male": (4, 1)},
    "age_band": {
        "14-35": (5, 2),  # S1, S2, S4, S6, N1
        "36-45": (2, 1),  # S3 and N2 (from the enrolment's birth year)
        "46-55": (1, 1),
        "56+": (1, 0),
        "unknown": (1, 0),  # N3 gave no birth year
    },
    "region": {
        "bishkek": (3, 2),
        "osh": (3, 0),  # S2, S6 and N2; not S8 nor N4, who only dropped out
        "chuy": (1, 0),
        "naryn": (1, 1),
        "talas": (1, 1),  # N1, once for her two courses
        "batken": (1, 0),
    },
    # People who are not seekers are not asked about COVID or disability.
    "covid": {"affected": (3, 3), "not_affected": (4, 0), "unknown": (3, 1)},
    "disability": {"with_disability": (2, 1), "without_disability": (5, 2), "unknown": (3, 1)},
}
