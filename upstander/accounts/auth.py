"""View helpers that every app uses to authorise: one way to do it (STYLE.md)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from upstander.accounts.actor import Actor
from upstander.accounts.models import User

M = TypeVar("M", bound=Model)
View = Callable[..., HttpResponse]


def actor_of(request: HttpRequest) -> Actor:
    actor = getattr(request, "actor", None)
    if actor is None:
        raise PermissionDenied("Sign in first.")
    return actor


def user_of(request: HttpRequest) -> User:
    """The signed-in user (views behind `require` only)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("Sign in first.")
    return user


def require(check: Callable[[Actor], bool]) -> Callable[[View], View]:
    """Sign-in required, then `check(actor)`; a member of the organisation without the role gets 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(actor_of(request)):
                raise PermissionDenied("Your role does not include this.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def get_for_actor(queryset: QuerySet[M], actor: Actor, **lookup: Any) -> M:
    """One object of the actor's organisation, or 404: other organisations' objects do not exist."""
    if actor.organisation_id is None:
        raise Http404
    try:
        return queryset.get(organisation_id=actor.organisation_id, **lookup)
    except (queryset.model.DoesNotExist, ValueError):  # type: ignore[attr-defined]
        raise Http404 from None
