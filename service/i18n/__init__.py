"""Languages: Babel set-up, labels, and the wording of reasons and messages (ky, ru, en)."""

from __future__ import annotations

from flask import Flask, current_app, has_request_context, request
from flask_babel import Babel, get_locale

from models.enums import Language

# The interface's languages, from their one definition.
LOCALES = tuple(language.value for language in Language)


def select_locale() -> str:
    """Choose the language: ?lang=, then the browser's Accept-Language, then the default."""
    if not has_request_context():  # the command line speaks the default language
        return str(current_app.config["DEFAULT_LOCALE"])
    asked = request.args.get("lang", "")
    if asked in LOCALES:
        return asked
    best = request.accept_languages.best_match(LOCALES)
    return best or current_app.config["DEFAULT_LOCALE"]


def init_i18n(app: Flask) -> None:
    """Attach Flask-Babel with the packaged catalogues."""
    Babel(app, locale_selector=select_locale, default_translation_directories="translations")
    app.jinja_env.globals["get_locale"] = get_locale
