"""Every role against the city's application pages: allowed, sent to sign in, or refused."""

import pytest
from django.urls import reverse

from tests.factories import make_application, make_cycle, make_member, make_user
from tests.permissions import LOGIN, NO, OK, cases, outcome
from wego.accounts.models import Role
from wego.core.regions import Region

SUBJECTS = {
    "anonymous": lambda city, other: None,
    "no role": lambda city, other: make_user(),
    "secretariat": lambda city, other: make_user(Role.SECRETARIAT),
    "regional staff of the city": lambda city, other: make_user(
        Role.REGIONAL_STAFF, region=Region.ASIA_PACIFIC
    ),
    "focal point of the city": lambda city, other: make_user(Role.FOCAL_POINT, member=city),
    "city user of the city": lambda city, other: make_user(Role.CITY_USER, member=city),
    "focal point of another city": lambda city, other: make_user(Role.FOCAL_POINT, member=other),
    "judge not assigned": lambda city, other: make_user(Role.JUDGE),
    "partner": lambda city, other: make_user(Role.PARTNER),
}

VIEWS = {
    "cycles": lambda cycle, application: reverse("awards:cycles"),
    "cycle": lambda cycle, application: cycle.get_absolute_url(),
    "apply": lambda cycle, application: reverse("awards:apply", args=[cycle.slug]),
    "my applications": lambda cycle, application: reverse("awards:my_applications"),
    "application": lambda cycle, application: application.get_absolute_url(),
}

# fmt: off
EXPECTED = {
    #                               cycles cycle  apply  mine   application
    "anonymous":                    (OK,    OK,    LOGIN, LOGIN, LOGIN),
    "no role":                      (OK,    OK,    NO,    NO,    NO),
    "secretariat":                  (OK,    OK,    NO,    NO,    OK),
    "regional staff of the city":   (OK,    OK,    NO,    NO,    NO),
    "focal point of the city":      (OK,    OK,    OK,    OK,    OK),
    "city user of the city":        (OK,    OK,    OK,    OK,    OK),
    "focal point of another city":  (OK,    OK,    OK,    OK,    NO),
    "judge not assigned":           (OK,    OK,    NO,    NO,    NO),
    "partner":                      (OK,    OK,    NO,    NO,    NO),
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
    cycle = make_cycle("open")
    application = make_application(cycle, member=city, status="draft", title="Smart bus stops")
    user = SUBJECTS[subject](city, other)
    if user is not None:
        client.force_login(user)
    response = client.get(VIEWS[view](cycle, application))
    assert outcome(response) == expected, f"{subject} opening {view}"
    if expected == OK and view == "application":
        assert "Smart bus stops" in response.content.decode()
    if expected == NO:
        assert "You do not have access to this page" in response.content.decode()


@pytest.mark.django_db
def test_refusals_of_an_application_are_logged(client, caplog):
    application = make_application(make_cycle("open"), status="draft")
    intruder = make_user(Role.FOCAL_POINT, member=make_member())
    client.force_login(intruder)
    with caplog.at_level("WARNING", logger="wego.security"):
        assert client.get(application.get_absolute_url()).status_code == 403
    assert f"Award application {application.pk} refused to user {intruder.pk}" in caplog.text
