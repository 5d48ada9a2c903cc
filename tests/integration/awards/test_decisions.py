"""The panel's decisions with their reasons, and the publication of the results."""

import socket

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html

from tests.factories import make_application, make_cycle, make_judge, make_member, make_user
from tests.integration.awards.results_helpers import decide, record_review
from wego.accounts.models import Role
from wego.awards.models import Decision
from wego.core.models import Job
from wego.practices.models import Practice

pytestmark = pytest.mark.django_db


def city(name, **fields):
    return make_member(name=name, name_en=name, **fields)


@pytest.fixture
def staff(client):
    user = make_user(Role.SECRETARIAT)
    client.force_login(user)
    return user


def decision_url(application):
    return reverse("awards:decide", kwargs={"slug": application.cycle.slug, "pk": application.pk})


def test_decision_is_recorded_with_its_reasons(client, staff):
    cycle = make_cycle("deliberation")
    application = make_application(cycle)
    response = client.post(
        decision_url(application), {"tier": "outstanding", "reason": "Measured impact."}
    )
    assert response.status_code == 302
    # Back to the decisions of the application's category, at its entry.
    assert response["Location"].endswith(f"/results/?decide=services#application-{application.pk}")
    decision = Decision.objects.get(application=application)
    assert (decision.tier, decision.reason, decision.decided_by) == (
        "outstanding",
        "Measured impact.",
        staff,
    )
    page = client.get(response["Location"])
    assert f"The decision on {application.reference} is saved." in page.text


def test_no_prize_is_a_decision_too(client, staff):
    application = make_application(make_cycle("deliberation"))
    client.post(decision_url(application), {"tier": "none", "reason": "Not in operation yet."})
    assert Decision.objects.get(application=application).tier == ""


def test_decision_without_reasons_is_refused_next_to_its_form_with_the_prize_kept(client, staff):
    cycle = make_cycle("deliberation")
    other = make_application(cycle, title="Another application")
    application = make_application(cycle, title="Chosen application")

    response = client.post(decision_url(application), {"tier": "most-promising", "reason": "  "})

    assert response.status_code == 400
    assert not Decision.objects.exists()
    page = html.fromstring(response.content)
    form = page.xpath(f'//article[@id="application-{application.pk}"]//form')[0]
    error = form.xpath(f'.//*[@id="reason-{application.pk}-error"]')[0]
    assert "Write why the panel decided this" in error.text_content()
    textarea = form.xpath(".//textarea")[0]
    assert f"reason-{application.pk}-error" in textarea.get("aria-describedby")
    assert form.xpath(".//select/option[@selected]/@value") == ["most-promising"]
    # The other application's form is untouched; the summary names the application and links
    # to the field.
    other_form = page.xpath(f'//article[@id="application-{other.pk}"]//form')[0]
    assert not other_form.xpath('.//*[@class="field-errors"]')
    summary = page.xpath('//div[@role="alert"]')[0]
    assert f"The decision on {application.reference}" in summary.text_content()
    link = summary.xpath(f'.//a[@href="#reason-{application.pk}"]')[0]
    assert link.text_content().startswith("Reasons for the decision: Write why")


def test_decision_without_a_prize_chosen_names_the_field(client, staff):
    application = make_application(make_cycle("deliberation"))
    response = client.post(decision_url(application), {"tier": "", "reason": "Good."})
    assert response.status_code == 400
    assert "Choose a prize, or “No prize”." in response.text
    page = html.fromstring(response.content)
    form = page.xpath(f'//article[@id="application-{application.pk}"]//form')[0]
    assert form.xpath(".//textarea")[0].text == "Good."


def test_unknown_prize_is_refused(client, staff):
    application = make_application(make_cycle("deliberation"))
    response = client.post(decision_url(application), {"tier": "gold", "reason": "Shiny."})
    assert response.status_code == 400
    assert "Choose one of the prizes in the list." in response.text


def test_same_prize_twice_in_a_category_is_saved_with_a_warning(client, staff):
    cycle = make_cycle("deliberation")
    first = make_application(cycle, city("Busan"))
    second = make_application(cycle, city("Daegu"))
    elsewhere = make_application(cycle, city("Incheon"), category="efficiency")
    decide(first, "best")

    response = client.post(
        decision_url(second), {"tier": "best", "reason": "Equally strong."}, follow=True
    )
    assert Decision.objects.get(application=second).tier == "best"
    warning = html.fromstring(response.content).xpath('//p[contains(@class, "message--warning")]')
    assert "Busan already has the same prize in this category" in warning[0].text_content()
    assert "same prize as another application" in response.text

    response = client.post(
        decision_url(elsewhere), {"tier": "best", "reason": "Best in its own category."}
    )
    page = client.get(response["Location"])
    assert "already has the same prize" not in page.text


def test_withdrawn_application_gets_no_decision(client, staff):
    application = make_application(make_cycle("deliberation"), status="withdrawn")
    response = client.post(decision_url(application), {"tier": "best", "reason": "No."})
    assert response.status_code == 404
    assert not Decision.objects.exists()


def test_decisions_are_locked_after_publication(client, staff):
    cycle = make_cycle("deliberation", results_published_at=timezone.now())
    application = make_application(cycle)
    decide(application, "best", "Original reasons.")
    response = client.post(decision_url(application), {"tier": "none", "reason": "Changed."})
    assert response.status_code == 400
    assert "decisions are locked" in response.text
    assert Decision.objects.get(application=application).reason == "Original reasons."
    # The page shows the decision, without a form to change it.
    page = html.fromstring(client.get(reverse("awards:results", args=[cycle.slug])).content)
    assert not page.xpath(f'//form[@action="{decision_url(application)}"]')


@pytest.mark.parametrize("role", [Role.JUDGE, Role.FOCAL_POINT])
def test_only_the_secretariat_decides_and_publishes(client, role):
    cycle = make_cycle("deliberation")
    application = make_application(cycle)
    client.force_login(make_user(role, member=application.member))
    response = client.post(decision_url(application), {"tier": "best", "reason": "Mine!"})
    assert response.status_code == 403
    assert client.post(reverse("awards:publish", args=[cycle.slug])).status_code == 403
    assert not Decision.objects.exists()
    cycle.refresh_from_db()
    assert cycle.results_published_at is None


def test_publishing_needs_a_prize(client, staff):
    cycle = make_cycle("deliberation")
    decide(make_application(cycle), "")
    response = client.post(reverse("awards:publish", args=[cycle.slug]))
    assert response.status_code == 400
    assert "Decide at least one prize before publishing the results." in response.text
    cycle.refresh_from_db()
    assert cycle.results_published_at is None


def test_publication_links_practices_and_emails_every_applicant(client, staff, smtp_server):
    cycle = make_cycle("deliberation", name="3rd WeGO Awards", year=2016)
    seoul, ulsan = city("Seoul"), city("Ulsan")
    focal = make_user(Role.FOCAL_POINT, member=seoul, email="focal@seoul.example")
    korean = make_user(
        Role.FOCAL_POINT, member=ulsan, email="focal@ulsan.example", preferred_language="ko"
    )
    practice = Practice.objects.create(
        slug="seoul-open-data", title="Open data plaza", member=seoul, status="published"
    )
    winner = make_application(cycle, seoul, title="Open data plaza", practice=practice)
    loser = make_application(cycle, ulsan, title="Ulsan kiosks")
    judge = make_judge(cycle)
    record_review(winner, judge, 5)
    record_review(loser, judge, 2)
    decide(winner, "best", "Opened 3,000 data sets.")
    decide(loser, "", "Too early to judge.")

    response = client.post(reverse("awards:publish", args=[cycle.slug]), follow=True)

    cycle.refresh_from_db()
    assert cycle.results_published_at is not None
    assert response.redirect_chain[-1][0] == reverse("awards:winners", args=[cycle.slug])
    assert (
        "The results are published with 1 winner. The applicant cities are told by email in "
        "the background." in response.text
    )
    # The emails went out in a background task, followed on the winners page and the job's.
    job = Job.objects.get(kind=f"award-outcomes-{cycle.pk}")
    assert (job.status, job.done, job.total) == ("done", 2, 2)
    assert reverse("core:job", args=[job.pk]) in response.text
    practice.refresh_from_db()
    assert (practice.award_year, practice.award_tier) == (2016, "best")

    mails = {message["To"]: message for message in smtp_server.messages}
    assert set(mails) == {focal.email, korean.email}
    body = mails[focal.email].get_body(("plain",)).get_content()
    assert "3rd WeGO Awards" in mails[focal.email]["Subject"]
    assert "Open data plaza" in body and "Best e-Government Prize" in body
    assert f"/awards/{cycle.slug}/winners/" in body
    ulsan_body = mails[korean.email].get_body(("plain",)).get_content()
    assert "Ulsan kiosks" in ulsan_body and "Best e-Government Prize" not in ulsan_body
    assert "/ko/awards/" in ulsan_body  # the link opens the page in the person's language

    # Decisions are locked, and publishing twice is refused.
    response = client.post(reverse("awards:publish", args=[cycle.slug]))
    assert response.status_code == 400
    assert "already published" in response.text
    assert len(smtp_server.messages) == 2


def test_korean_focal_point_reads_the_prize_in_korean(client, staff, smtp_server):
    cycle = make_cycle("deliberation")
    member = city("Ulsan")
    make_user(Role.FOCAL_POINT, member=member, preferred_language="ko")
    decide(make_application(cycle, member), "best")
    client.post(reverse("awards:publish", args=[cycle.slug]))
    assert "최우수 전자정부상" in smtp_server.body()


def test_mail_server_down_publishes_anyway_and_says_so(client, staff, settings):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    cycle = make_cycle("deliberation")
    member = city("Offline City")
    make_user(Role.FOCAL_POINT, member=member)
    decide(make_application(cycle, member), "best")

    response = client.post(reverse("awards:publish", args=[cycle.slug]), follow=True)

    cycle.refresh_from_db()
    assert cycle.results_published_at is not None
    job = Job.objects.get(kind=f"award-outcomes-{cycle.pk}")
    assert job.status == "failed" and "1 email could not be sent" in job.message
    assert "1 email could not be sent" in response.text
