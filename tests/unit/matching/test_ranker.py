"""Matcher: metamorphic and contract tests with the fake encoder."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from matching.encoders import HashingEncoder
from matching.features import SIGNALS
from matching.occupations import OccupationVocabulary
from matching.ranker import Matcher
from matching.skills import SkillVocabulary
from matching.types import Ranking, Reason, SeekerProfile, VacancyDoc
from tests.unit.matching.conftest import TODAY, seeker, vacancies

ALL = len(vacancies())


def scores(ranking: Ranking) -> dict[str, float]:
    return {item.id: item.score for item in ranking.items}


def test_ranks_the_obvious_match_first_with_reasons(matcher: Matcher) -> None:
    ranking = matcher.rank_vacancies(seeker(), ALL, today=TODAY)
    assert ranking.missing == ()
    assert ranking.items[0].id == "cashier"
    assert all(item.reasons for item in ranking.items[:1])
    kinds = {reason.kind for reason in ranking.items[0].reasons}
    assert {"shared_terms", "region", "salary", "employment_type"} <= kinds
    assert [i.score for i in ranking.items] == sorted(
        (i.score for i in ranking.items), reverse=True
    )
    for item in ranking.items:
        assert set(item.signals) == set(SIGNALS)


@pytest.mark.parametrize(
    "profile",
    [
        SeekerProfile(id="e"),
        SeekerProfile(id="e", desired_position="любая работа", skills=("  ", "...")),
        SeekerProfile(id="e", desired_position="any job", experience="—"),
        SeekerProfile(id="e", desired_position="каалаган иш", region="osh"),
    ],
)
def test_meaningless_profile_gets_no_ranking_but_a_missing_list(
    matcher: Matcher, profile: SeekerProfile
) -> None:
    ranking = matcher.rank_vacancies(profile, ALL, today=TODAY)
    assert ranking.items == ()
    assert ranking.missing == ("desired_position", "skills")


def test_case_spaces_and_punctuation_change_nothing(matcher: Matcher) -> None:
    plain = matcher.rank_vacancies(seeker(), ALL, today=TODAY)
    noisy = matcher.rank_vacancies(
        seeker(
            desired_position="  ПРОДАВЕЦ!!! ",
            skills=("Касса.",),
            experience="3   года, работал в МАГАЗИНЕ...",
        ),
        ALL,
        today=TODAY,
    )
    assert scores(noisy) == pytest.approx(scores(plain), abs=1e-6)


def test_preferred_language_changes_nothing(matcher: Matcher) -> None:
    ru = matcher.rank_vacancies(seeker(preferred_language="ru"), ALL, today=TODAY)
    ky = matcher.rank_vacancies(seeker(preferred_language="ky"), ALL, today=TODAY)
    assert scores(ru) == scores(ky)


PROFILES = [
    seeker(),
    seeker(desired_position="", experience="", skills=("вождение",)),
    seeker(desired_position="ашпозчу", skills=(), experience=""),
    seeker(desired_position="developer", skills=("java",), region="", languages=()),
    seeker(desired_position="швея", skills=("шитьё", "продажи")),
]


@pytest.mark.parametrize("profile", PROFILES)
def test_adding_a_requested_skill_never_lowers_that_vacancy(
    matcher: Matcher, profile: SeekerProfile
) -> None:
    before = scores(matcher.rank_vacancies(profile, ALL, today=TODAY))
    for vacancy in vacancies():
        for skill in vacancy.skills:
            richer = dataclasses.replace(profile, skills=(*profile.skills, skill))
            after = scores(matcher.rank_vacancies(richer, ALL, today=TODAY))
            assert after[vacancy.id] >= before[vacancy.id] - 1e-6, (vacancy.id, skill)


@pytest.mark.parametrize("profile", PROFILES)
def test_adding_any_skill_never_lowers_any_vacancy(
    matcher: Matcher, profile: SeekerProfile
) -> None:
    """Stronger than the above: no signal can fall, whatever the skill's language."""
    before = scores(matcher.rank_vacancies(profile, ALL, today=TODAY))
    skills = {skill for vacancy in vacancies() for skill in vacancy.skills}
    for skill in sorted(skills | {"тамак жасоо", "швейная машина", "python"}):
        richer = dataclasses.replace(profile, skills=(*profile.skills, skill))
        after = scores(matcher.rank_vacancies(richer, ALL, today=TODAY))
        for vacancy_id, score in before.items():
            assert after[vacancy_id] >= score - 1e-6, (vacancy_id, skill)


def test_a_kyrgyz_skill_does_not_re_stem_the_other_fields() -> None:
    """Review case: "тамак жасоо" once made "швейная машина" stem differently."""
    matcher = Matcher(HashingEncoder(), vocabulary=OccupationVocabulary.default())
    matcher.upsert_vacancies([VacancyDoc("sew", "Швея", "Цех", ("швейная машина",))])
    profile = SeekerProfile("s", desired_position="швея", skills=("швейная машина",))
    richer = dataclasses.replace(profile, skills=(*profile.skills, "тамак жасоо"))
    (before,) = matcher.rank_vacancies(profile, 1, today=TODAY).items
    (after,) = matcher.rank_vacancies(richer, 1, today=TODAY).items
    assert before.signals["skills"] == after.signals["skills"] == 1.0


def test_a_skill_in_another_language_has_what_the_vacancy_asks_for() -> None:
    """The skill vocabulary's concepts: "уборка помещений" is the "cleaning" a vacancy
    written in English asks for, which no shared word says."""
    cleaning = VacancyDoc("c", "Cleaner", "Office cleaning", ("cleaning", "cleaning products"))
    profile = SeekerProfile("s", desired_position="техничка", skills=("уборка помещений",))
    signals = {}
    for skills in (None, SkillVocabulary.default()):
        matcher = Matcher(
            HashingEncoder(), vocabulary=OccupationVocabulary.default(), skills=skills
        )
        matcher.upsert_vacancies([cleaning])
        (item,) = matcher.rank_vacancies(profile, 1, today=TODAY).items
        signals[skills is not None] = item.signals["skills"]
        reasons = {r.kind: r.terms for r in item.reasons}
    assert signals == {False: 0.0, True: 0.5}  # cleaning yes, the products not said
    assert reasons["shared_skills"] == ("cleaning",)


def test_a_skill_the_seeker_says_they_lack_is_not_had_by_its_concept() -> None:
    sewing = VacancyDoc("s", "Швея", "Цех", ("overlock",))
    matcher = Matcher(
        HashingEncoder(),
        vocabulary=OccupationVocabulary.default(),
        skills=SkillVocabulary.default(),
    )
    matcher.upsert_vacancies([sewing])
    lacks = SeekerProfile("s", desired_position="швея", experience="на оверлоке не работала")
    has = SeekerProfile("s", desired_position="швея", experience="работала на оверлоке")
    (lacking,) = matcher.rank_vacancies(lacks, 1, today=TODAY).items
    (having,) = matcher.rank_vacancies(has, 1, today=TODAY).items
    assert (lacking.signals["skills"], having.signals["skills"]) == (0.0, 1.0)


def test_a_skill_the_vocabulary_knows_is_had_by_its_concept_not_by_a_shared_word() -> None:
    """ "категория C" and "категория B" share their only word; so do "1С:Бухгалтерия" and
    a bookkeeper who never used 1C."""
    matcher = Matcher(
        HashingEncoder(),
        vocabulary=OccupationVocabulary.default(),
        skills=SkillVocabulary.default(),
    )
    matcher.upsert_vacancies(
        [
            VacancyDoc("truck", "Водитель", "Грузовик", ("категория C",)),
            VacancyDoc("books", "Бухгалтер", "ОсОО", ("1С:Бухгалтерия",)),
        ]
    )
    taxi = SeekerProfile("s", desired_position="водитель", skills=("категория B",))
    trucker = SeekerProfile("s", desired_position="водитель", skills=("права кат. С",))
    bookkeeper = SeekerProfile("s", desired_position="бухгалтер", skills=("бухгалтерия",))
    one_c = SeekerProfile("s", desired_position="бухгалтер", skills=("1С бухгалтерия",))

    def skills(profile: SeekerProfile, vacancy_id: str) -> float:
        (item,) = matcher.rank_vacancies(profile, 1, only_ids=[vacancy_id], today=TODAY).items
        return item.signals["skills"]

    assert (skills(taxi, "truck"), skills(trucker, "truck")) == (0.0, 1.0)
    assert (skills(bookkeeper, "books"), skills(one_c, "books")) == (0.0, 1.0)


def test_removed_vacancy_disappears_at_once(matcher: Matcher) -> None:
    matcher.remove_vacancies(["cashier"])
    ranking = matcher.rank_vacancies(seeker(), ALL, today=TODAY)
    assert "cashier" not in scores(ranking)
    assert len(ranking.items) == ALL - 1


def test_expired_vacancy_is_filtered(matcher: Matcher) -> None:
    cashier = vacancies()[0]
    assert cashier.valid_through is not None
    on_last_day = matcher.rank_vacancies(seeker(), ALL, today=cashier.valid_through)
    assert "cashier" in scores(on_last_day)
    after = matcher.rank_vacancies(seeker(), ALL, today=cashier.valid_through + timedelta(1))
    assert "cashier" not in scores(after)


def test_excluded_ids_are_left_out(matcher: Matcher) -> None:
    ranking = matcher.rank_vacancies(seeker(), ALL, exclude_ids=["cashier", "x"], today=TODAY)
    assert "cashier" not in scores(ranking)


def test_updating_a_vacancy_replaces_it(matcher: Matcher) -> None:
    bus_driver = seeker(
        desired_position="водитель автобуса", skills=("вождение автобуса",), experience=""
    )
    before = scores(matcher.rank_vacancies(bus_driver, ALL, today=TODAY))
    cashier_before = scores(matcher.rank_vacancies(seeker(), ALL, today=TODAY))["cashier"]
    moved = dataclasses.replace(
        vacancies()[0],
        title="Водитель автобуса",
        skills=("вождение автобуса",),
        description="Городской автобусный маршрут",
    )
    matcher.upsert_vacancies([moved])
    ranking = matcher.rank_vacancies(bus_driver, ALL, today=TODAY)
    after = scores(ranking)
    # The same id, still once, now read with its new text: first for a bus driver...
    assert len(ranking.items) == ALL and set(after) == set(before)
    assert before["cashier"] < before["driver"] and ranking.items[0].id == "cashier"
    assert after["cashier"] > after["driver"] > before["cashier"]
    assert Reason("shared_skills", ("вождение автобуса",)) in ranking.items[0].reasons
    # ...and no longer what fits a cashier.
    assert scores(matcher.rank_vacancies(seeker(), ALL, today=TODAY))["cashier"] < cashier_before


def test_precomputed_vectors_give_the_same_ranking() -> None:
    docs = vacancies()
    fresh = Matcher(HashingEncoder())
    fresh.upsert_vacancies(docs, vectors=fresh.encode_vacancies(docs))
    encoded = Matcher(HashingEncoder())
    encoded.upsert_vacancies(docs)
    assert scores(fresh.rank_vacancies(seeker(), ALL, today=TODAY)) == scores(
        encoded.rank_vacancies(seeker(), ALL, today=TODAY)
    )


def test_k_and_pool_limit_the_result(matcher: Matcher) -> None:
    assert len(matcher.rank_vacancies(seeker(), 2, today=TODAY).items) == 2
    # Only the pool, the encoder's nearest vacancies, gets every signal scored. For a
    # cook the encoder puts the taxi driver nearest, the full score the cook's vacancy.
    cook = seeker(desired_position="повар", skills=("кулинария",), experience="", region="chuy")

    def best(pool: int, k: int) -> list[str]:
        pooled = Matcher(HashingEncoder(), vocabulary=matcher.vocabulary, pool=pool)
        pooled.upsert_vacancies(vacancies())
        return [item.id for item in pooled.rank_vacancies(cook, k, today=TODAY).items]

    assert best(ALL, 1) == ["cook"]
    assert best(1, 1) == ["driver"]  # a pool of one: the nearest, whatever it scores
    assert best(2, 1) == ["cook"]
    # k above the pool widens the search to k candidates, still the nearest ones.
    assert set(best(1, 3)) == {"cook", "driver", "cashier"}
    assert set(best(ALL, 3)) == {"cook", "seamstress", "dev"}


def test_empty_index_gives_empty_ranking() -> None:
    assert Matcher(HashingEncoder()).rank_vacancies(seeker(), 5, today=TODAY) == Ranking()


def test_signals_stay_in_unit_range(matcher: Matcher) -> None:
    for profile in PROFILES:
        for item in matcher.rank_vacancies(profile, ALL, today=TODAY).items:
            assert all(-1e-6 <= value <= 1 + 1e-6 for value in item.signals.values())


def test_rank_seekers_finds_the_fitting_seekers() -> None:
    matcher = Matcher(HashingEncoder())
    matcher.upsert_seekers(
        [
            seeker(id="cashier-seeker"),
            seeker(
                id="driver-seeker",
                desired_position="водитель",
                skills=("вождение",),
                experience="таксист 5 лет",
                region="osh",
            ),
            seeker(
                id="cook-seeker",
                desired_position="ашпозчу",
                skills=("тамак жасоо",),
                experience="",
                languages=("ky",),
            ),
            SeekerProfile(id="empty", desired_position="любая работа"),
        ]
    )
    cashier, driver = vacancies()[0], vacancies()[1]
    ranking = matcher.rank_seekers(cashier, 10, today=TODAY)
    assert ranking.items[0].id == "cashier-seeker"
    assert "empty" not in scores(ranking)
    assert matcher.rank_seekers(driver, 1, today=TODAY).items[0].id == "driver-seeker"
    matcher.remove_seekers(["cashier-seeker"])
    assert "cashier-seeker" not in scores(matcher.rank_seekers(cashier, 10, today=TODAY))
    expired = dataclasses.replace(cashier, valid_through=date(2020, 1, 1))
    assert matcher.rank_seekers(expired, 10, today=TODAY) == Ranking()


def _vocabulary_matcher() -> Matcher:
    matcher = Matcher(HashingEncoder(), vocabulary=OccupationVocabulary.default())
    matcher.upsert_vacancies(
        [
            VacancyDoc("software", "Software developer", "Backend services"),
            VacancyDoc("python", "Python developer", "Backend services"),
            VacancyDoc("waiter", "Waiter", "Cafe in the centre"),
        ]
    )
    return matcher


def test_a_guessed_occupation_counts_as_related_not_the_same() -> None:
    matcher = _vocabulary_matcher()
    profile = SeekerProfile("s", desired_position="software developer")
    items = {i.id: i for i in matcher.rank_vacancies(profile, 3, today=TODAY).items}
    assert items["software"].signals["occupation"] == 1.0
    assert Reason("occupation", value="2512") in items["software"].reasons
    # "Python developer": "python" is unknown, so 2512 is only a guess on that side.
    assert items["python"].signals["occupation"] == 0.5
    assert Reason("occupation", terms=("related",), value="2512") in items["python"].reasons
    assert items["waiter"].signals["occupation"] == 0.0


def test_both_directions_read_a_seekers_occupation_alike() -> None:
    """Fields are scanned one by one: "Hyatt" (experience) does not modify "waiter" (skill)."""
    matcher = _vocabulary_matcher()
    profile = SeekerProfile(
        "s", desired_position="", experience="worked at Hyatt", skills=("waiter",)
    )
    matcher.upsert_seekers([profile])
    forward = {i.id: i for i in matcher.rank_vacancies(profile, 3, today=TODAY).items}
    (backward,) = matcher.rank_seekers(VacancyDoc("waiter", "Waiter", "Cafe"), 1, today=TODAY).items
    assert forward["waiter"].signals["occupation"] == backward.signals["occupation"] == 1.0


def test_only_ids_gives_those_vacancies_their_own_signals(matcher: Matcher) -> None:
    everyone = {i.id: i for i in matcher.rank_vacancies(seeker(), ALL, today=TODAY).items}
    (driver,) = matcher.rank_vacancies(seeker(), ALL, only_ids=["driver"], today=TODAY).items
    assert driver.id == "driver"
    assert driver.signals == pytest.approx(everyone["driver"].signals)
    assert driver.score == pytest.approx(everyone["driver"].score)
    assert matcher.rank_vacancies(seeker(), ALL, only_ids=["nope"], today=TODAY) == Ranking()
