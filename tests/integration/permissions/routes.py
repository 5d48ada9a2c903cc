"""Every route of the platform, found in the URL configuration, and how each is opened.

A route is named `namespace:name` (or by its pattern when it has no name). Its cases, declared
in test_routes.py, say what each subject gets; a route without a case fails the suite.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# What a response means for the person who asked
OK = "ok"  # 200: the page, file or data
DONE = "done"  # a redirect after doing what was asked (not to the sign-in page)
LOGIN = "login"  # sent to sign in first (401 for the API)
NO = "forbidden"  # 403
MISSING = "not found"  # 404: also what anyone gets for what they may not know exists
INVALID = "invalid"  # 400: let in, but what was sent is not valid
GONE = "gone"  # 410
NOT_ALLOWED = "method not allowed"  # 405
OUTCOMES = {OK, DONE, LOGIN, NO, MISSING, INVALID, GONE, NOT_ALLOWED}


def outcome(response) -> str:
    code = response.status_code
    if code in (301, 302, 303):
        return LOGIN if reverse("accounts:login") in response["Location"] else DONE
    known = {200: OK, 400: INVALID, 401: LOGIN, 403: NO, 404: MISSING, 405: NOT_ALLOWED, 410: GONE}
    return known.get(code, f"HTTP {code}")


@dataclass(frozen=True)
class Route:
    key: str  # "namespace:name", or the pattern when the route has no name
    pattern: str
    converters: tuple[str, ...]  # the names of the pattern's arguments


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            pattern = prefix + str(entry.pattern)
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            converters = tuple(entry.pattern.regex.groupindex)
            yield Route(name or pattern, pattern, converters)


def all_routes(urlconf=None) -> list[Route]:
    """Every route the URL configuration answers (in the default language, unprefixed)."""
    return list(_walk(get_resolver(urlconf).url_patterns))


@dataclass
class Case:
    """One way of opening a route, and what each subject should get."""

    route: str
    expect: dict[str, str]
    label: str = ""  # what is opened, when a route has several cases
    args: Callable = field(default=lambda world: [])
    method: str = "get"
    data: Callable = field(default=lambda world: {})
    query: str = ""

    @property
    def id(self) -> str:
        return f"{self.route}[{self.label}]" if self.label else self.route
