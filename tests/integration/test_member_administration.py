"""The secretariat edits members in the administration; translations included."""

import pytest
from django.urls import reverse

from tests.factories import make_member, make_secretariat
from wego.members.models import Member

pytestmark = pytest.mark.django_db


def test_secretariat_edits_a_member_and_its_korean_name(client):
    member = make_member(name="Gimpo", name_en="Gimpo", slug="gimpo")
    client.force_login(make_secretariat())
    url = reverse("admin:members_member_change", args=[member.pk])
    form_page = client.get(url).content.decode()
    assert 'name="name_ko"' in form_page and 'name="name_ar"' in form_page
    response = client.post(
        url,
        {
            "name_en": "Gimpo",
            "name_ko": "김포시",
            "name_ar": "غيمبو",
            "slug": "gimpo",
            "kind": "city",
            "country": "KR",
            "region": "asia-pacific",
            "membership_type": "full",
            "status": "active",
            "population": "480000",
            "website": "https://www.gimpo.go.kr",
            "leadership_seats-TOTAL_FORMS": "0",
            "leadership_seats-INITIAL_FORMS": "0",
        },
    )
    errors = response.context["adminform"].form.errors if response.status_code == 200 else None
    assert response.status_code == 302, errors
    member.refresh_from_db()
    assert (member.name_ko, member.population) == ("김포시", 480000)


def test_member_search_in_administration(client):
    make_member(name="Maputo", name_en="Maputo", slug="maputo", country="MZ", region="africa")
    client.force_login(make_secretariat())
    response = client.get(reverse("admin:members_member_changelist"), {"q": "Maputo"})
    assert [m.slug for m in response.context["cl"].result_list] == ["maputo"]
    assert Member.objects.count() == 1
