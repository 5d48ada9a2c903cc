"""What the secretariat's pages of one cycle share."""

from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from rules.contrib.views import PermissionRequiredMixin

from wego.awards.models import AwardCycle

STAFF = "awards.manage_cycles"


class CycleStaffMixin(PermissionRequiredMixin):
    """The secretariat's pages of one cycle: anonymous visitors are sent to sign in, others
    refused, before the cycle is even looked up (so its existence does not leak)."""

    permission_required = STAFF

    @cached_property
    def cycle(self) -> AwardCycle:
        return get_object_or_404(AwardCycle, slug=self.kwargs["slug"])


def is_staff(user) -> bool:
    return user.has_perm(STAFF)
