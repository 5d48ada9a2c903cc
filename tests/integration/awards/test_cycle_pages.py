"""The public pages: the list of cycles, one cycle's call, dates in the cycle's time zone."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_cycle, make_member, make_secretariat, make_user
from wego.accounts.models import Role
from wego.core.dates import countdown_templates, countdown_text, when

pytestmark = pytest.mark.django_db

# 30 June 2026, 23:59 in Seoul (UTC+9) is 14:59 in UTC.
SEOUL_DEADLINE = datetime(2026, 6, 30, 14, 59, tzinfo=UTC)


def fixed_dates(**fields):
    return {
        "call_opens_at": datetime(2026, 3, 1, tzinfo=UTC),
        "deadline": SEOUL_DEADLINE,
        "judging_ends_at": datetime(2026, 8, 31, 15, 0, tzinfo=UTC),
        "announcement_at": datetime(2026, 9, 15, 1, 0, tzinfo=UTC),
        **fields,
    }


def test_the_list_shows_open_calls_first_then_coming_then_past(client):
    past = make_cycle("judging", name="WeGO Awards 2024")
    published = make_cycle(
        "deliberation", name="WeGO Awards 2022", results_published_at=timezone.now()
    )
    upcoming = make_cycle("upcoming", name="WeGO Awards 2028")
    later = make_cycle(
        "open", name="Later call", deadline=timezone.now() + timedelta(days=25, minutes=1)
    )
    sooner = make_cycle("open", name="Sooner call")
    response = client.get(reverse("awards:cycles"))
    body = response.content.decode()
    assert [row.cycle for row in response.context["open_calls"]] == [sooner, later]
    assert [row.cycle for row in response.context["upcoming"]] == [upcoming]
    assert {row.cycle for row in response.context["past"]} == {past, published}
    assert body.index("Sooner call") < body.index("Later call") < body.index("WeGO Awards 2028")
    assert body.index("WeGO Awards 2028") < body.index("WeGO Awards 2024")
    # Open calls say how long is left; past ones link to their winners once announced.
    assert "days" in body and "left" in body and "data-deadline=" in body
    assert reverse("awards:winners", args=[published.slug]) in body
    assert reverse("awards:winners", args=[past.slug]) not in body
    assert "Not announced yet" in body


def test_dates_are_shown_in_the_cycle_time_zone_with_its_name(client):
    cycle = make_cycle(**fixed_dates())
    body = client.get(cycle.get_absolute_url()).content.decode()
    assert "30 June 2026, 23:59 (Asia/Seoul)" in body
    assert "1 March 2026, 09:00 (Asia/Seoul)" in body  # midnight UTC is 9 in the morning there
    assert "15 September 2026, 10:00 (Asia/Seoul)" in body
    assert "14:59" not in body


def test_the_same_instant_in_another_cycle_zone():
    assert when(SEOUL_DEADLINE, "Europe/Madrid") == "30 June 2026, 16:59 (Europe/Madrid)"
    assert when(SEOUL_DEADLINE, "Asia/Seoul") == "30 June 2026, 23:59 (Asia/Seoul)"


@pytest.mark.parametrize(
    "left, words",
    [
        (timedelta(days=12, hours=4, minutes=3, seconds=59), "12 days, 4 hours and 3 minutes left"),
        (timedelta(days=1, minutes=1), "1 day and 1 minute left"),
        (timedelta(hours=1), "1 hour left"),
        (timedelta(days=2, hours=5), "2 days and 5 hours left"),
        (timedelta(seconds=30), "Less than a minute left"),
        (timedelta(0), "The deadline has passed."),
        (-timedelta(days=3), "The deadline has passed."),
    ],
)
def test_countdown_wording(left, words):
    now = datetime(2026, 6, 1, tzinfo=UTC)
    assert countdown_text(now + left, now) == words


def test_the_countdown_script_gets_the_same_wording_with_placeholders():
    texts = json.loads(countdown_templates())
    assert texts["day"]["1"] == "{n} day" and texts["day"]["2"] == "{n} days"
    assert texts["three"] == "{1}, {2} and {3}"
    assert texts["left"] == "{time} left"
    assert texts["over"] == "The deadline has passed."


def test_an_open_call_counts_down_on_the_page_for_the_script(client):
    left = timedelta(days=12, hours=4, minutes=3, seconds=30)
    cycle = make_cycle("open", deadline=timezone.now() + left)
    body = client.get(cycle.get_absolute_url()).content.decode()
    assert "12 days, 4 hours and 3 minutes left" in body
    iso = cycle.deadline.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert f'data-deadline="{iso}"' in body
    assert "data-countdown-texts=" in body
    assert 'src="/static/awards/countdown.js" defer' in body
    assert "<script>" not in body and "style=" not in body


def test_the_call_shows_categories_questions_criteria_rubric_and_rules(client):
    cycle = make_cycle("open", description="The third edition, hosted by Seoul.")
    body = client.get(cycle.get_absolute_url()).content.decode()
    assert "The third edition, hosted by Seoul." in body
    for category in ("Services", "Efficiency", "Open City", "Urban Management", "Digital Divide"):
        assert f"<h3>{category}</h3>" in body
    assert "What did the administration save in time or money? Give figures." in body
    # Weights as a share of the score, and the rubric: each score with what it means.
    assert "Impact (30% of the score)" in body
    assert (
        '<th scope="row" class="numeric">5</th><td>A first: other cities will learn from it.'
        in (body)
    )
    assert "Best e-Government Prize" in body and "Most Promising e-Government Prize" in body
    assert "Only members of WeGO apply" in body
    assert "A member applies once in each category" in body
    assert "must be in operation" in body


def test_the_apply_button_is_for_city_users_while_the_call_is_open(client):
    cycle = make_cycle("open")
    apply_url = reverse("awards:apply", args=[cycle.slug])
    body = client.get(cycle.get_absolute_url()).content.decode()
    assert "Sign in to apply" in body and f'href="{apply_url}"' not in body

    client.force_login(make_user(Role.CITY_USER, member=make_member()))
    body = client.get(cycle.get_absolute_url()).content.decode()
    assert f'href="{apply_url}"' in body

    closed = make_cycle("judging")
    body = client.get(closed.get_absolute_url()).content.decode()
    assert reverse("awards:apply", args=[closed.slug]) not in body
    assert "Applications closed on" in body


def test_the_secretariat_sees_its_pages_of_the_cycle(client):
    cycle = make_cycle("open")
    body = client.get(cycle.get_absolute_url()).content.decode()
    assert reverse("awards:manage", args=[cycle.slug]) not in body
    client.force_login(make_secretariat())
    body = client.get(cycle.get_absolute_url()).content.decode()
    assert reverse("awards:manage", args=[cycle.slug]) in body
    assert reverse("awards:criteria", args=[cycle.slug]) in body
    assert reverse("awards:new_cycle") in client.get(reverse("awards:cycles")).content.decode()


def test_published_results_link_to_the_winners(client):
    cycle = make_cycle("deliberation", results_published_at=timezone.now())
    response = client.get(cycle.get_absolute_url())
    assert response.context["row"].phase.value == "published"
    assert reverse("awards:winners", args=[cycle.slug]) in response.content.decode()


def test_an_unknown_cycle_is_not_found(client):
    assert client.get(reverse("awards:cycle", args=["no-such-cycle"])).status_code == 404


def test_the_pages_read_in_korean(client):
    cycle = make_cycle(**fixed_dates(time_zone="Asia/Seoul"))
    body = client.get(f"/ko/awards/{cycle.slug}/").content.decode()
    assert '<html lang="ko"' in body
    assert "23:59 (Asia/Seoul)" in body and "서비스" in body  # the category, translated
    assert client.get("/ko/awards/").status_code == 200
