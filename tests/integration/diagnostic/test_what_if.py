"""The what-if simulator moves the scores, never the assessment, and refuses impossible answers."""

import pytest
from django.urls import reverse

from tests.factories import make_user
from tests.integration.diagnostic.test_peers import scored
from wego.accounts.models import Role
from wego.diagnostic.models import Answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(frameworks):
    for level in (0, 1, 2, 3, 4):
        scored(frameworks, level)
    return scored(frameworks, 1, share="none", country="NP")


def test_what_if_shows_the_effect_and_saves_nothing(client, mine):
    client.force_login(make_user(Role.FOCAL_POINT, member=mine.member))
    before = list(Answer.objects.filter(assessment=mine).values_list("question_code", "value"))
    url = reverse("diagnostic:what_if", args=[mine.pk])
    response = client.get(url, {"q-GM1.1": "4", "q-PI1.1": "4"})
    context = response.context
    assert response.status_code == 200
    assert context["after"].overall.value > context["before"].overall.value
    assert context["percentiles"]["after"] >= context["percentiles"]["before"]
    assert "With these answers" in response.content.decode()
    after = list(Answer.objects.filter(assessment=mine).values_list("question_code", "value"))
    assert before == after


def test_impossible_answers_get_a_clear_message(client, mine):
    client.force_login(make_user(Role.FOCAL_POINT, member=mine.member))
    url = reverse("diagnostic:what_if", args=[mine.pk])
    response = client.get(url, {"q-GM1.1": "7", "q-XX9.9": "1"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "GM1.1: Choose a whole level from 0 to 4." in page
    assert "There is no question XX9.9 in this framework." in page


@pytest.mark.parametrize("typed", ["1e999", "inf", "-inf", "Infinity", "NaN", "nan", "1e300"])
def test_numbers_that_are_no_numbers_are_refused_by_name(client, mine, typed):
    client.force_login(make_user(Role.FOCAL_POINT, member=mine.member))
    url = reverse("diagnostic:what_if", args=[mine.pk])
    response = client.get(url, {"q-GM1.1": typed, "q-GM2.3": typed, "q-GM3.3": typed})
    page = response.content.decode()
    assert response.status_code == 400
    assert "GM1.1: Choose a " in page
    assert "GM2.3: Enter a number" in page
    assert "GM3.3: Enter a percentage from 0 to 100." in page
    assert 'id="wi-GM2.3-error"' in page
    assert f'value="{typed}"' in page
    assert response.context["after"] == response.context["before"]
