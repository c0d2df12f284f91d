"""Throttling of sign-in attempts per account: seekers and programme users alike.

After FREE_FAILURES wrong answers in a row (a password, or a second-factor code) the
account waits, doubling from one minute up to an hour; at MAX_FAILURES it locks until
someone who may unlock it does so (NIST SP 800-63B-4 allows at most 100).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, NoReturn, Protocol

from sqlalchemy.orm import Session

from service.platform.security.secrets import verify_password
from service.usecases.errors import InvalidInput, TooManyAttempts
from service.usecases.messages import Message, msg

FREE_FAILURES = 4
LONGEST_WAIT = timedelta(hours=1)
MAX_FAILURES = 100


class Guarded(Protocol):
    """An account whose sign-in attempts are counted."""

    password_hash: str | None
    failed_logins: int
    locked_until: datetime | None


def refuse_if_waiting(account: Guarded, now: datetime, *, locked: Message) -> None:
    """Refuse any attempt while the account waits or is locked (`locked` says what to do)."""
    if account.failed_logins >= MAX_FAILURES:
        raise TooManyAttempts(locked)
    if account.locked_until is not None and account.locked_until > now:
        raise TooManyAttempts(
            msg(
                "Too many wrong passwords. Try again after %(time)s UTC.",
                time=account.locked_until.strftime("%H:%M"),
            ),
            retry_after=account.locked_until,
        )


def fail(
    session: Session, account: Guarded, now: datetime, *, field: str, refusal: Any
) -> NoReturn:
    """Count a wrong answer (committed at once), make the account wait, and refuse."""
    # Added in SQL, not in Python: two workers refusing the same account at once must
    # count two failures (read-add-write here counted 5 wrong passwords sent two at a
    # time to two gunicorn workers as 3). The flush reloads the count with theirs.
    account.failed_logins = type(account).failed_logins + 1
    session.flush()
    failures = account.failed_logins
    if failures > FREE_FAILURES:
        wait = timedelta(minutes=2 ** min(failures - FREE_FAILURES - 1, 10))
        account.locked_until = now + min(wait, LONGEST_WAIT)
    session.commit()
    raise InvalidInput(refusal, errors={field: [refusal]})


def succeed(account: Guarded) -> None:
    """Forget the wrong answers before this right one (the caller commits)."""
    account.failed_logins = 0
    account.locked_until = None


def check_password_attempt(
    session: Session,
    account: Guarded,
    password: str,
    now: datetime,
    *,
    field: str,
    refusal: Any,
    locked: Message,
    resets: bool = True,
) -> None:
    """Check a password against the account's count and wait; a right one resets them,
    unless a second factor is still to come (`resets=False`): then only the right code
    does, or a right password would wipe out the wrong codes before it."""
    refuse_if_waiting(account, now, locked=locked)
    if account.password_hash is None or not verify_password(account.password_hash, password):
        fail(session, account, now, field=field, refusal=refusal)
    if resets:
        succeed(account)
        session.commit()
