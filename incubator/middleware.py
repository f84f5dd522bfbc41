"""Small middleware of our own: headers Django has no setting for."""

import os
from collections.abc import Callable

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
