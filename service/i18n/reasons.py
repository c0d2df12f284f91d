"""The wording of the matcher's reasons, to a seeker or to an employer, in their language."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeVar

from flask_babel import force_locale, gettext, ngettext

from matching.occupations import OccupationVocabulary
from matching.types import Reason
from service.i18n import babel_locale
from service.i18n.labels import EMPLOYMENT_TYPES, LANGUAGES, PROFILE_FIELDS, REGIONS
from service.usecases.recommendations import Ranked

R = TypeVar("R", bound=Ranked[Any])


def explain(ranked: R) -> R:
    """Say every item's reasons, or what the profile must add, in the result's language."""
    with force_locale(babel_locale(ranked.lang)):
        if ranked.missing:
            fields = ", ".join(str(PROFILE_FIELDS.get(f, f)) for f in ranked.missing)
            message = gettext(
                "Add %(fields)s to your profile to get recommendations.", fields=fields
            )
            return replace(ranked, message=message)
        items = [
            replace(
                item,
                explanation=tuple(
                    say_reason(reason, ranked.lang, audience=ranked.audience)
                    for reason in item.reasons
                ),
            )
            for item in ranked.items
        ]
    return replace(ranked, items=items)


def say_reason(reason: Reason, lang: str, *, audience: str = "seeker") -> str:
    """Say one reason in the current locale, to the seeker or to the employer.

    `lang` names the language of occupation labels, which come from the vocabulary.
    """
    to_seeker = audience == "seeker"
    terms = ", ".join(reason.terms)
    match reason.kind:
        case "occupation":
            label = OccupationVocabulary.default().label(str(reason.value), lang)
            if "related" in reason.terms:
                return gettext("Related occupation: %(label)s", label=label)
            return gettext("Same occupation: %(label)s", label=label)
        case "shared_skills" if to_seeker:
            return ngettext(
                "Skill you have: %(terms)s",
                "Skills you have: %(terms)s",
                len(reason.terms),
                terms=terms,
            )
        case "shared_skills":
            return ngettext(
                "Has the skill you ask for: %(terms)s",
                "Has the skills you ask for: %(terms)s",
                len(reason.terms),
                terms=terms,
            )
        case "shared_terms":
            return gettext("Matching words: %(terms)s", terms=terms)
        case "region" if "mentioned" in reason.terms:
            region = REGIONS.get(str(reason.value), str(reason.value))
            if to_seeker:
                return gettext("Where you said you want to work: %(region)s", region=region)
            return gettext("Said they want to work in %(region)s", region=region)
        case "region" if "nearby" in reason.terms:
            region = REGIONS.get(str(reason.value), str(reason.value))
            if to_seeker:
                return gettext("Near your region: %(region)s", region=region)
            return gettext("Lives near the vacancy's region: %(region)s", region=region)
        case "region" if "seasonal" in reason.terms:
            region = REGIONS.get(str(reason.value), str(reason.value))
            if to_seeker:
                return gettext("Seasonal work, which you accept: %(region)s", region=region)
            return gettext("Accepts seasonal work away from home: %(region)s", region=region)
        case "region":
            region = REGIONS.get(str(reason.value), str(reason.value))
            if to_seeker:
                return gettext("In your region: %(region)s", region=region)
            return gettext("Lives in the vacancy's region: %(region)s", region=region)
        case "remote":
            return gettext("Remote work")
        case "salary":
            amount = f"{reason.value:,}".replace(",", "\u00a0")
            if to_seeker:
                return gettext("Salary up to %(amount)s som", amount=amount)
            return gettext("Expects no more than the offered %(amount)s som", amount=amount)
        case "employment_type":
            kind = EMPLOYMENT_TYPES.get(str(reason.value), str(reason.value))
            if to_seeker:
                return gettext("Employment type you want: %(kind)s", kind=kind)
            return gettext("Looking for this employment type: %(kind)s", kind=kind)
        case "languages":
            names = ", ".join(str(LANGUAGES.get(t, t)) for t in reason.terms)
            if to_seeker:
                return gettext("Languages you speak: %(names)s", names=names)
            return gettext("Speaks: %(names)s", names=names)
    return reason.kind
