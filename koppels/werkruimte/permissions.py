"""Who may use the programme team's workspace."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse


def is_programmateam(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def programmateam(view: Callable) -> Callable:
    """Only the programme team sees the workspace: a logged-out visitor is sent to the login page (and back here
    after it); any other logged-in person gets 404, so nothing leaks."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_programmateam(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
