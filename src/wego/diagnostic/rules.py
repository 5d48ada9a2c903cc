"""Permissions of the CeDS diagnostic, built on roles and on the assessments' visibility."""

import rules

from wego.accounts.roles import (
    acts_for_member,
    is_city_user,
    is_focal_point_of,
    is_network_staff,
    manages_member,
)
from wego.core.visibility import visible_through
from wego.diagnostic.models import Assessment, PeerGroup

sees_assessment = visible_through(Assessment)
sees_answers = visible_through(Assessment, "answers_visible_to")


@rules.predicate
def acts_for_assessment_member(user, assessment):
    return assessment is not None and acts_for_member(user, assessment.member)


@rules.predicate
def is_focal_point_for_assessment(user, assessment):
    return assessment is not None and is_focal_point_of(user, assessment.member)


@rules.predicate
def manages_assessment_member(user, assessment):
    return assessment is not None and manages_member(user, assessment.member)


@rules.predicate
def assessment_is_editable(user, assessment):
    return assessment is not None and assessment.is_editable


@rules.predicate
def assessment_is_submitted(user, assessment):
    return assessment is not None and assessment.status == Assessment.Status.SUBMITTED


@rules.predicate
def assessment_is_validated(user, assessment):
    return assessment is not None and assessment.status == Assessment.Status.VALIDATED


rules.add_perm("diagnostic.start_assessment", is_city_user)
rules.add_perm("diagnostic.view_assessment", sees_assessment)
rules.add_perm("diagnostic.view_assessment_details", sees_answers)
rules.add_perm("diagnostic.edit_assessment", acts_for_assessment_member & assessment_is_editable)
rules.add_perm("diagnostic.assign_domains", is_focal_point_for_assessment & assessment_is_editable)
rules.add_perm(
    "diagnostic.submit_assessment", is_focal_point_for_assessment & assessment_is_editable
)
rules.add_perm(
    "diagnostic.validate_assessment", manages_assessment_member & assessment_is_submitted
)
rules.add_perm(
    "diagnostic.publish_assessment", is_focal_point_for_assessment & assessment_is_validated
)
rules.add_perm("diagnostic.view_submissions", is_network_staff)
# The roadmap is the city's own plan: its users edit it whatever the assessment's status.
rules.add_perm("diagnostic.plan_roadmap", acts_for_assessment_member)
rules.add_perm("diagnostic.manage_peer_groups", is_city_user)
rules.add_perm("diagnostic.edit_peer_group", visible_through(PeerGroup))
