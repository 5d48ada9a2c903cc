"""Read-side queries over members, shared by pages, exports and staff views."""

from django.db.models import Count, Q, QuerySet

from wego.accounts.models import Role
from wego.core.regions import Region
from wego.members.models import LeadershipSeat, Member


def active_members() -> QuerySet[Member]:
    return Member.objects.active()


def network_figures() -> dict:
    members = active_members()
    return {
        "members": members.count(),
        "countries": members.values("country").distinct().count(),
        "regions": members.values("region").distinct().count(),
    }


def members_by_region() -> list[dict]:
    """[{region, label, count}] in the order regions are declared."""
    # order_by() clears Member's default ordering, which would otherwise split the groups.
    counts = dict(active_members().order_by().values_list("region").annotate(n=Count("id")))
    return [
        {"region": value, "label": label, "count": counts.get(value, 0)}
        for value, label in Region.choices
    ]


def search_members(qs: QuerySet[Member], text: str) -> QuerySet[Member]:
    """Match the name in any language, so a Korean reader can type 서울."""
    if not text:
        return qs
    return qs.filter(
        Q(name_en__icontains=text) | Q(name_ko__icontains=text) | Q(name_ar__icontains=text)
    )


def current_leadership() -> list[LeadershipSeat]:
    latest = LeadershipSeat.objects.order_by("-term_start").values_list("term_start", flat=True)
    first = latest.first()
    if first is None:
        return []
    seats = LeadershipSeat.objects.filter(term_start=first).select_related("member")
    return sorted(seats, key=lambda seat: (seat.rank, seat.member.name))


def without_focal_point(qs: QuerySet[Member]) -> QuerySet[Member]:
    return qs.exclude(role_assignments__role=Role.FOCAL_POINT)
