"""After signing in, a person lands on what they have to do next: their judging, the staff's
queues, their city's assessment in progress; a page that asked for sign-in still comes first."""

import pytest
from django.urls import reverse

from tests.factories import (
    PASSWORD,
    make_application,
    make_assessment,
    make_cycle,
    make_judge,
    make_member,
    make_secretariat,
    make_user,
)
from wego.accounts.models import Role
from wego.awards.models import Assignment
from wego.core.regions import Region
from wego.diagnostic.services import assessments as lifecycle

pytestmark = pytest.mark.django_db


def signed_in(client, user, **query):
    login = reverse("accounts:login")
    response = client.post(login, {"username": user.email, "password": PASSWORD, **query})
    assert response.status_code == 302, response.content.decode()[:500]
    return client.get(response["Location"])


def landing(client, user, **query) -> str:
    response = signed_in(client, user, **query)
    return response["Location"] if response.status_code == 302 else response.request["PATH_INFO"]


def test_a_judge_with_sheets_to_score_lands_on_the_judging(client):
    cycle = make_cycle(phase="judging")
    judge = make_judge(cycle)
    Assignment.objects.create(judge=judge, application=make_application(cycle))
    assert landing(client, judge.user) == reverse("awards:judging")


def test_a_judge_with_nothing_to_score_lands_on_the_account(client):
    judge = make_judge(make_cycle(phase="open"))
    assert landing(client, judge.user) == reverse("accounts:profile")


def test_a_focal_point_lands_on_the_city_s_assessment_in_progress(client, frameworks):
    city = make_member(population=2_000_000)
    person = make_user(Role.FOCAL_POINT, member=city)
    assert landing(client, person) == reverse("diagnostic:home")  # none yet: start one
    client.logout()
    draft = make_assessment(member=city, user=person)
    assert landing(client, person) == draft.get_absolute_url()


def test_staff_land_on_their_queue_which_lists_what_waits(client, frameworks):
    city = make_member(region=Region.ASIA_PACIFIC, name="Jakarta", name_en="Jakarta")
    submitted = make_assessment(member=city)
    lifecycle.submit(submitted, None)
    staff = make_user(Role.REGIONAL_STAFF, region=Region.ASIA_PACIFIC)
    assert landing(client, staff) == reverse("site:staff_dashboard")
    page = client.get(reverse("site:staff_dashboard")).content.decode()
    assert "1 self-assessment submitted for validation" in page
    assert reverse("diagnostic:review", args=[submitted.pk]) in page
    client.force_login(make_user(Role.REGIONAL_STAFF, region=Region.EUROPE))
    other_region = client.get(reverse("site:staff_dashboard")).content.decode()
    assert "Nothing is waiting for you" in other_region


def test_the_page_that_asked_for_sign_in_comes_first(client):
    page = reverse("members:directory")
    assert landing(client, make_secretariat(), next=page) == page


def test_a_partner_lands_on_the_account(client):
    assert landing(client, make_user(Role.PARTNER)) == reverse("accounts:profile")
