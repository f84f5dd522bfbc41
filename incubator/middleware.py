"""Small middleware of our own: the answering instance's name, and personal answers kept out of caches."""

import os
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpRequest, HttpResponse


class InstanceNameMiddleware:
    """Name the app server that answered (X-Instance) when INSTANCE_NAME is set: shows load balancing at work."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.name = os.environ.get("INSTANCE_NAME", "")
        if not self.name:
            raise MiddlewareNotUsed  # a single server has nothing to tell: stay out of the chain

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers["X-Instance"] = self.name
        return response


class PrivateAnswersMiddleware:
    """Keep personal answers out of every cache: `Cache-Control: private, no-store`, one rule for the whole portal.

    Personal is: any answer to a logged-in person, and anything under settings.PRIVATE_PATH_PREFIXES whoever asks
    (login and reset pages, invitation links). A view that set Cache-Control itself keeps its own (the public
    minigids PDF, the health probe). Public pages for visitors without a login are untouched (the page cache).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.prefixes = tuple(settings.PRIVATE_PATH_PREFIXES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        personal = request.user.is_authenticated or request.path.startswith(self.prefixes)
        if personal and "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "private, no-store"
        return response
