"""A city applies from a practice (or a new one), writes, attaches evidence, submits, withdraws."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    make_application,
    make_cycle,
    make_judge,
    make_member,
    make_secretariat,
    make_user,
)
from wego.accounts.models import Role
from wego.awards.models import Application, Assignment
from wego.awards.services import applications as service
from wego.members.models import Member
from wego.practices.models import Practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def seoul():
    member = make_member(name="Seoul", name_en="Seoul", name_ko="서울", country="KR")
    user = make_user(Role.CITY_USER, member=member, full_name="Min-jun Kim")
    return member, user


@pytest.fixture
def cycle():
    return make_cycle("open")


def a_practice(member, **fields):
    defaults = {
        "slug": f"practice-{member.slug}-{Practice.objects.count()}",
        "title": "Seoul Open Data Plaza",
        "summary": "<p>All the city&#39;s data, <strong>open</strong> to anyone.</p>",
        "category": "open-city",
        "year_started": 2012,
        "member": member,
        "city": member.name,
        "status": Practice.Status.PUBLISHED,
    }
    return Practice.objects.create(**{**defaults, **fields})


def complete_answers(application, **overrides):
    """What the form posts for a complete application (two questions per default category)."""
    data = {
        "title": application.title or "Seoul Open Data Plaza",
        "summary": "All the city's data, open to anyone.",
        "in_operation_since": "2012",
        "answer-0": "Five thousand data sets, updated daily.",
        "answer-1": "Two million visits last year, mostly from start-ups.",
        "in_operation": "on",
    }
    return {**data, **overrides}


def test_applying_from_a_practice_prefills_the_draft(client, seoul, cycle):
    member, user = seoul
    practice = a_practice(member)
    client.force_login(user)
    form = client.get(reverse("awards:apply", args=[cycle.slug]))
    body = form.content.decode()
    assert "Seoul Open Data Plaza (Published)" in body and "Write a new one" in body
    assert "<legend>Category</legend>" in body and "<legend>Start from</legend>" in body
    # No category chosen: the practice's own (Open City, one of the cycle's) is used.
    response = client.post(reverse("awards:apply", args=[cycle.slug]), {"source": practice.pk})
    application = Application.objects.get()
    assert response.status_code == 302 and response.url == application.get_absolute_url()
    assert application.member == member and application.category == "open-city"
    assert application.practice == practice and application.status == "draft"
    assert application.title == "Seoul Open Data Plaza"
    assert application.summary == "All the city's data, open to anyone."
    assert application.in_operation_since == 2012 and application.created_by == user
    page = client.get(application.get_absolute_url()).content.decode()
    assert 'value="Seoul Open Data Plaza"' in page
    assert "What is open now that was not before, and who reuses it?" in page  # its questions
    assert "Draft: not submitted yet." in page and "left" in page


def test_applying_with_a_new_practice_needs_a_title_and_a_category(client, seoul, cycle):
    member, user = seoul
    client.force_login(user)
    url = reverse("awards:apply", args=[cycle.slug])
    response = client.post(url, {"source": "new", "title": ""})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Give the new practice a title." in body
    assert "Choose the category you apply in." in body
    assert 'aria-describedby="id_category_helptext id_category_error"' in body  # on the group
    response = client.post(url, {"source": "new", "title": "Smart bus stops", "category": ""})
    assert 'value="Smart bus stops"' in response.content.decode()  # kept while corrected
    response = client.post(
        url, {"source": "new", "title": "Smart bus stops", "category": "urban-management"}
    )
    application = Application.objects.get()
    assert application.title == "Smart bus stops" and application.practice is None
    assert application.category == "urban-management" and application.summary == ""


def test_a_second_application_in_the_same_category_is_refused_and_linked(client, seoul, cycle):
    member, user = seoul
    first = make_application(cycle, member=member, category="services", title="Seoul 120 Dasan")
    client.force_login(user)
    response = client.post(
        reverse("awards:apply", args=[cycle.slug]),
        {"source": "new", "title": "Another idea", "category": "services"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Seoul already has an application in Services in this cycle: “Seoul 120 Dasan”" in body
    assert f"reference {first.reference}" in body
    assert f'href="{first.get_absolute_url()}"' in body
    assert 'value="Another idea"' in body  # nothing typed is lost
    assert Application.objects.count() == 1
    # Another category is fine.
    client.post(
        reverse("awards:apply", args=[cycle.slug]),
        {"source": "new", "title": "Another idea", "category": "efficiency"},
    )
    assert Application.objects.count() == 2


def test_when_two_apply_at_once_the_database_constraint_gives_the_same_message(seoul, cycle):
    member, user = seoul
    first = make_application(cycle, member=member, category="services", status="draft")
    # Both passed the check before either saved: the insert itself meets the constraint.
    with pytest.raises(service.AlreadyApplied) as refused:
        service.create_draft(cycle, member, "services", None, user, title="Twice")
    assert refused.value.existing == first
    assert "Seoul already has an application in Services" in refused.value.problems[0]
    assert Application.objects.count() == 1


def test_only_active_members_apply(client, seoul, cycle):
    member, user = seoul
    Member.objects.filter(pk=member.pk).update(status=Member.Status.SUSPENDED)
    client.force_login(user)
    response = client.post(
        reverse("awards:apply", args=[cycle.slug]),
        {"source": "new", "title": "Smart bus stops", "category": "services"},
    )
    assert response.status_code == 400
    assert "Seoul is not an active WeGO member: only active members can apply." in (
        response.content.decode()
    )
    assert not Application.objects.exists()


def test_a_user_of_two_cities_chooses_the_city_and_its_practice(client, cycle):
    busan = make_member(name="Busan", name_en="Busan")
    seoul = make_member(name="Seoul", name_en="Seoul")
    user = make_user(Role.CITY_USER, member=busan)
    user.role_assignments.create(role=Role.FOCAL_POINT, member=seoul)
    seoul_practice = a_practice(seoul)
    client.force_login(user)
    body = client.get(reverse("awards:apply", args=[cycle.slug])).content.decode()
    assert 'name="member"' in body and "Seoul Open Data Plaza – Seoul (Published)" in body
    response = client.post(
        reverse("awards:apply", args=[cycle.slug]),
        {"member": busan.pk, "source": seoul_practice.pk, "category": "services"},
    )
    assert response.status_code == 400
    assert "This practice is not one of Busan&#x27;s" in response.content.decode()
    client.post(
        reverse("awards:apply", args=[cycle.slug]),
        {"member": seoul.pk, "source": seoul_practice.pk, "category": "services"},
    )
    assert Application.objects.get().member == seoul


def test_saving_a_draft_keeps_whatever_is_typed(client, seoul, cycle):
    member, user = seoul
    application = make_application(cycle, member=member, status="draft", title="Draft", summary="")
    client.force_login(user)
    response = client.post(
        application.get_absolute_url(),
        {"title": "Seoul 120 Dasan", "summary": "", "answer-1": "Half the city calls it."},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.title == "Seoul 120 Dasan"
    assert application.answers == {"0": "", "1": "Half the city calls it.", "in_operation": False}
    # A year that is not a year is named, and the rest of the text stays on the page.
    response = client.post(
        application.get_absolute_url(),
        {"title": "Seoul 120 Dasan", "in_operation_since": "twenty", "answer-0": "Phone, web"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "In operation since (year): Enter a whole number." in body
    assert "Phone, web</textarea>" in body


def test_submitting_sends_the_confirmation_in_each_person_language(
    client, seoul, cycle, smtp_server
):
    member, user = seoul
    focal = make_user(
        Role.FOCAL_POINT,
        member=member,
        email="focal@seoul.example.org",
        full_name="Ji-woo Park",
        preferred_language="ko",
    )
    application = make_application(cycle, member=member, status="draft", title="")
    client.force_login(user)
    response = client.post(
        reverse("awards:submit", args=[application.pk]),
        complete_answers(application, title="Seoul 120 Dasan"),
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "submitted" and application.submitted_at is not None
    page = client.get(application.get_absolute_url()).content.decode()
    assert f"Your application is submitted, reference {application.reference}" in page
    assert "Submitted on " in page and "(Asia/Seoul)" in page
    assert 'name="title"' not in page  # no longer editable

    # A practice written for the application joins the library as the city's draft.
    practice = application.practice
    assert practice.status == "draft" and practice.member == member
    assert practice.title == "Seoul 120 Dasan" and practice.category == "services"
    assert practice.year_started == 2012 and practice.country.code == "KR"

    mails = {message["To"]: message for message in smtp_server.messages}
    assert set(mails) == {user.email, focal.email}
    english = mails[user.email]
    assert application.reference in english["Subject"] and cycle.name in english["Subject"]
    body = english.get_body(("plain",)).get_content()
    assert "Dear Min-jun Kim," in body
    assert "Seoul has submitted its application to" in body and "in the category Services" in body
    assert "Title: Seoul 120 Dasan" in body
    assert f"Reference number: {application.reference}" in body
    assert f"http://127.0.0.1:8000/awards/applications/{application.pk}/" in body
    korean = mails[focal.email].get_body(("plain",)).get_content()
    assert "Ji-woo Park 님께" in korean  # the greeting, in Korean
    assert "서울" in korean and "서비스" in korean  # the city's and the category's Korean names
    assert f"/ko/awards/applications/{application.pk}/" in korean
    assert application.reference in mails[focal.email]["Subject"]


def test_withdrawing_frees_the_place_in_the_category(client, seoul, cycle):
    member, user = seoul
    application = make_application(cycle, member=member, category="services")
    client.force_login(user)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Withdraw this application" in page
    response = client.post(reverse("awards:withdraw", args=[application.pk]), follow=True)
    body = response.content.decode()
    assert "The application is withdrawn. Seoul may apply again in Services." in body
    application.refresh_from_db()
    assert application.status == "withdrawn" and application.withdrawn_at is not None
    assert "Withdraw this application" not in body
    client.post(
        reverse("awards:apply", args=[cycle.slug]),
        {"source": "new", "title": "A better idea", "category": "services"},
    )
    assert Application.objects.filter(status="draft", category="services").count() == 1
    # Withdrawing twice is not possible.
    assert client.post(reverse("awards:withdraw", args=[application.pk])).status_code == 403


def test_no_withdrawal_once_results_are_published(client, seoul):
    member, user = seoul
    cycle = make_cycle("deliberation", results_published_at=timezone.now())
    application = make_application(cycle, member=member)
    client.force_login(user)
    assert "Withdraw this application" not in (
        client.get(application.get_absolute_url()).content.decode()
    )
    response = client.post(reverse("awards:withdraw", args=[application.pk]))
    assert response.status_code == 400
    assert "it is too late to withdraw" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "submitted"


def test_evidence_is_checked_by_content_and_served_to_those_who_may_see_it(
    client, seoul, cycle, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    member, user = seoul
    application = make_application(cycle, member=member, status="draft")
    client.force_login(user)
    upload_url = reverse("awards:application_files", args=[application.pk])
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(upload_url, {"evidence-title": "Annual report", "evidence-file": fake})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Image or PDF document: Attach a PDF, PNG or JPEG file" in body
    assert 'value="Annual report"' in body
    assert not application.files.exists()

    real = SimpleUploadedFile("report.bin", b"%PDF-1.7\n%report", "application/octet-stream")
    client.post(upload_url, {"evidence-title": "Annual report", "evidence-file": real})
    attached = application.files.get()
    assert attached.kind == "pdf" and attached.uploaded_by == user
    file_url = reverse("awards:application_file", args=[application.pk, attached.pk])
    assert f'href="{file_url}"' in client.get(application.get_absolute_url()).content.decode()
    served = client.get(file_url)
    assert b"".join(served.streaming_content).startswith(b"%PDF-1.7")

    client.force_login(make_user(Role.CITY_USER, member=make_member()))
    assert client.get(file_url).status_code == 403


def test_another_city_gets_403_and_anonymous_users_are_sent_to_sign_in(client, seoul, cycle):
    member, _user = seoul
    application = make_application(cycle, member=member, status="draft")
    urls = [
        application.get_absolute_url(),
        reverse("awards:submit", args=[application.pk]),
        reverse("awards:withdraw", args=[application.pk]),
        reverse("awards:application_files", args=[application.pk]),
    ]
    response = client.get(urls[0])
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert client.get(reverse("awards:my_applications")).status_code == 302
    assert client.get(reverse("awards:apply", args=[cycle.slug])).status_code == 302

    client.force_login(make_user(Role.CITY_USER, member=make_member()))
    assert client.get(urls[0]).status_code == 403
    for url in urls[1:]:
        assert client.post(url, {"title": "Taken over"}).status_code == 403
    application.refresh_from_db()
    assert application.title != "Taken over" and application.status == "draft"

    client.force_login(make_secretariat())  # staff do not apply
    assert client.get(reverse("awards:apply", args=[cycle.slug])).status_code == 403


def test_the_secretariat_and_an_assigned_judge_read_it_without_a_form(client, seoul, cycle):
    member, _user = seoul
    application = make_application(
        cycle,
        member=member,
        title="Seoul 120 Dasan",
        answers={"0": "Phone, web and chat.", "1": "", "in_operation": True},
    )
    client.force_login(make_secretariat())
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Seoul 120 Dasan" in page and "Phone, web and chat." in page
    assert "Not answered." in page and "Yes, confirmed by the city" in page
    assert "<textarea" not in page and "Withdraw this application" not in page

    judge = make_judge(cycle)
    client.force_login(judge.user)
    assert client.get(application.get_absolute_url()).status_code == 403  # not assigned
    Assignment.objects.create(judge=judge, application=application)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Phone, web and chat." in page and "<textarea" not in page


def test_my_applications_lists_the_city_applications_and_open_calls(client, seoul, cycle):
    member, user = seoul
    old = make_cycle("deliberation", name="WeGO Awards 2024")
    past = make_application(old, member=member, title="Seoul 120 Dasan")
    draft = make_application(cycle, member=member, status="draft", title="Smart bus stops")
    make_application(cycle, title="Someone else's")
    client.force_login(user)
    body = client.get(reverse("awards:my_applications")).content.decode()
    assert "Seoul 120 Dasan" in body and "Smart bus stops" in body
    assert "Someone else" not in body
    assert past.reference in body and draft.reference in body
    assert "Submitted" in body and "Draft" in body
    assert "days" in body and "left" in body  # the draft's time left
    assert reverse("awards:apply", args=[cycle.slug]) in body
    assert reverse("awards:apply", args=[old.slug]) not in body


def typed(**fields):
    """What a city official has typed in the application's form, not saved yet."""
    return {
        "title": "Night buses from phone data",
        "summary": "Routes drawn from where people call taxis at night.",
        "in_operation_since": "2013",
        "answer-0": "Late-night workers had no way home.",
        **fields,
    }


def pdf(name="plan.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.7\n%plan", "application/pdf")


def test_attaching_a_file_keeps_the_answers_just_typed(client, seoul, cycle, settings, tmp_path):
    """The tester's case: typed answers, then "Add the file": the page used to come back with
    the answers empty. They are saved with the file now."""
    settings.MEDIA_ROOT = tmp_path
    member, user = seoul
    application = make_application(cycle, member=member, status="draft", title="", summary="")
    client.force_login(user)
    data = typed(**{"evidence-title": "Route plan", "evidence-file": pdf(), "attach": ""})
    response = client.post(reverse("awards:application_files", args=[application.pk]), data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.title == "Night buses from phone data"
    assert application.answers["0"] == "Late-night workers had no way home."
    assert application.files.get().title == "Route plan"
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Night buses from phone data" in page and "Late-night workers had no way home." in page


def test_a_refused_file_keeps_the_answers_and_the_file_title(
    client, seoul, cycle, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    member, user = seoul
    application = make_application(cycle, member=member, status="draft", title="")
    client.force_login(user)
    fake = SimpleUploadedFile("plan.pdf", b"MZ not a pdf", "application/pdf")
    data = typed(**{"evidence-title": "Route plan", "evidence-file": fake})
    response = client.post(reverse("awards:application_files", args=[application.pk]), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Attach a PDF, PNG or JPEG file" in body
    assert 'value="Route plan"' in body
    assert "Late-night workers had no way home." in body  # shown again, and saved
    application.refresh_from_db()
    assert application.answers["0"] == "Late-night workers had no way home."


def test_a_file_chosen_then_save_the_draft_is_attached_too(
    client, seoul, cycle, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    member, user = seoul
    application = make_application(cycle, member=member, status="draft")
    client.force_login(user)
    data = typed(**{"evidence-title": "Route plan", "evidence-file": pdf(), "save": ""})
    assert client.post(application.get_absolute_url(), data).status_code == 302
    assert application.files.get().title == "Route plan"
