"""Who may use the programme team's workspace."""

from collections.abc import Callable
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse


def is_programmateam(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def programmateam(view: Callable) -> Callable:
    """Only the programme team sees the workspace; everyone else (anonymous too) gets 404, so nothing leaks."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_programmateam(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
