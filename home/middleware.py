"""Turns a database outage into the site's friendly 503 page instead of a 500 with a traceback."""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

DATABASE_DOWN_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
_FLAG = "_hub_database_unavailable"


def database_unavailable_response():
    """The 503 page, rendered without a request so no context processor can touch the database."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


@receiver(got_request_exception, dispatch_uid="hub-database-unavailable")
def _note_database_errors(sender, request=None, **kwargs):
    # Errors raised inside other middleware never reach process_exception; Django turns them into
    # a 500 response first. Mark the request so the outer middleware can swap that 500 for a 503.
    exception = sys.exc_info()[1]
    if request is not None and isinstance(exception, DATABASE_DOWN_ERRORS):
        setattr(request, _FLAG, True)


class DatabaseUnavailableMiddleware:
    """Put first in MIDDLEWARE so it also sees failures in the middleware below it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, _FLAG, False):
            return database_unavailable_response()
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN_ERRORS):
            logger.error("Database unavailable while serving %s: %s", request.path, exception)
            return database_unavailable_response()
        return None
