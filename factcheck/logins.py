"""Login throttling: what django-axes is told about a request, and its lockout page.

Settings (factcheck/settings.py) lock out one username from one address after
AXES_FAILURE_LIMIT failures, for AXES_COOLOFF_TIME from the last of them; these
two functions are the settings' AXES_CLIENT_IP_CALLABLE and AXES_LOCKOUT_CALLABLE.
"""

import math

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def client_address(request: HttpRequest) -> str | None:
    """The address a login comes from: behind our TLS proxy, the one it appended to
    X-Forwarded-For (the entries before it are the client's to write); else the peer's."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.BEHIND_TLS_PROXY and forwarded.strip():
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """The answer to a login while its username and address are locked out: 429, with
    how long to wait (also as Retry-After) and who can unlock it sooner."""
    username = get_client_username(request, credentials) or ""
    cool_off = get_cool_off(request)
    last_failure = AccessAttempt.objects.filter(
        username=username, ip_address=getattr(request, "axes_ip_address", None)
    ).aggregate(last=Max("attempt_time"))["last"]
    retry_at = (last_failure or timezone.now()) + cool_off
    seconds = max(0, math.ceil((retry_at - timezone.now()).total_seconds()))
    context = {
        "username": username,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "retry_at": retry_at,
        "minutes": max(1, math.ceil(seconds / 60)),
    }
    answer = render(request, "registration/locked_out.html", context, status=429)
    answer["Retry-After"] = str(seconds)
    return answer
