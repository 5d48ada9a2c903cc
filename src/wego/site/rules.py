import rules

from wego.accounts.roles import is_network_staff

rules.add_perm("site.view_staff_dashboard", is_network_staff)
