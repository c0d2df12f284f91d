"""The `jumush` command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import ApiKey, User
from service.cli import main
from service.platform.security.secrets import digest_secret, verify_password
from service.usecases.errors import NotFound
from tests.support import CommandRunner, make_market


def test_create_user_prints_a_token_once_and_stores_only_hashes(
    runner: CommandRunner, session: Session
) -> None:
    result = runner.invoke(
        "create-user",
        "--email",
        "Staff@Example.invalid",
        "--role",
        "staff",
        input="correct horse battery\ncorrect horse battery\n",
    )
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    assert token.startswith("jk_usr_")
    user = session.scalars(select(User)).one()
    assert user.email == "staff@example.invalid"
    assert user.password_hash and verify_password(user.password_hash, "correct horse battery")
    key = session.scalars(select(ApiKey)).one()
    assert key.secret_hash == digest_secret(token) and token not in key.secret_hash


def test_create_user_refuses_a_duplicate_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Through `main`, the `jumush` entry point, which turns a refusal into one line.
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'users.db'}")
    monkeypatch.setenv("JUMUSH_SESSION_STORAGE_URI", str(tmp_path / "sessions"))
    monkeypatch.setenv("JUMUSH_NEW_USER_PASSWORD", "long enough pw")
    monkeypatch.setenv("JUMUSH_LOG_LEVEL", "WARNING")
    assert main(["db", "upgrade"]) == 0
    args = ["create-user", "--email", "p@example.invalid", "--role", "partner"]
    assert main(args) == 0
    capsys.readouterr()
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert err == "jumush: error: A user with this email already exists.\n"
    assert out == ""


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "service.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_broken_database_url_is_one_readable_line(tmp_path: object) -> None:
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"}
    result = run_cli("db", "upgrade", env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("jumush: error: database:")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_db_upgrade_migrates_a_new_sqlite_file(tmp_path: object) -> None:
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path}/new.db"}
    result = run_cli("db", "upgrade", env=env)
    assert result.returncode == 0, result.stderr
    assert "database at revision" in result.stdout


def test_reindex_command_shows_progress_and_counts(session: Any, runner: Any) -> None:
    make_market(session)
    session.commit()
    result = runner.invoke("reindex")
    assert result.exit_code == 0, result.output
    assert "indexed 3 vacancies and 0 seekers" in result.output


def test_unlock_user_lets_a_locked_admin_in_again_and_can_reset_the_second_factor(
    runner: CommandRunner, session: Session
) -> None:
    args = ("create-user", "--email", "admin@example.invalid", "--role", "admin")
    assert (
        runner.invoke(*args, "--region", "osh", input="long enough pw\nlong enough pw\n").exit_code
        == 0
    )
    user = session.scalars(select(User)).one()
    assert user.regions == ["osh"]
    user.failed_logins, user.totp_secret = 100, "sealed"
    session.commit()
    result = runner.invoke("unlock-user", "Admin@Example.invalid", "--reset-second-factor")
    assert result.exit_code == 0, result.output
    session.expire_all()
    assert (user.failed_logins, user.locked_until, user.totp_secret) == (0, None, None)
    missing = runner.invoke("unlock-user", "nobody@example.invalid")
    # `jumush` (service.cli.main) says a refusal in one line; the runner keeps it raw.
    assert isinstance(missing.exception, NotFound)
