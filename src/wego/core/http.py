"""Facts about a request that depend on how the platform is deployed."""

from django.conf import settings


def client_ip(request) -> str:
    """The visitor's address. Behind TRUSTED_PROXY_COUNT reverse proxies (load balancer,
    nginx), REMOTE_ADDR is the nearest proxy's: the visitor is then the address the outermost
    trusted proxy saw, counted from the right of X-Forwarded-For (entries further left are
    whatever the client sent, and cannot be trusted)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR", "")
    if not proxies:
        return remote
    forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [hop for hop in forwarded if hop]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]


def axes_client_ip(request, *args) -> str:
    """django-axes' hook (it passes the request, and sometimes the credentials)."""
    return client_ip(request)


def id_from(text) -> int | None:
    """A row id sent in an address or a form, or None: ASCII digits only, at most 12 of them.
    (`str.isdigit` also accepts "²", which `int` refuses, and 30 digits overflow the database:
    both would end in a server error instead of "not found" or a message.)"""
    text = str(text or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 12 else None
