"""Settings come from defaults, then the environment, then the caller's dict."""

from __future__ import annotations

import pytest

from service.platform.config import DEFAULTS, ConfigError, load_config


def test_defaults_then_environment_then_overrides() -> None:
    env = {
        "JUMUSH_YOUTH_AGE_MAX": "30",
        "DATABASE_URL": "sqlite:///x.db",
        "JUMUSH_SQL_ECHO": "true",
        "JUMUSH_ENCODER": "minilm",
    }
    config = load_config({"ENCODER": "hashing"}, environ=env)
    assert config["YOUTH_AGE_MAX"] == 30
    assert config["DATABASE_URL"] == "sqlite:///x.db"
    assert config["SQL_ECHO"] is True
    assert config["ENCODER"] == "hashing"
    assert config["YOUTH_AGE_MIN"] == DEFAULTS["YOUTH_AGE_MIN"]


def test_production_refuses_the_default_secret_key() -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load_config(environ={"JUMUSH_ENV": "production"})
    config = load_config(environ={"JUMUSH_ENV": "production", "JUMUSH_SECRET_KEY": "s" * 32})
    assert config["SECRET_KEY"] == "s" * 32


def test_a_malformed_number_is_a_readable_error() -> None:
    with pytest.raises(ConfigError, match="JUMUSH_YOUTH_AGE_MAX"):
        load_config(environ={"JUMUSH_YOUTH_AGE_MAX": "twenty"})
