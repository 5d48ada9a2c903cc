"""Conflicts of interest: automatic (own country, own city) and declared ties."""

import pytest
from django.urls import reverse

from tests.factories import (
    make_application,
    make_cycle,
    make_judge,
    make_member,
    make_secretariat,
)
from wego.awards.models import Assignment, Conflict, Review
from wego.awards.services.panel import declare_conflict, refresh_conflicts

pytestmark = pytest.mark.django_db


def reasons(cycle) -> dict[tuple[int, int], str]:
    return {
        (c.judge_id, c.application_id): c.reason
        for c in Conflict.objects.filter(judge__cycle=cycle)
    }


def test_refresh_finds_own_country_and_own_city_and_keeps_declared_ties():
    cycle = make_cycle(phase="judging")
    seoul = make_member(name="Seoul", name_en="Seoul", country="KR")
    busan = make_member(name="Busan", name_en="Busan", country="KR")
    tunis = make_member(name="Tunis", name_en="Tunis", country="TN")
    from_seoul = make_application(cycle, member=seoul)
    from_busan = make_application(cycle, member=busan)
    from_tunis = make_application(cycle, member=tunis)
    withdrawn = make_application(cycle, member=tunis, category="efficiency", status="withdrawn")
    korean = make_judge(cycle, country="KR")
    works_for_tunis = make_judge(cycle, country="FR", member=tunis)
    finn = make_judge(cycle, country="FI")
    declare_conflict(finn, from_seoul, "Advised Seoul on this project.", None)

    outcome = refresh_conflicts(cycle)

    assert reasons(cycle) == {
        (korean.pk, from_seoul.pk): Conflict.Reason.OWN_COUNTRY,
        (korean.pk, from_busan.pk): Conflict.Reason.OWN_COUNTRY,
        (works_for_tunis.pk, from_tunis.pk): Conflict.Reason.OWN_CITY,
        (finn.pk, from_seoul.pk): Conflict.Reason.DECLARED,
    }
    assert outcome.created == 3
    assert withdrawn.conflicts.count() == 0
    # Running it again changes nothing; a corrected country drops the conflicts that no longer hold.
    assert refresh_conflicts(cycle).created == 0
    korean.country = "JP"
    korean.save()
    again = refresh_conflicts(cycle)
    assert again.removed_conflicts == 2
    assert (korean.pk, from_seoul.pk) not in reasons(cycle)
    assert reasons(cycle)[(finn.pk, from_seoul.pk)] == Conflict.Reason.DECLARED


def test_a_new_conflict_removes_an_unsubmitted_assignment_and_tells_the_caller():
    cycle = make_cycle(phase="judging")
    application = make_application(cycle, member=make_member(country="KR"))
    judge = make_judge(cycle, country="FI")
    Assignment.objects.create(judge=judge, application=application)
    judge.country = "KR"  # the country was wrong when the judge was invited
    judge.save()

    outcome = refresh_conflicts(cycle)

    assert [(j.pk, a.pk) for j, a in outcome.removed_assignments] == [(judge.pk, application.pk)]
    assert not Assignment.objects.filter(judge=judge).exists()


def test_staff_record_a_declared_tie_and_the_unsubmitted_assignment_goes(client):
    cycle = make_cycle(phase="judging")
    application = make_application(cycle, member=make_member(name="Ulyanovsk", name_en="Ulyanovsk"))
    scored = make_application(cycle, category="efficiency")
    judge = make_judge(cycle, country="FI", full_name="Mikko Laine")
    Assignment.objects.create(judge=judge, application=application)
    kept = Assignment.objects.create(judge=judge, application=scored)
    Review.objects.create(assignment=kept, status=Review.Status.SUBMITTED)
    client.force_login(make_secretariat())
    url = reverse("awards:judge", args=[cycle.slug, judge.pk])

    page = client.get(url).content.decode()
    assert "Mikko Laine" in page and application.reference in page

    refused = client.post(url, {"application": application.pk, "note": ""})
    assert refused.status_code == 400
    assert "The tie: This field is required." in refused.content.decode()

    response = client.post(
        url, {"application": application.pk, "note": "Was the city's adviser in 2013."}
    )
    assert response.status_code == 302
    conflict = Conflict.objects.get(judge=judge, application=application)
    assert conflict.reason == Conflict.Reason.DECLARED
    assert conflict.note == "Was the city's adviser in 2013."
    assert not Assignment.objects.filter(judge=judge, application=application).exists()
    page = client.get(url).content.decode()
    assert "run the assignment again" in page
    assert "Declared tie" in page and "Was the city&#x27;s adviser in 2013." in page

    # A tie found after the judge submitted: the scores stay on record, the application leaves.
    client.post(url, {"application": scored.pk, "note": "Same university as the project lead."})
    assert Assignment.objects.filter(pk=kept.pk).exists()
    assert "they are kept on record" in client.get(url).content.decode()


def test_a_judge_declares_a_tie_from_the_scoring_page(client):
    cycle = make_cycle(phase="judging")
    application = make_application(cycle, member=make_member(country="KR"))
    judge = make_judge(cycle, country="FI")
    Assignment.objects.create(judge=judge, application=application)
    client.force_login(judge.user)
    url = reverse("awards:score", args=[application.pk])

    refused = client.post(url, {"declare_tie": "", "tie-note": ""})
    assert refused.status_code == 400
    assert "Your tie with this application: This field is required." in refused.content.decode()

    response = client.post(url, {"declare_tie": "", "tie-note": "My brother leads this project."})

    assert response.status_code == 302 and response["Location"] == reverse("awards:judging")
    conflict = Conflict.objects.get(judge=judge, application=application)
    assert conflict.reason == Conflict.Reason.DECLARED and conflict.declared_by == judge.user
    assert not Assignment.objects.filter(judge=judge).exists()
    listing = client.get(reverse("awards:judging")).content.decode()
    assert "your tie with" in listing and application.title not in listing
    assert client.get(url).status_code == 403
