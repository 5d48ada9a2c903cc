"""The registration's call to action on an event's page: `{% registration_call event user as
call %}` (the page's view knows nothing of registration)."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wego.core.dates import when
from wego.events.domain import registration as rules
from wego.events.models import Registration
from wego.events.services import registration as service

CLOSED = (Registration.Status.CANCELLED, Registration.Status.DECLINED)

register = template.Library()


@register.simple_tag
def registration_call(event, user) -> dict:
    phase = service.phase_of(event)
    call = {
        "phase": phase,
        "open": phase == "open",
        "may_register": phase == "open" and user.has_perm("events.register", event),
        "staff": user.has_perm("events.manage_event", event),
        "delegations": [],
        "closed_on": when(service.deadline_of(event), event.time_zone),
        "opens_on": when(event.registration_opens_at, event.time_zone)
        if event.registration_opens_at
        else "",
        "ended": event.is_over(),
    }
    delegations = service.delegations_of(event, user)
    for delegation in delegations:
        call["delegations"].append(
            {
                "delegation": delegation,
                "summary": summary(delegation),
                "meetings_url": meetings_url(event, delegation, user, several=len(delegations) > 1),
            }
        )
    call["agenda"] = (
        user.is_authenticated
        and Registration.objects.filter(event=event, user=user).exclude(status__in=CLOSED).exists()
    )
    call["closed"] = phase == rules.CLOSED
    return call


def meetings_url(event, delegation, user, several: bool) -> str:
    """The delegation's matchmaking page, once someone of it is approved: "" otherwise."""
    if not event.has_matchmaking or not delegation.approved:
        return ""
    if not user.has_perm("events.change_delegation", delegation):
        return ""
    url = reverse("events:meetings", kwargs={"slug": event.slug})
    return url + (f"?delegation={delegation.pk}" if several else "")


def summary(delegation) -> str:
    people = ngettext("%(count)s person", "%(count)s people", delegation.people) % {
        "count": delegation.people
    }
    parts = []
    for count, label in (
        (delegation.approved, _("%(count)s approved")),
        (delegation.pending, _("%(count)s waiting for approval")),
        (delegation.waiting, _("%(count)s on the waiting list")),
    ):
        if count:  # the number inside the sentence: word order differs by language
            parts.append(label % {"count": count})
    if not parts:
        return people
    return _("%(people)s: %(statuses)s") % {"people": people, "statuses": ", ".join(parts)}
