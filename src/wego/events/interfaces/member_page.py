"""The events section of a member's page: the matchmaking meetings it took part in."""

from django.db.models import Q
from django.dispatch import receiver

from wego.events.models import MatchmakingRequest
from wego.members.signals import MemberPageSection, member_page


def meetings(member) -> list[dict]:
    """Accepted matchmaking requests the member took part in, asking or asked."""
    accepted = (
        MatchmakingRequest.objects.filter(status=MatchmakingRequest.Status.ACCEPTED)
        .filter(Q(from_member=member) | Q(to_member=member))
        .select_related("from_member", "to_member")
        .order_by("-answered_at")
    )
    return [
        {
            "other": r.to_member if r.from_member_id == member.pk else r.from_member,
            "topic": r.topic,
            "date": r.answered_at,
        }
        for r in accepted
    ]


@receiver(member_page, dispatch_uid="events-meetings")
def meetings_section(sender, member, user, language, **kwargs):
    # Meetings between cities are network business: members and staff see them, not the web.
    shown = meetings(member) if user.has_perm("members.view_focal_point_contacts") else []
    context = {"meetings": shown}
    return MemberPageSection("events/includes/member_meetings.html", context, order=30, wide=False)
