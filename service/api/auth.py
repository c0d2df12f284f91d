"""Bearer authentication: an API key names an employer or a programme user with a role."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from models import Employer
from models.enums import ActorKind, UserRole
from service.platform.security.caller import peek_principal
from service.platform.security.keys import Principal
from service.usecases.errors import Forbidden, Suspended, Unauthorized

F = TypeVar("F", bound=Callable[..., Any])

# The roles views name, from their one definition (an employer has no user account).
EMPLOYER = ActorKind.EMPLOYER
ADMIN, STAFF, PARTNER, VIEWER = UserRole.ADMIN, UserRole.STAFF, UserRole.PARTNER, UserRole.VIEWER


def current_principal() -> Principal:
    """Return the authenticated caller of this request (set by `require`)."""
    principal = peek_principal()
    if principal is None:
        raise Unauthorized()
    return principal


def require(*roles: UserRole | ActorKind) -> Callable[[F], F]:
    """Let through only callers with one of `roles`: 401 without a valid key, 403 otherwise."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            principal = peek_principal()
            if principal is None:
                raise Unauthorized()
            if principal.suspended:
                raise Suspended()
            if not principal.has_role(*roles):
                raise Forbidden()
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


def current_employer() -> Employer:
    """Return the employer calling this request (the view is guarded by `require(EMPLOYER)`)."""
    employer = current_principal().employer
    if employer is None:
        raise Forbidden()
    return employer
