"""Why a pair was ranked where it was, as language-neutral reasons the service words."""

from __future__ import annotations

from matching.features import Features, Vocabulary, loosely_shared
from matching.types import Reason, SeekerProfile, VacancyDoc

# How a place other than the seeker's own region is named in a "region" reason.
_PLACE_TERMS = {"commute": "nearby", "near": "nearby", "seasonal": "seasonal"}


def _place_reason(profile: SeekerProfile, doc: VacancyDoc, where: str) -> Reason | None:
    if where == "remote":
        return Reason("remote")
    if where == "home":
        if doc.region.casefold() == profile.region.casefold():
            return Reason("region", value=doc.region)
        return Reason("region", terms=("mentioned",), value=doc.region)
    if where in _PLACE_TERMS:
        return Reason("region", terms=(_PLACE_TERMS[where],), value=doc.region)
    return None


def _structure_reasons(profile: SeekerProfile, doc: VacancyDoc, where: str) -> list[Reason]:
    reasons: list[Reason] = []
    placed = _place_reason(profile, doc, where)
    if placed is not None:
        reasons.append(placed)
    salary = doc.salary_max if doc.salary_max is not None else doc.salary_min
    if salary is not None and (
        profile.salary_expectation is None or salary >= profile.salary_expectation
    ):
        reasons.append(Reason("salary", value=salary))
    if doc.employment_type and doc.employment_type in profile.employment_types:
        reasons.append(Reason("employment_type", value=doc.employment_type))
    shared = sorted(
        {lang.casefold() for lang in profile.languages}
        & {lang.casefold() for lang in doc.languages}
    )
    if shared:
        reasons.append(Reason("languages", terms=tuple(shared)))
    return reasons


def explain(
    profile: SeekerProfile,
    seeker: Features,
    doc: VacancyDoc,
    vacancy: Features,
    *,
    vocabulary: Vocabulary | None,
    where: str,
) -> tuple[Reason, ...]:
    """Return the reasons of a pair: occupation, skills, words, then place, pay, type."""
    out: list[Reason] = []
    shared_codes = sorted(seeker.codes & vacancy.codes)
    if shared_codes:
        out.append(Reason("occupation", value=shared_codes[0]))
    elif vocabulary is not None:
        # The same group through a guess is shown as what it is worth: a related job.
        related = loosely_shared(seeker.occupations, vacancy.occupations, vocabulary)
        if related:
            out.append(Reason("occupation", terms=("related",), value=related[0]))
    concepts = vacancy.skill_concepts or (frozenset(),) * len(vacancy.skills)
    skills = tuple(
        skill
        for skill, terms, named in zip(vacancy.skills, vacancy.skill_terms, concepts, strict=True)
        if (named <= seeker.concepts if named else terms <= seeker.terms)
    )
    if skills:
        out.append(Reason("shared_skills", terms=skills))
    skill_words = set().union(*vacancy.skill_terms) if vacancy.skill_terms else set()
    shared = [t for t in vacancy.ordered_terms if t in seeker.terms and t not in skill_words]
    if shared:
        out.append(Reason("shared_terms", terms=tuple(shared[:5])))
    out.extend(_structure_reasons(profile, doc, where))
    return tuple(out)
