"""A small Jumush API client: post a vacancy, read its candidates, record a hire.

Standard library only, so a partner can copy it anywhere Python runs.

Reproduce:
    .venv/bin/python -m scripts.example_client --base-url http://127.0.0.1:8000 \\
        --key "$JUMUSH_API_KEY" [--hire SEEKER_ID]

Without --hire it posts (or, by its external_id, updates) the vacancy and prints the
ranked candidates; with --hire it contacts that candidate, records the interview and the
hire. Exit status: 0 on success, 1 when the API refuses, 2 when it cannot be reached.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Sequence
from typing import Any

VACANCY = {
    "external_id": "example-client-seamstress",
    "title": "Швея-мотористка",
    "description": "Пошив детской одежды на промышленной швейной машине. Обучение на месте.",
    "skills": ["швейная машина", "пошив", "оверлок"],
    "region": "bishkek",
    "salary_min": 20000,
    "salary_max": 30000,
    "employment_type": "full_time",
    "positions": 2,
}


class ApiError(Exception):
    """The API refused a request; carries its status and the one error shape."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(f"{status} {body.get('error')}: {body.get('message')}")
        self.status = status
        self.body = body


class JumushClient:
    """Call the Jumush API with an employer's key."""

    def __init__(self, base_url: str, api_key: str, timeout: float = 30.0) -> None:
        if urllib.parse.urlsplit(base_url).scheme not in {"http", "https"}:
            raise ValueError(f"not an http(s) URL: {base_url}")
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout

    def request(self, method: str, path: str, body: Any = None, *, retry_safe: bool = True) -> Any:
        """Send one request; writes carry an Idempotency-Key so a retry cannot act twice."""
        headers = {"Authorization": f"Bearer {self.api_key}", "Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if method != "GET" and retry_safe:
            headers["Idempotency-Key"] = str(uuid.uuid4())
        req = urllib.request.Request(
            self.base_url + path, data=data, headers=headers, method=method
        )
        try:
            # The scheme was checked in __init__: http or https, never file: or another.
            with urllib.request.urlopen(req, timeout=self.timeout) as response:  # nosec B310
                raw = response.read()
        except urllib.error.HTTPError as exc:
            try:
                payload = json.loads(exc.read() or b"{}")
            except ValueError:
                payload = {"error": "http_error", "message": exc.reason}
            raise ApiError(exc.code, payload) from None
        return json.loads(raw) if raw else None

    def post_vacancy(self, vacancy: dict[str, Any]) -> dict[str, Any]:
        """Post a vacancy; the same external_id again updates it."""
        result: dict[str, Any] = self.request("POST", "/api/v1/vacancies", vacancy)
        return result

    def candidates(self, vacancy_id: int, limit: int = 10) -> dict[str, Any]:
        """Return the ranked candidates of one of your vacancies."""
        result: dict[str, Any] = self.request(
            "GET", f"/api/v1/vacancies/{vacancy_id}/candidates?limit={limit}"
        )
        return result

    def contact(self, vacancy_id: int, seeker_id: int) -> dict[str, Any]:
        """Open a match with a candidate (status `contacted`)."""
        result: dict[str, Any] = self.request(
            "POST", "/api/v1/matches", {"vacancy_id": vacancy_id, "seeker_id": seeker_id}
        )
        return result

    def set_status(self, match_id: int, status: str) -> dict[str, Any]:
        """Move a match on: interview, hired or rejected."""
        result: dict[str, Any] = self.request(
            "PATCH", f"/api/v1/matches/{match_id}", {"status": status}
        )
        return result


def main(argv: Sequence[str] | None = None) -> int:
    """Post the example vacancy, show its candidates and optionally record a hire."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument(
        "--key", default=os.environ.get("JUMUSH_API_KEY"), help="or set JUMUSH_API_KEY"
    )
    parser.add_argument("--hire", type=int, metavar="SEEKER_ID", help="hire this candidate")
    parser.add_argument("--limit", type=int, default=5)
    args = parser.parse_args(argv)
    if not args.key:
        parser.error("give --key or set JUMUSH_API_KEY")
    try:
        client = JumushClient(args.base_url, args.key)
    except ValueError as exc:
        parser.error(str(exc))
    try:
        vacancy = client.post_vacancy(VACANCY)
        print(f"vacancy {vacancy['id']}: {vacancy['title']} ({vacancy['status']})")
        ranked = client.candidates(vacancy["id"], args.limit)
        if ranked.get("message"):
            print(ranked["message"])
        for item in ranked["items"]:
            who = item["full_name"] or "(contact details hidden)"
            reasons = "; ".join(item["explanation"])
            print(f"  seeker {item['seeker_id']}  score {item['score']:.3f}  {who}  {reasons}")
        if args.hire is not None:
            match = client.contact(vacancy["id"], args.hire)
            for status in ("interview", "hired"):
                match = client.set_status(match["id"], status)
            print(f"match {match['id']}: seeker {args.hire} is {match['status']}")
    except ApiError as exc:
        print(f"error: {exc}", file=sys.stderr)
        for field, messages in exc.body.get("errors", {}).items():
            print(f"  {field}: {' '.join(map(str, messages))}", file=sys.stderr)
        return 1
    except (urllib.error.URLError, OSError) as exc:
        print(f"error: cannot reach {args.base_url}: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
