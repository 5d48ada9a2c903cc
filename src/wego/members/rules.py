"""Permissions over members: their team, their profile and its review."""

import rules

from wego.accounts.roles import acts_for_member, is_city_user, is_network_staff, manages_member

rules.add_perm("members.view_team", acts_for_member | manages_member)
rules.add_perm("members.view_focal_point_contacts", is_city_user | is_network_staff)
# The city edits its profile; staff of its region (or the secretariat) review the changes.
rules.add_perm("members.edit_profile", acts_for_member)
rules.add_perm("members.review_profile", manages_member)
rules.add_perm("members.view_profile_reviews", is_network_staff)
