"""Domain errors raised by the service layer."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error a service raises on purpose."""


class PermissionDenied(DomainError):
    """The acting user may not do this."""


class NotFound(DomainError):
    """The object does not exist or is outside the actor's scope."""


class ValidationFailed(DomainError):
    """Input was rejected; ``errors`` maps field names to message keys."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(", ".join(f"{k}: {v}" for k, v in errors.items()))
