"""Every permission on the platform, as django-rules predicates, in one place.

Views ask `user.has_perm("<perm>", obj)`; tests/test_permission_matrix.py checks
every role against every protected view. A user's role assignments are read
once per request and cached on the user object.
"""

import rules

from wego.accounts.models import Role


def roles_of(user) -> list[tuple[str, int | None, str]]:
    """(role, member id, region) for each of the user's role assignments."""
    if not user.is_authenticated or not user.is_active:
        return []
    cached = getattr(user, "_wego_roles", None)
    if cached is None:
        cached = list(user.role_assignments.values_list("role", "member_id", "region"))
        user._wego_roles = cached
    return cached


def has_role(user, role: str) -> bool:
    return any(assigned == role for assigned, _member, _region in roles_of(user))


def member_ids_for(user) -> set[int]:
    """Members the user acts for as a focal point or city user."""
    city_roles = {Role.FOCAL_POINT, Role.CITY_USER}
    return {member for role, member, _region in roles_of(user) if role in city_roles}


def regions_for(user) -> set[str]:
    return {region for role, _m, region in roles_of(user) if role == Role.REGIONAL_STAFF}


@rules.predicate
def is_secretariat(user):
    return has_role(user, Role.SECRETARIAT)


@rules.predicate
def is_regional_staff(user):
    return has_role(user, Role.REGIONAL_STAFF)


@rules.predicate
def is_judge(user):
    return has_role(user, Role.JUDGE)


@rules.predicate
def is_partner(user):
    return has_role(user, Role.PARTNER)


@rules.predicate
def is_city_user(user):
    return bool(member_ids_for(user))


@rules.predicate
def acts_for_member(user, member):
    return member is not None and member.pk in member_ids_for(user)


@rules.predicate
def is_focal_point_of(user, member):
    return member is not None and any(
        role == Role.FOCAL_POINT and member_id == member.pk
        for role, member_id, _region in roles_of(user)
    )


@rules.predicate
def serves_region_of(user, member):
    return member is not None and member.region in regions_for(user)


is_network_staff = is_secretariat | is_regional_staff
manages_member = is_secretariat | serves_region_of

# Staff pages
rules.add_perm("core.view_staff_dashboard", is_network_staff)
rules.add_perm("accounts.view_invitations", is_network_staff)
rules.add_perm("accounts.invite_to_member", manages_member)
rules.add_perm("accounts.invite_network_role", is_secretariat)
rules.add_perm("core.use_admin", is_secretariat)

# Members
rules.add_perm("members.view_team", acts_for_member | manages_member)
rules.add_perm("members.view_focal_point_contacts", is_city_user | is_network_staff)


# CeDS diagnostic
@rules.predicate
def acts_for_assessment_member(user, assessment):
    return assessment is not None and assessment.member_id in member_ids_for(user)


@rules.predicate
def is_focal_point_for_assessment(user, assessment):
    return assessment is not None and is_focal_point_of(user, assessment.member)


@rules.predicate
def manages_assessment_member(user, assessment):
    return assessment is not None and (
        is_secretariat(user) or assessment.member.region in regions_for(user)
    )


@rules.predicate
def assessment_is_public(user, assessment):
    return assessment is not None and assessment.is_public and assessment.status == "validated"


@rules.predicate
def assessment_is_editable(user, assessment):
    return assessment is not None and assessment.is_editable


@rules.predicate
def assessment_is_submitted(user, assessment):
    return assessment is not None and assessment.status == "submitted"


@rules.predicate
def assessment_is_validated(user, assessment):
    return assessment is not None and assessment.status == "validated"


rules.add_perm("diagnostic.start_assessment", is_city_user)
rules.add_perm(
    "diagnostic.view_assessment",
    acts_for_assessment_member | manages_assessment_member | assessment_is_public,
)
rules.add_perm(
    "diagnostic.view_assessment_details", acts_for_assessment_member | manages_assessment_member
)
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


@rules.predicate
def owns_peer_group(user, group):
    return group is not None and group.owner_id in member_ids_for(user)


rules.add_perm("diagnostic.manage_peer_groups", is_city_user)
rules.add_perm("diagnostic.edit_peer_group", owns_peer_group)


# Events and matchmaking
@rules.predicate
def is_asked_member(user, request):
    return request is not None and request.to_member_id in member_ids_for(user)


@rules.predicate
def request_is_pending(user, request):
    return request is not None and request.status == "pending"


rules.add_perm("events.request_meeting", is_city_user)
rules.add_perm("events.answer_request", is_asked_member & request_is_pending)


# Good practices
@rules.predicate
def acts_for_practice_member(user, practice):
    return practice is not None and practice.member_id in member_ids_for(user)


@rules.predicate
def practice_is_published(user, practice):
    return practice is not None and practice.status == "published"


@rules.predicate
def practice_is_draft(user, practice):
    return practice is not None and practice.status == "draft"


@rules.predicate
def practice_is_in_review(user, practice):
    return practice is not None and practice.status == "review"


@rules.predicate
def manages_practice(user, practice):
    """The secretariat, or the regional office of the practice's member."""
    if practice is None:
        return False
    if is_secretariat(user):
        return True
    return practice.member is not None and practice.member.region in regions_for(user)


rules.add_perm(
    "practices.view_practice",
    practice_is_published | acts_for_practice_member | manages_practice,
)
rules.add_perm("practices.add_practice", is_city_user | is_network_staff)
rules.add_perm(
    "practices.edit_practice",
    (acts_for_practice_member & practice_is_draft) | manages_practice,
)
rules.add_perm("practices.submit_practice", acts_for_practice_member & practice_is_draft)
rules.add_perm("practices.review_practice", manages_practice & practice_is_in_review)
rules.add_perm("practices.revise_practice", acts_for_practice_member & practice_is_published)
rules.add_perm("practices.manage_search", is_secretariat)


# Member profiles: the city edits, staff of its region (or the secretariat) review
rules.add_perm("members.edit_profile", acts_for_member)
rules.add_perm("members.review_profile", manages_member)
rules.add_perm("members.view_profile_reviews", is_network_staff)


# WeGO Awards: the secretariat runs cycles; cities apply; judges see only what they score
@rules.predicate
def acts_for_application_member(user, application):
    return application is not None and application.member_id in member_ids_for(user)


@rules.predicate
def application_is_draft(user, application):
    return application is not None and application.status == "draft"


@rules.predicate
def application_is_active(user, application):
    return application is not None and application.status != "withdrawn"


@rules.predicate
def judges_application(user, application):
    """Assigned to the application in its cycle, and free of any conflict of interest with it."""
    if application is None or not is_judge(user):
        return False
    from wego.awards.models import Assignment

    assigned = Assignment.objects.free_of_conflict()
    return assigned.filter(judge__user=user, application=application).exists()


rules.add_perm("awards.manage_cycles", is_secretariat)
rules.add_perm("awards.apply", is_city_user)
rules.add_perm(
    "awards.view_application", acts_for_application_member | is_secretariat | judges_application
)
rules.add_perm("awards.edit_application", acts_for_application_member & application_is_draft)
rules.add_perm("awards.withdraw_application", acts_for_application_member & application_is_active)
rules.add_perm("awards.judge", is_judge)
rules.add_perm("awards.score_application", judges_application)
