"""Permissions of accounts, and of the kernel's objects (core knows no roles)."""

import rules

from wego.accounts.roles import is_network_staff, is_secretariat, manages_member

rules.add_perm("core.use_admin", is_secretariat)
rules.add_perm("core.view_any_job", is_secretariat)

rules.add_perm("accounts.view_invitations", is_network_staff)
rules.add_perm("accounts.invite_to_member", manages_member)
rules.add_perm("accounts.invite_network_role", is_secretariat)
