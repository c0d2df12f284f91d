"""scripts/load.py in small: a few clients for a few seconds, so that CI runs the script
and it cannot rot. The figures themselves are in benchmarks/load.md."""

from __future__ import annotations

import pytest

from scripts import load
from tests.support import ON_POSTGRES


@pytest.mark.slow
def test_a_short_load_answers_every_request_and_stores_exactly_the_accepted_writes(
    committed_database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = load.main(
        ["--database-url", committed_database_url, "--clients", "3", "--seconds", "4",
         "--encoder", "hashing"]
    )  # fmt: skip
    printed = capsys.readouterr().out
    assert status == 0, printed
    assert "lost: 0; stored but not accepted: 0; tables that grew otherwise: none" in printed
    # Every operation of the mix ran at least once.
    for operation in load.WEIGHTS:
        assert f"| {operation} |" in printed, operation


@pytest.mark.slow
@pytest.mark.skipif(not ON_POSTGRES, reason="a database server's line to cut (PostgreSQL)")
def test_a_short_load_through_a_database_outage_gets_503s_and_loses_nothing(
    committed_database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = load.main(
        ["--database-url", committed_database_url, "--clients", "3", "--seconds", "9",
         "--encoder", "hashing", "--db-outage", "3", "--outage-at", "3"]
    )  # fmt: skip
    printed = capsys.readouterr().out
    assert status == 0, printed
    assert "lost: 0; stored but not accepted: 0" in printed
    table = printed.split("answered as expected")[0]
    refused_writes = [
        int(line.split("|")[-3]) for line in table.splitlines() if line.startswith("| POST ")
    ]
    assert sum(refused_writes) > 0, printed
