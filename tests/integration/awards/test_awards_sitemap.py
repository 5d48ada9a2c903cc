"""sitemap.xml lists each cycle's page, and the winners page only once it is public."""

import pytest
from django.utils import timezone

from tests.factories import make_cycle

pytestmark = pytest.mark.django_db


def test_sitemap_lists_cycles_and_published_winners(client):
    open_call = make_cycle("open")
    published = make_cycle("deliberation", results_published_at=timezone.now())

    sitemap = client.get("/sitemap.xml").content.decode()

    assert f"/awards/{open_call.slug}/</loc>" in sitemap
    assert f"/awards/{published.slug}/winners/</loc>" in sitemap
    assert f"/awards/{open_call.slug}/winners/" not in sitemap
