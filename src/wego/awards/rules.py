"""Permissions of the WeGO Awards: the secretariat runs cycles, cities apply, and judges see only
what they score (the applications' visibility decides who opens one)."""

import rules

from wego.accounts.roles import is_city_user, is_judge, is_secretariat, member_ids_for
from wego.awards.models import Application
from wego.core.visibility import visible_through


@rules.predicate
def acts_for_application_member(user, application):
    return application is not None and application.member_id in member_ids_for(user)


@rules.predicate
def application_is_draft(user, application):
    return application is not None and application.status == Application.Status.DRAFT


@rules.predicate
def application_is_active(user, application):
    return application is not None and application.status != Application.Status.WITHDRAWN


judges_application = visible_through(Application, "judged_by")

rules.add_perm("awards.manage_cycles", is_secretariat)
rules.add_perm("awards.apply", is_city_user)
rules.add_perm("awards.view_application", visible_through(Application))
rules.add_perm("awards.edit_application", acts_for_application_member & application_is_draft)
rules.add_perm("awards.withdraw_application", acts_for_application_member & application_is_active)
rules.add_perm("awards.judge", is_judge)
rules.add_perm("awards.score_application", judges_application)
