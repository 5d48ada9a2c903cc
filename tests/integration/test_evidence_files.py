"""Uploaded evidence is stored and served by the kind its content shows, never by its name.

A file starting with "%PDF-" but named evil.html or evil.svg is accepted as a PDF: it must be
stored as .pdf and served as application/pdf, with nosniff and a policy that runs nothing, so
it can never come back as a live page of the platform's own origin.
"""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import make_application, make_assessment, make_cycle, make_member, make_user
from wego.accounts.models import Role
from wego.diagnostic.models import Answer
from wego.practices.models import Practice, PracticeFile

pytestmark = pytest.mark.django_db

HOSTILE = b"%PDF-1.7\n<html><script>alert(document.cookie)</script></html>"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def assert_served_as_pdf(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy
    assert "'self'" not in policy  # the site's own policy did not replace the file's
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline") and ".pdf" in disposition
    assert ".html" not in disposition and ".svg" not in disposition
    assert b"".join(response.streaming_content) == HOSTILE


@pytest.fixture
def city():
    member = make_member(name="Ulaanbaatar", country="MN")
    return member, make_user(Role.CITY_USER, member=member)


@pytest.mark.parametrize("name", ["evil.html", "evil.svg"])
def test_a_practice_file_named_as_a_page_is_stored_and_served_as_a_pdf(client, city, name):
    member, user = city
    practice = Practice.objects.create(slug="lights", title="Lights", member=member)
    client.force_login(user)
    upload = SimpleUploadedFile(name, HOSTILE, "text/html")
    client.post(reverse("practices:upload", args=[practice.slug]), {"title": "T", "file": upload})
    attached = practice.files.get()
    assert attached.kind == "pdf" and attached.file.name.endswith(".pdf")
    assert attached.file.name.rsplit("/", 1)[-1] == "evil.pdf"  # a readable stem is kept
    url = reverse("practices:file", args=[practice.slug, attached.pk])
    assert_served_as_pdf(client.get(url))

    practice.status = Practice.Status.PUBLISHED
    practice.save()
    client.logout()  # once published, anyone may fetch it
    assert_served_as_pdf(client.get(url))


@pytest.mark.parametrize("name", ["evil.html", "evil.svg"])
def test_award_evidence_named_as_a_page_is_stored_and_served_as_a_pdf(client, city, name):
    member, user = city
    application = make_application(make_cycle("open"), member=member, status="draft")
    client.force_login(user)
    upload = SimpleUploadedFile(name, HOSTILE, "image/svg+xml")
    client.post(
        reverse("awards:application_files", args=[application.pk]),
        {"evidence-title": "Report", "evidence-file": upload},
    )
    attached = application.files.get()
    assert attached.kind == "pdf" and attached.file.name.endswith(".pdf")
    url = reverse("awards:application_file", args=[application.pk, attached.pk])
    assert_served_as_pdf(client.get(url))


@pytest.mark.parametrize("name", ["evil.html", "evil.svg"])
def test_diagnostic_evidence_named_as_a_page_is_stored_and_served_as_a_pdf(
    client, frameworks, city, name
):
    member, _user = city
    focal_point = make_user(Role.FOCAL_POINT, member=member)
    assessment = make_assessment(member, frameworks["ceds"])
    client.force_login(focal_point)
    upload = SimpleUploadedFile(name, HOSTILE, "text/html")
    client.post(reverse("diagnostic:fill_in", args=[assessment.pk, "GM"]), {"f-GM1.1": upload})
    answer = Answer.objects.get(assessment=assessment, question_code="GM1.1")
    assert answer.evidence_file.name.endswith(".pdf")
    assert_served_as_pdf(client.get(reverse("diagnostic:evidence", args=[assessment.pk, "GM1.1"])))


def stored_legacy(practice, name, content, kind):
    """A file stored before names were ours: under the uploader's name, kept as it is."""
    path = default_storage.save(f"practices/{practice.pk}/{name}", ContentFile(content))
    attached = PracticeFile.objects.create(
        practice=practice, kind=kind, title="Old", size=len(content)
    )
    PracticeFile.objects.filter(pk=attached.pk).update(file=path)
    attached.refresh_from_db()
    return attached


def test_files_stored_with_a_wrong_extension_are_served_by_their_kind(client, city):
    member, user = city
    practice = Practice.objects.create(
        slug="lights", title="Lights", member=member, status=Practice.Status.PUBLISHED
    )
    old = stored_legacy(practice, "evil.html", HOSTILE, "pdf")
    assert old.file.name.endswith("evil.html")
    assert_served_as_pdf(client.get(reverse("practices:file", args=[practice.slug, old.pk])))

    # Content that is none of the safe kinds (whatever was recorded) is only ever downloaded.
    page = stored_legacy(practice, "page.svg", b"<svg onload='alert(1)'/>", "pdf")
    response = client.get(reverse("practices:file", args=[practice.slug, page.pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert ".svg" not in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_images_are_served_inline_with_their_own_type(client, city):
    member, user = city
    practice = Practice.objects.create(slug="lights", title="Lights", member=member)
    client.force_login(user)
    for name, content, kind, content_type in [
        ("photo.svg", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "png", "image/png"),
        ("photo.htm", b"\xff\xd8\xff\xe0" + b"\x00" * 32, "jpg", "image/jpeg"),
    ]:
        upload = SimpleUploadedFile(name, content, "image/svg+xml")
        client.post(
            reverse("practices:upload", args=[practice.slug]), {"title": "T", "file": upload}
        )
        attached = practice.files.get(kind=kind)
        assert attached.file.name.endswith(f"photo.{kind}")
        response = client.get(reverse("practices:file", args=[practice.slug, attached.pk]))
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"].startswith("inline")
