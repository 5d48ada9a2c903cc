"""Permissions of events: who sees an event, registers a delegation, approves, checks people
in, answers a meeting request and schedules meetings.

What one may see is decided by each kind's `visible_to(user)` (models); the predicates here
are built on it (`visible_through`) or on the roles and the object's state. Refusals that a
person should understand (the deadline has passed, the quota is full) are messages of the
services, not permissions: a permission only says whether the page is theirs at all.
"""

import rules

from wego.accounts.roles import (
    is_city_user,
    is_network_staff,
    is_partner,
    is_secretariat,
    member_ids_for,
    serves_region_of,
)
from wego.core.visibility import visible_through
from wego.events.models import (
    Delegation,
    Event,
    MeetingRequest,
    PassportDetails,
    Registration,
)

# --- Matchmaking requests between members (before and outside events) ---


@rules.predicate
def is_asked_member(user, request):
    return request is not None and request.to_member_id in member_ids_for(user)


@rules.predicate
def request_is_pending(user, request):
    return request is not None and request.status == "pending"


rules.add_perm("events.request_meeting", is_city_user)
rules.add_perm("events.answer_request", is_asked_member & request_is_pending)

# --- Events ---

rules.add_perm("events.view_event", visible_through(Event))
# Network staff prepare events, their programme, slots and tables, and run the scheduler.
rules.add_perm("events.manage_event", is_network_staff)
rules.add_perm("events.schedule_meetings", is_network_staff)
rules.add_perm("events.check_in", is_network_staff)

# --- Registration ---


@rules.predicate
def can_register_for(user, event):
    """Member cities' users and partners register a delegation for an event they can see;
    staff register on someone's behalf (a city without users on the platform)."""
    return event is not None and Event.objects.visible_to(user).filter(pk=event.pk).exists()


rules.add_perm("events.register", can_register_for & (is_city_user | is_partner | is_network_staff))


@rules.predicate
def acts_for_delegation(user, delegation):
    """The delegation's member's users, or (a partner organisation) whoever registered it."""
    if delegation is None:
        return False
    if delegation.member_id:
        return delegation.member_id in member_ids_for(user)
    return delegation.registered_by_id == user.pk


@rules.predicate
def looks_after_delegation(user, delegation):
    """Network staff who look after the delegation's member (partners: the secretariat)."""
    if delegation is None:
        return False
    if is_secretariat(user):
        return True
    return delegation.member is not None and serves_region_of(user, delegation.member)


@rules.predicate
def looks_after_registration(user, registration):
    return registration is not None and looks_after_delegation(user, registration.delegation)


rules.add_perm("events.view_delegation", visible_through(Delegation))
rules.add_perm("events.change_delegation", acts_for_delegation | looks_after_delegation)
rules.add_perm("events.view_registration", visible_through(Registration))
rules.add_perm("events.approve_registration", looks_after_registration)
rules.add_perm("events.view_passport", visible_through(PassportDetails))

# --- Meeting requests at an event ---


@rules.predicate
def acts_for_asked_delegation(user, meeting_request):
    return meeting_request is not None and acts_for_delegation(user, meeting_request.to_delegation)


@rules.predicate
def meeting_request_is_pending(user, meeting_request):
    return meeting_request is not None and meeting_request.status == "pending"


rules.add_perm("events.view_meeting_request", visible_through(MeetingRequest))
rules.add_perm(
    "events.answer_meeting_request", acts_for_asked_delegation & meeting_request_is_pending
)

# --- Elections at an event ---

# Network staff prepare elections and step them through candidacies, voting and the count.
rules.add_perm("events.manage_election", is_network_staff)
# A member city's users act for it before the vote (candidacies, its delegate, its proxy), and
# staff for the cities they look after; which cities is services.election_setup's to say.
rules.add_perm("events.act_for_city", is_city_user | is_network_staff)
