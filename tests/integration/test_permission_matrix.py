"""Every role against every protected view: allowed (200), sent to sign in, or refused (403)."""

import pytest
from django.urls import reverse

from tests.factories import make_member, make_user
from tests.permissions import LOGIN, NO, OK, cases, outcome
from wego.accounts.models import Role
from wego.core.regions import Region

# The subjects: each builds a user (or None for an anonymous visitor).
# "home city" is an Asia-Pacific member; "other city" is in Africa.
SUBJECTS = {
    "anonymous": lambda city, other: None,
    "no role": lambda city, other: make_user(),
    "secretariat": lambda city, other: make_user(Role.SECRETARIAT),
    "regional staff, same region": lambda city, other: make_user(
        Role.REGIONAL_STAFF, region=Region.ASIA_PACIFIC
    ),
    "regional staff, other region": lambda city, other: make_user(
        Role.REGIONAL_STAFF, region=Region.EUROPE
    ),
    "focal point of the city": lambda city, other: make_user(Role.FOCAL_POINT, member=city),
    "city user of the city": lambda city, other: make_user(Role.CITY_USER, member=city),
    "focal point of another city": lambda city, other: make_user(Role.FOCAL_POINT, member=other),
    "judge": lambda city, other: make_user(Role.JUDGE),
    "partner": lambda city, other: make_user(Role.PARTNER),
}

VIEWS = {
    "staff dashboard": lambda city: reverse("site:staff_dashboard"),
    "invitation list": lambda city: reverse("accounts:invitations"),
    "new invitation": lambda city: reverse("accounts:invite"),
    "member team": lambda city: reverse("members:team", args=[city.slug]),
    "administration": lambda city: reverse("admin:index"),
    "member administration": lambda city: reverse("admin:members_member_changelist"),
    "profile": lambda city: reverse("accounts:profile"),
}

# fmt: off
EXPECTED = {
    #                               dashbd inv.ls new inv team   admin  mbr adm profile
    "anonymous":                    (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    "no role":                      (NO,    NO,    NO,    NO,    NO,    NO,    OK),
    "secretariat":                  (OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "regional staff, same region":  (OK,    OK,    OK,    OK,    NO,    NO,    OK),
    "regional staff, other region": (OK,    OK,    OK,    NO,    NO,    NO,    OK),
    "focal point of the city":      (NO,    NO,    NO,    OK,    NO,    NO,    OK),
    "city user of the city":        (NO,    NO,    NO,    OK,    NO,    NO,    OK),
    "focal point of another city":  (NO,    NO,    NO,    NO,    NO,    NO,    OK),
    "judge":                        (NO,    NO,    NO,    NO,    NO,    NO,    OK),
    "partner":                      (NO,    NO,    NO,    NO,    NO,    NO,    OK),
}
# fmt: on

CASES = cases(SUBJECTS, VIEWS, EXPECTED)


def test_matrix_covers_every_subject_and_view():
    assert set(EXPECTED) == set(SUBJECTS)
    assert all(len(row) == len(VIEWS) for row in EXPECTED.values())


@pytest.mark.django_db
@pytest.mark.parametrize(("subject", "view", "expected"), CASES)
def test_permission(client, subject, view, expected):
    city = make_member(region=Region.ASIA_PACIFIC)
    other = make_member(region=Region.AFRICA, country="KE")
    user = SUBJECTS[subject](city, other)
    if user is not None:
        client.force_login(user)
    response = client.get(VIEWS[view](city))
    assert outcome(response) == expected, f"{subject} opening {view}"
    if expected == NO:
        assert "You do not have access to this page" in response.content.decode()
