"""Permissions of events: for now, matchmaking requests between member cities."""

import rules

from wego.accounts.roles import is_city_user, member_ids_for


@rules.predicate
def is_asked_member(user, request):
    return request is not None and request.to_member_id in member_ids_for(user)


@rules.predicate
def request_is_pending(user, request):
    return request is not None and request.status == "pending"


rules.add_perm("events.request_meeting", is_city_user)
rules.add_perm("events.answer_request", is_asked_member & request_is_pending)
