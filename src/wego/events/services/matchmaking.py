"""Asking another city for a meeting, and answering; each step emails the other side."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from wego.accounts.services.people import people_of, secretariat
from wego.core.mail import templated_email
from wego.events.models import MatchmakingRequest


def ask(from_member, to_member, topic, message, user, indicator_code="") -> MatchmakingRequest:
    request = MatchmakingRequest.objects.create(
        from_member=from_member,
        to_member=to_member,
        topic=topic,
        indicator_code=indicator_code,
        message=message,
        requested_by=user,
    )
    # A member with nobody on the platform yet: the secretariat forwards the request.
    recipients = people_of(to_member) or secretariat()
    notify(request, recipients, "events/email/request")
    return request


def answer(request: MatchmakingRequest, accepted: bool, text: str, user) -> None:
    request.status = (
        MatchmakingRequest.Status.ACCEPTED if accepted else MatchmakingRequest.Status.DECLINED
    )
    request.answer, request.answered_by, request.answered_at = text, user, timezone.now()
    request.save()
    recipients = [request.requested_by] if request.requested_by else people_of(request.from_member)
    notify(request, recipients, "events/email/answer")


def notify(request: MatchmakingRequest, recipients, template: str) -> None:
    """One email per recipient, in the recipient's own language."""
    link = settings.SITE_URL + reverse("events:matchmaking")
    for person in recipients:
        with translation.override(person.preferred_language or "en"):
            context = {"request": request, "link": link, "person": person}
            email = templated_email(template, context, person.email)
        email.send()
