"""A city writes a practice, staff review it, it is published; versions are kept; input is safe."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import make_member, make_user
from wego.accounts.models import Role
from wego.core.regions import Region
from wego.practices.models import Practice

pytestmark = pytest.mark.django_db

COMPLETE = {
    "city": "Ulaanbaatar",
    "country": "MN",
    "category": "services",
    "summary": "Residents report broken street lights from their phones.",
    "problem": "Lights stayed dark for weeks.",
    "solution": "A reporting app routes each report to the lighting team.",
    "results": "Repairs now take 3 days instead of 20.",
    "cost_range": "under-100k",
    "months_to_implement": "6",
    "language": "en",
}


@pytest.fixture
def city():
    member = make_member(name="Ulaanbaatar", country="MN", region=Region.ASIA_PACIFIC)
    return member, make_user(Role.CITY_USER, member=member)


def write(client, data, slug=None):
    url = reverse("practices:edit", args=[slug]) if slug else reverse("practices:new")
    return client.post(url, data)


def test_a_draft_needs_only_a_title_and_publication_says_what_is_missing(client, city):
    member, user = city
    client.force_login(user)
    response = write(client, {"title": "Street lights", "member": member.pk, "language": "en"})
    practice = Practice.objects.get()
    assert response.status_code == 302 and practice.status == Practice.Status.DRAFT
    response = client.post(reverse("practices:submit", args=[practice.slug]), follow=True)
    body = response.content.decode()
    assert "To send it for review, fill in:" in body
    assert "Summary" in body and "Results" in body and "Cost" in body
    practice.refresh_from_db()
    assert practice.status == Practice.Status.DRAFT


def test_from_draft_to_published_with_versions(client, city):
    member, user = city
    client.force_login(user)
    write(client, {"title": "Street lights", "member": member.pk, **COMPLETE, "submit": "1"})
    practice = Practice.objects.get()
    assert practice.status == Practice.Status.REVIEW
    client.logout()
    assert client.get(practice.get_absolute_url()).status_code == 302

    europe = make_user(Role.REGIONAL_STAFF, region=Region.EUROPE)
    client.force_login(europe)
    assert client.get(reverse("practices:review", args=[practice.slug])).status_code == 403
    client.force_login(make_user(Role.REGIONAL_STAFF, region=Region.ASIA_PACIFIC))
    queue = client.get(reverse("practices:review_queue")).content.decode()
    assert "Street lights" in queue
    refused = client.post(reverse("practices:review", args=[practice.slug]), {"decision": "return"})
    assert (
        refused.status_code == 400
        and "Say what the city should change." in refused.content.decode()
    )
    client.post(reverse("practices:review", args=[practice.slug]), {"decision": "publish"})
    practice.refresh_from_db()
    assert practice.status == Practice.Status.PUBLISHED and practice.published_at

    client.logout()
    assert "Repairs now take 3 days" in client.get(practice.get_absolute_url()).content.decode()
    client.force_login(user)
    client.post(reverse("practices:revise", args=[practice.slug]))
    practice.refresh_from_db()
    assert practice.status == Practice.Status.DRAFT
    history = client.get(reverse("practices:history", args=[practice.slug]))
    assert [r.number for r in history.context["revisions"]] == [4, 3, 2, 1]


def test_html_is_cleaned_and_bad_input_is_named_and_kept(client, city):
    member, user = city
    client.force_login(user)
    bad = write(
        client,
        {
            "title": "Lights",
            "member": member.pk,
            "language": "en",
            "sdg_text": "16.6, 99.1",
            "links": "not a link",
            "solution": "Kept text",
        },
    )
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "Not an SDG target number: 99.1" in body and "Not a web address: not a link" in body
    assert "Kept text" in body
    assert not Practice.objects.exists()
    write(
        client,
        {
            "title": "<b>Lights</b><script>alert(1)</script>",
            "member": member.pk,
            "language": "en",
            "solution": (
                '<p onclick="x()">An <a href="javascript:alert(1)">app</a></p><script>x</script>'
            ),
        },
    )
    practice = Practice.objects.get()
    assert practice.title == "Lights"
    assert "script" not in practice.solution and "onclick" not in practice.solution
    assert "javascript:" not in practice.solution and "<p>" in practice.solution


def test_uploads_are_checked_by_content(client, city):
    member, user = city
    client.force_login(user)
    write(client, {"title": "Lights", "member": member.pk, "language": "en"})
    practice = Practice.objects.get()
    url = reverse("practices:upload", args=[practice.slug])
    fake = SimpleUploadedFile("photo.png", b"MZ\x90\x00 not an image", "image/png")
    refused = client.post(url, {"title": "Control room", "file": fake})
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "the content of this file is none of them" in body and "Control room" in body
    png = SimpleUploadedFile(
        "x.bin", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "application/octet-stream"
    )
    client.post(url, {"title": "Control room", "file": png})
    attached = practice.files.get()
    assert attached.kind == "png"
    shown = client.get(reverse("practices:file", args=[practice.slug, attached.pk]))
    assert shown.status_code == 200


def test_other_cities_cannot_touch_a_draft(client, city):
    member, user = city
    client.force_login(user)
    write(client, {"title": "Lights", "member": member.pk, "language": "en"})
    practice = Practice.objects.get()
    other = make_user(Role.FOCAL_POINT, member=make_member())
    client.force_login(other)
    assert client.get(practice.get_absolute_url()).status_code == 403
    assert client.get(reverse("practices:edit", args=[practice.slug])).status_code == 403


def test_embeddings_rebuild_is_a_job_with_progress(client, city, demo_network):
    from wego.practices.services.demo_data import load_demo_practices

    load_demo_practices()
    client.force_login(make_user(Role.SECRETARIAT))
    page = client.get(reverse("practices:search_index")).content.decode()
    assert "63 of 63 practices can be found by meaning" in page
    response = client.post(reverse("practices:search_index"))
    job_url = response.url
    progress = client.get(job_url, {"format": "json"}).json()
    assert progress["finished"] and progress["percent"] == 100 and progress["total"] == 63
    assert "<progress" in client.get(job_url).content.decode()
    client.force_login(user := make_user(Role.CITY_USER, member=city[0]))
    # Not yours answers as "no such job" does (the job number tells nothing).
    assert user and client.get(job_url).status_code == 404
