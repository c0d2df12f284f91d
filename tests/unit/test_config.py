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


SHARED_LIMITS = {"JUMUSH_RATELIMIT_STORAGE_URI": "redis://cache.internal:6379"}


def test_production_refuses_the_default_secret_key() -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load_config(environ={"JUMUSH_ENV": "production", **SHARED_LIMITS})
    config = load_config(
        environ={"JUMUSH_ENV": "production", "JUMUSH_SECRET_KEY": "s" * 32, **SHARED_LIMITS}
    )
    assert config["SECRET_KEY"] == "s" * 32


def test_production_refuses_to_count_rate_limits_in_each_worker_apart() -> None:
    production = {"JUMUSH_ENV": "production", "JUMUSH_SECRET_KEY": "s" * 32}
    with pytest.raises(ConfigError, match="JUMUSH_RATELIMIT_STORAGE_URI must be set"):
        load_config(environ=production)
    config = load_config(environ={**production, **SHARED_LIMITS})
    assert config["RATELIMIT_STORAGE_URI"] == "redis://cache.internal:6379"
    # Chosen on purpose (one worker alone), memory:// is accepted.
    chosen = {**production, "JUMUSH_RATELIMIT_STORAGE_URI": "memory://"}
    assert load_config(environ=chosen)["RATELIMIT_STORAGE_URI"] == "memory://"
    # Development keeps working with nothing set.
    assert load_config(environ={})["RATELIMIT_STORAGE_URI"] == "memory://"


def test_a_malformed_number_is_a_readable_error() -> None:
    with pytest.raises(ConfigError, match="JUMUSH_YOUTH_AGE_MAX"):
        load_config(environ={"JUMUSH_YOUTH_AGE_MAX": "twenty"})
