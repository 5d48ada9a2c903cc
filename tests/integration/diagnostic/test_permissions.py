"""Who may open and change an assessment, for every role, in each status."""

import pytest
from django.urls import reverse

from tests.factories import make_assessment, make_member
from tests.integration.test_permission_matrix import LOGIN, NO, OK, SUBJECTS, outcome
from wego.core.regions import Region

VIEWS = {
    "overview": lambda a: ("get", reverse("diagnostic:assessment", args=[a.pk])),
    "fill-in page": lambda a: ("get", reverse("diagnostic:fill_in", args=[a.pk, "GM"])),
    "save answers": lambda a: ("post", reverse("diagnostic:fill_in", args=[a.pk, "GM"])),
    "results": lambda a: ("get", reverse("diagnostic:results", args=[a.pk])),
    "assign": lambda a: ("get", reverse("diagnostic:assign", args=[a.pk])),
    "review": lambda a: ("get", reverse("diagnostic:review", args=[a.pk])),
}
SAVED = "saved"  # a POST that worked redirects back to the page

# fmt: off
# A draft of the home city (Asia-Pacific).
DRAFT = {
    #                               overview fill  save   results assign review
    "anonymous":                    (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    "no role":                      (NO,    NO,    NO,    NO,    NO,    NO),
    "secretariat":                  (OK,    OK,    NO,    OK,    NO,    NO),
    "regional staff, same region":  (OK,    OK,    NO,    OK,    NO,    NO),
    "regional staff, other region": (NO,    NO,    NO,    NO,    NO,    NO),
    "focal point of the city":      (OK,    OK,    SAVED, OK,    OK,    NO),
    "city user of the city":        (OK,    OK,    SAVED, OK,    NO,    NO),
    "focal point of another city":  (NO,    NO,    NO,    NO,    NO,    NO),
    "judge":                        (NO,    NO,    NO,    NO,    NO,    NO),
    "partner":                      (NO,    NO,    NO,    NO,    NO,    NO),
}
# The same assessment once submitted for validation.
SUBMITTED = {
    "anonymous":                    (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    "no role":                      (NO,    NO,    NO,    NO,    NO,    NO),
    "secretariat":                  (OK,    OK,    NO,    OK,    NO,    OK),
    "regional staff, same region":  (OK,    OK,    NO,    OK,    NO,    OK),
    "regional staff, other region": (NO,    NO,    NO,    NO,    NO,    NO),
    "focal point of the city":      (OK,    OK,    NO,    OK,    NO,    NO),
    "city user of the city":        (OK,    OK,    NO,    OK,    NO,    NO),
    "focal point of another city":  (NO,    NO,    NO,    NO,    NO,    NO),
    "judge":                        (NO,    NO,    NO,    NO,    NO,    NO),
    "partner":                      (NO,    NO,    NO,    NO,    NO,    NO),
}
# Validated and published: the results are public, the rest is not.
PUBLISHED = {
    "anonymous":                    (LOGIN, LOGIN, LOGIN, OK,    LOGIN, LOGIN),
    "no role":                      (NO,    NO,    NO,    OK,    NO,    NO),
    "secretariat":                  (OK,    OK,    NO,    OK,    NO,    NO),
    "regional staff, same region":  (OK,    OK,    NO,    OK,    NO,    NO),
    "regional staff, other region": (NO,    NO,    NO,    OK,    NO,    NO),
    "focal point of the city":      (OK,    OK,    NO,    OK,    NO,    NO),
    "city user of the city":        (OK,    OK,    NO,    OK,    NO,    NO),
    "focal point of another city":  (NO,    NO,    NO,    OK,    NO,    NO),
    "judge":                        (NO,    NO,    NO,    OK,    NO,    NO),
    "partner":                      (NO,    NO,    NO,    OK,    NO,    NO),
}
# fmt: on
STATES = {
    "draft": ({"status": "draft"}, DRAFT),
    "submitted": ({"status": "submitted"}, SUBMITTED),
    "published": ({"status": "validated", "is_public": True}, PUBLISHED),
}
CASES = [
    (state, subject, view, STATES[state][1][subject][index])
    for state in STATES
    for subject in SUBJECTS
    for index, view in enumerate(VIEWS)
]


def diagnostic_outcome(response) -> str:
    if response.status_code == 302 and response["Location"].startswith("/diagnostic/"):
        return SAVED
    return outcome(response)


@pytest.mark.django_db
@pytest.mark.parametrize(("state", "subject", "view", "expected"), CASES)
def test_assessment_permission(client, frameworks, state, subject, view, expected):
    city = make_member(region=Region.ASIA_PACIFIC, population=500_000)
    other = make_member(region=Region.AFRICA, country="KE")
    assessment = make_assessment(city, frameworks["ceds"], **STATES[state][0])
    user = SUBJECTS[subject](city, other)
    if user is not None:
        client.force_login(user)
    method, url = VIEWS[view](assessment)
    response = client.post(url, {"q-GM1.1": "2"}) if method == "post" else client.get(url)
    assert diagnostic_outcome(response) == expected, f"{subject} {view} ({state})"
