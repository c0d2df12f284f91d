"""Languages: Babel set-up, labels, and the wording of reasons and messages (ky, ru, uz, en)."""

from __future__ import annotations

from flask import Flask, Response, current_app, has_request_context, request
from flask_babel import Babel, get_locale

from models.enums import Language

# The interface's languages, from their one definition.
LOCALES = tuple(language.value for language in Language)
# Uzbek pages are in Cyrillic script, which Uzbeks in Kyrgyzstan read in school and in
# the press (README, "For job seekers"); Babel's plain "uz" would be Latin. The catalogue
# lives in translations/uz (written in Cyrillic), which gettext finds for uz_Cyrl too.
BABEL_LOCALES = {"uz": "uz_Cyrl"}
# How each language names itself, for the switch on every page.
NATIVE_NAMES = {"ky": "Кыргызча", "ru": "Русский", "uz": "Ўзбекча", "en": "English"}
# The staff pages speak Kyrgyz, Russian and English (DESIGN.md); Uzbek is the seekers'.
STAFF_LOCALES = ("ky", "ru", "en")
STAFF_PATH = "/staff"
LANG_COOKIE = "jumush_lang"
LANG_COOKIE_AGE = 365 * 24 * 3600


def babel_locale(code: str) -> str:
    """Return the Babel locale that says the interface language `code`."""
    return BABEL_LOCALES.get(code, code)


def page_language() -> str:
    """Return the interface language of this request: ky, ru, uz or en."""
    if not has_request_context():  # the command line speaks the default language
        return str(current_app.config["DEFAULT_LOCALE"])
    offered = page_locales()
    for asked in (request.args.get("lang", ""), request.cookies.get(LANG_COOKIE, "")):
        if asked in offered:
            return asked
    best = request.accept_languages.best_match(offered)
    default = str(current_app.config["DEFAULT_LOCALE"])
    return best or (default if default in offered else "ru")


def page_locales() -> tuple[str, ...]:
    """Return the languages this page is offered in (the staff pages have no Uzbek)."""
    path = request.path if has_request_context() else ""
    staff = path == STAFF_PATH or path.startswith(STAFF_PATH + "/")
    return STAFF_LOCALES if staff else LOCALES


def select_locale() -> str:
    """Choose the language: ?lang=, then the remembered choice, then Accept-Language."""
    return babel_locale(page_language())


def _remember_language(response: Response) -> Response:
    # A language chosen with ?lang= is remembered for the next visits.
    asked = request.args.get("lang", "")
    if asked in LOCALES and request.cookies.get(LANG_COOKIE) != asked:
        response.set_cookie(
            LANG_COOKIE,
            asked,
            max_age=LANG_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=current_app.config["ENV"] == "production",
        )
    return response


def html_lang() -> str:
    """Return the BCP 47 tag of the page's language (`uz-Cyrl` for Uzbek)."""
    return babel_locale(page_language()).replace("_", "-")


def init_i18n(app: Flask) -> None:
    """Attach Flask-Babel with the packaged catalogues, and remember a chosen language."""
    Babel(app, locale_selector=select_locale, default_translation_directories="translations")
    app.after_request(_remember_language)
    app.jinja_env.globals.update(
        get_locale=get_locale,
        page_language=page_language,
        html_lang=html_lang,
        native_names=NATIVE_NAMES,
        locales=LOCALES,
        page_locales=page_locales,
    )
