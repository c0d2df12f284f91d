"""scripts/example_client.py against a real HTTP server on the loopback interface."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy.orm import Session
from werkzeug.serving import make_server

from scripts.example_client import main
from tests.http.api.conftest import Caller, add_seeker


@pytest.fixture
def base_url(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def test_post_read_candidates_and_hire(
    base_url: str, employer: Caller, db: Session, capsys: pytest.CaptureFixture[str]
) -> None:
    seeker = add_seeker(db, desired_position="швея", skills=["пошив"], contactable=True)
    assert main(["--base-url", base_url, "--key", str(employer.key)]) == 0
    out = capsys.readouterr().out
    assert "Швея-мотористка" in out and f"seeker {seeker.id}" in out
    assert main(["--base-url", base_url, "--key", str(employer.key), "--hire", str(seeker.id)]) == 0
    assert f"seeker {seeker.id} is hired" in capsys.readouterr().out
    # Contacting the same candidate again is refused and reported, not crashed.
    assert main(["--base-url", base_url, "--key", str(employer.key), "--hire", str(seeker.id)]) == 1
    assert "409" in capsys.readouterr().err


def test_bad_key_and_no_server(base_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--base-url", base_url, "--key", "wrong"]) == 1
    assert main(["--base-url", "http://127.0.0.1:9", "--key", "wrong"]) == 2
