"""The secretariat sets up a cycle: its call, dates in its own time zone, prizes, categories."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from tests.factories import make_application, make_cycle, make_judge, make_secretariat, make_user
from wego.accounts.models import Role
from wego.awards.models import Assignment, AwardCycle, Review, Score

pytestmark = pytest.mark.django_db


def cycle_data(**changes) -> dict:
    data = {
        "name": "WeGO Awards 2026",
        "slug": "wego-awards-2026",
        "year": "2026",
        "description": "The call of 2026.",
        "time_zone": "Asia/Seoul",
        "call_opens_at": "2026-04-01T09:00",
        "deadline": "2026-06-30T23:59",
        "judging_ends_at": "2026-08-31T23:59",
        "announcement_at": "2026-10-15T18:00",
        "judges_per_application": "3",
        "prize_tiers": ["best", "outstanding", "most-promising"],
    }
    data.update(changes)
    return data


def edit_data(cycle, **changes) -> dict:
    """What the settings page posts back unchanged, with the changes given."""
    data = cycle_data(
        name=cycle.name,
        slug=cycle.slug,
        year=str(cycle.year),
        time_zone=cycle.time_zone,
        judges_per_application=str(cycle.judges_per_application),
        prize_tiers=list(cycle.prize_tiers),
    )
    categories = list(cycle.categories.all())
    data |= {
        "categories-TOTAL_FORMS": str(len(categories)),
        "categories-INITIAL_FORMS": str(len(categories)),
        "categories-MIN_NUM_FORMS": "0",
        "categories-MAX_NUM_FORMS": "1000",
    }
    for index, category in enumerate(categories):
        data[f"categories-{index}-id"] = str(category.pk)
        data[f"categories-{index}-description"] = category.description
        data[f"categories-{index}-questions"] = "\n".join(category.questions)
    data.update(changes)
    return data


@pytest.fixture
def staff_client(client):
    client.force_login(make_secretariat())
    return client


def test_a_deadline_typed_in_seoul_is_stored_in_utc_and_shown_back_in_seoul(staff_client):
    response = staff_client.post(reverse("awards:new_cycle"), cycle_data())

    cycle = AwardCycle.objects.get(slug="wego-awards-2026")
    assert response.status_code == 302
    assert response["Location"] == reverse("awards:edit_cycle", args=[cycle.slug])
    assert cycle.deadline == datetime(2026, 6, 30, 14, 59, tzinfo=UTC)
    assert cycle.call_opens_at == datetime(2026, 4, 1, 0, 0, tzinfo=UTC)
    assert cycle.time_zone == "Asia/Seoul"
    assert cycle.prize_tiers == ["best", "outstanding", "most-promising"]
    # Created through create_cycle: the five categories and the default criteria.
    assert cycle.categories.count() == 5
    assert list(cycle.criteria.values_list("name", flat=True)) == [
        "Innovation",
        "Impact",
        "Citizen focus",
        "Sustainability",
        "Transferability",
    ]

    page = staff_client.get(response["Location"]).content.decode()
    assert 'type="datetime-local" name="deadline" value="2026-06-30T23:59"' in page
    assert 'name="call_opens_at" value="2026-04-01T09:00"' in page
    assert "is created with the default categories and criteria" in page


def test_the_same_clock_time_in_another_zone_is_another_instant(staff_client):
    staff_client.post(
        reverse("awards:new_cycle"), cycle_data(time_zone="Europe/Madrid", slug="madrid")
    )

    cycle = AwardCycle.objects.get(slug="madrid")
    assert cycle.deadline == datetime(2026, 6, 30, 21, 59, tzinfo=UTC)  # summer time, UTC+2


def test_dates_out_of_order_are_refused_next_to_the_field_with_everything_kept(staff_client):
    data = cycle_data(deadline="2026-03-01T12:00", judging_ends_at="2026-02-01T12:00")

    response = staff_client.post(reverse("awards:new_cycle"), data)

    page = response.content.decode()
    assert response.status_code == 400
    assert not AwardCycle.objects.exists()
    deadline_errors = page.split('id="id_deadline_error"')[1].split("</ul>")[0]
    assert "The deadline must come after the call opens." in deadline_errors
    judging_errors = page.split('id="id_judging_ends_at_error"')[1].split("</ul>")[0]
    assert "Judging must end after the deadline." in judging_errors
    assert 'aria-describedby="id_deadline_helptext id_deadline_error"' in page
    # What was typed is still there.
    assert 'name="deadline" value="2026-03-01T12:00"' in page
    assert 'name="judging_ends_at" value="2026-02-01T12:00"' in page
    assert 'value="WeGO Awards 2026"' in page
    assert "The call of 2026." in page


def test_an_unknown_time_zone_is_named_in_the_message(staff_client):
    response = staff_client.post(
        reverse("awards:new_cycle"), cycle_data(time_zone="Mars/Olympus_Mons")
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Time zone: Mars/Olympus_Mons is not a time zone name" in page
    assert not AwardCycle.objects.exists()


def test_a_time_the_clocks_skip_is_refused(staff_client):
    # Madrid moves its clocks from 02:00 to 03:00 on 29 March 2026.
    data = cycle_data(time_zone="Europe/Madrid", call_opens_at="2026-03-29T02:30")

    response = staff_client.post(reverse("awards:new_cycle"), data)

    assert response.status_code == 400
    assert "This time does not exist in Europe/Madrid" in response.content.decode()


def test_at_least_one_prize_tier_and_a_free_web_address_name(staff_client):
    make_cycle(slug="wego-awards-2026")
    data = cycle_data(prize_tiers=[])

    response = staff_client.post(reverse("awards:new_cycle"), data)

    page = response.content.decode()
    assert response.status_code == 400
    assert "Prize tiers: Choose at least one prize tier." in page
    assert "Award cycle with this Web address name already exists." in page

    response = staff_client.post(reverse("awards:new_cycle"), cycle_data(slug="new"))
    assert "taken by the platform&#x27;s own pages" in response.content.decode()


def test_a_chosen_subset_of_prizes_is_kept_in_the_prizes_order(staff_client):
    data = cycle_data(prize_tiers=["most-promising", "best"])

    staff_client.post(reverse("awards:new_cycle"), data)

    assert AwardCycle.objects.get().prize_tiers == ["best", "most-promising"]


def test_extending_the_deadline_keeps_categories_criteria_and_applications(staff_client):
    cycle = make_cycle(phase="open", time_zone="Asia/Seoul")
    application = make_application(cycle)
    categories = set(cycle.categories.values_list("pk", flat=True))
    criteria = set(cycle.criteria.values_list("pk", flat=True))
    data = edit_data(
        cycle,
        call_opens_at="2026-01-05T09:00",
        deadline="2099-07-15T23:59",
        judging_ends_at="2099-09-30T23:59",
        announcement_at="2099-10-15T18:00",
    )

    response = staff_client.post(reverse("awards:edit_cycle", args=[cycle.slug]), data)

    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.deadline == datetime(2099, 7, 15, 14, 59, tzinfo=UTC)
    assert set(cycle.categories.values_list("pk", flat=True)) == categories
    assert set(cycle.criteria.values_list("pk", flat=True)) == criteria
    assert cycle.applications.get() == application
    page = staff_client.get(response["Location"]).content.decode()
    assert 'name="deadline" value="2099-07-15T23:59"' in page
    assert "The changes to" in page


def test_the_settings_page_shows_the_stored_instant_on_the_cycle_s_clock(staff_client):
    cycle = make_cycle(
        time_zone="America/New_York",
        call_opens_at=datetime(2026, 1, 10, 14, 0, tzinfo=UTC),
        deadline=datetime(2026, 7, 1, 3, 59, tzinfo=UTC),
    )

    page = staff_client.get(reverse("awards:edit_cycle", args=[cycle.slug])).content.decode()

    assert 'name="call_opens_at" value="2026-01-10T09:00"' in page  # winter: UTC-5
    assert 'name="deadline" value="2026-06-30T23:59"' in page  # summer: UTC-4
    assert '<option value="America/New_York" selected>' in page
    assert "Applications and progress" in page  # the secretariat's tabs of the cycle


def test_a_category_s_description_and_questions_are_edited_one_per_line(staff_client):
    cycle = make_cycle()
    services = cycle.categories.get(category="services")
    index = list(cycle.categories.all()).index(services)
    data = edit_data(
        cycle,
        **{
            f"categories-{index}-description": "Services people use every day.",
            f"categories-{index}-questions": "Which services?\n\n  How many users?  \n",
        },
    )

    response = staff_client.post(reverse("awards:edit_cycle", args=[cycle.slug]), data)

    assert response.status_code == 302
    services.refresh_from_db()
    assert services.description == "Services people use every day."
    assert services.questions == ["Which services?", "How many users?"]


def test_a_refused_edit_keeps_the_typed_values_and_the_stored_cycle(staff_client):
    cycle = make_cycle(name="Stored name")
    data = edit_data(cycle, name="Typed name", judges_per_application="0")

    response = staff_client.post(reverse("awards:edit_cycle", args=[cycle.slug]), data)

    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="Typed name"' in page
    assert "<h1>Settings: Stored name</h1>" in page
    assert "Judges per application: Ensure this value is greater than or equal to 1." in page
    cycle.refresh_from_db()
    assert cycle.name == "Stored name"


def test_a_settings_form_without_its_categories_part_is_refused_not_a_crash(staff_client):
    cycle = make_cycle()
    data = {k: v for k, v in edit_data(cycle).items() if not k.startswith("categories-")}

    response = staff_client.post(reverse("awards:edit_cycle", args=[cycle.slug]), data)

    assert response.status_code == 400
    assert "ManagementForm data is missing" in response.content.decode()


@pytest.mark.parametrize("role", [None, Role.JUDGE, Role.FOCAL_POINT, Role.REGIONAL_STAFF])
def test_only_the_secretariat_sets_up_cycles(client, role):
    cycle = make_cycle()
    client.force_login(make_user(role))
    urls = [
        reverse("awards:new_cycle"),
        reverse("awards:edit_cycle", args=[cycle.slug]),
        reverse("awards:criteria", args=[cycle.slug]),
    ]
    for url in urls:
        assert client.get(url).status_code == 403
    assert client.post(reverse("awards:new_cycle"), cycle_data()).status_code == 403
    edit = reverse("awards:edit_cycle", args=[cycle.slug])
    assert client.post(edit, edit_data(cycle, name="Taken over")).status_code == 403
    assert client.post(reverse("awards:criteria", args=[cycle.slug]), {}).status_code == 403
    cycle.refresh_from_db()
    assert cycle.name != "Taken over"
    assert not AwardCycle.objects.filter(slug="wego-awards-2026").exists()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("awards:new_cycle"))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_administration_lists_awards_and_shows_scores_read_only(client):
    cycle = make_cycle(name="Admin Awards")
    application = make_application(cycle, title="Smart counters")
    judge = make_judge(cycle, full_name="Ada Judge")
    review = Review.objects.create(
        assignment=Assignment.objects.create(judge=judge, application=application),
        status=Review.Status.SUBMITTED,
    )
    Score.objects.create(review=review, criterion=cycle.criteria.first(), value=4, comment="Good")
    client.force_login(make_secretariat())

    for model, shown in [
        ("awardcycle", "Admin Awards"),
        ("application", "Smart counters"),
        ("judge", "Ada Judge"),
        ("review", "Ada Judge"),
    ]:
        response = client.get(reverse(f"admin:awards_{model}_changelist"))
        assert shown in response.content.decode(), model
    response = client.get(reverse("admin:awards_review_change", args=[review.pk]))
    page = response.content.decode()
    assert "Good" in page
    assert 'name="_save"' not in page  # read-only
    assert client.get(reverse("admin:awards_review_add")).status_code == 403
    assert client.get(reverse("admin:index")).content.decode().count("Scores") == 0
