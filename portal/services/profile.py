"""The signed-in user's own settings (SPEC E1)."""

from __future__ import annotations

from sqlmodel import Session

from portal.errors import ValidationFailed
from portal.models import Language, User
from portal.services import audit


def set_language(*, session: Session, actor: User, language: str) -> User:
    """Store the actor's language; the UI and e-mails follow it.

    Raises:
        ValidationFailed: the language is not one the portal speaks.
    """
    if language not in {lang.value for lang in Language}:
        raise ValidationFailed({"language": "error.language_invalid"})
    user = session.get(User, actor.id)
    if user.language != language:
        old = user.language
        user.language = language
        session.add(user)
        audit.record(
            session=session,
            actor=user,
            action="profile.language",
            object_type="user",
            object_id=user.id,
            old={"language": old},
            new={"language": language},
        )
        session.flush()
    return user
