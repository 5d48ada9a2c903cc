"""Table exports of the member directory (CSV and Excel)."""

from django.utils.translation import gettext as _


def directory_rows(members):
    header = [
        _("Name"),
        _("Kind"),
        _("Country"),
        _("Region"),
        _("Membership type"),
        _("Status"),
        _("Joined on"),
        _("Population"),
        _("Website"),
    ]
    yield header
    for member in members:
        yield [
            member.name,
            member.get_kind_display(),
            member.country.name,
            member.get_region_display(),
            member.get_membership_type_display(),
            member.get_status_display(),
            member.joined_on.isoformat() if member.joined_on else "",
            member.population if member.population is not None else "",
            member.website,
        ]
