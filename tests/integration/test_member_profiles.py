"""Member profiles: the city edits, staff review, the public page shows only what was approved."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_member, make_secretariat, make_user
from tests.integration.diagnostic.test_peers import scored
from wego.accounts.models import Role
from wego.core.regions import Region
from wego.events.models import MatchmakingRequest
from wego.members.models import MemberProfile
from wego.practices.models import Practice

pytestmark = pytest.mark.django_db

NEW_VALUES = {
    "overview": "A port city that put its permits online.",
    "area_km2": "120.5",
    "egov_budget_usd": "6,000,000",
    "budget_year": "2015",
    "cio_title": "Chief Information Officer",
    "cio_name": "",
    "egov_departments": "Digital Office\n\nData Team\n",
}


@pytest.fixture
def city():
    return make_member(name="Harbour City", name_en="Harbour City", region=Region.ASIA_PACIFIC)


@pytest.fixture
def other_city():
    return make_member(name="Lake Town", name_en="Lake Town", region=Region.AFRICA, country="KE")


@pytest.fixture
def approved(city):
    """The public version: an old overview, a budget the city does not share."""
    return MemberProfile.objects.create(
        member=city,
        overview="Old overview of the harbour.",
        area_km2=Decimal("100.00"),
        egov_budget_usd=5_000_000,
        budget_is_public=False,
        budget_year=2014,
        cio_title="Director of IT",
        approved_at=timezone.now(),
    )


@pytest.fixture
def city_user(city):
    return make_user(Role.CITY_USER, member=city)


@pytest.fixture
def asia_staff():
    return make_user(Role.REGIONAL_STAFF, region=Region.ASIA_PACIFIC)


def edit_url(member):
    return reverse("members:profile_edit", args=[member.slug])


def review_url(member):
    return reverse("members:profile_review", args=[member.slug])


def page_of(client, member) -> str:
    return client.get(member.get_absolute_url()).content.decode()


def send_changes(client, member, **changes):
    data = {**NEW_VALUES, **changes}
    return client.post(edit_url(member), {k: v for k, v in data.items() if v is not False})


def decide(client, member, decision, comment=""):
    profile = MemberProfile.objects.get(member=member)
    prefix = member.slug
    return client.post(
        review_url(member),
        {
            f"{prefix}-decision": decision,
            f"{prefix}-version": profile.pending_since.isoformat(),
            f"{prefix}-comment": comment,
        },
    )


# The city edits: its changes wait, the public page does not move


def test_city_edit_waits_for_review_and_the_public_page_keeps_the_approved_version(
    client, city, approved, city_user
):
    client.force_login(city_user)
    response = send_changes(client, city)
    assert response.status_code == 302 and response["Location"] == city.get_absolute_url()
    profile = MemberProfile.objects.get(member=city)
    assert profile.review_state == MemberProfile.ReviewState.PENDING
    assert profile.submitted_by == city_user
    assert profile.pending_values["egov_departments"] == "Digital Office\nData Team"
    assert profile.overview == "Old overview of the harbour."

    own_view = page_of(client, city)
    assert "Waiting for review by WeGO staff since" in own_view
    assert "A port city that put its permits online." in own_view  # in the changes table
    assert "120.5 km²" in own_view

    client.logout()
    public = page_of(client, city)
    assert "Old overview of the harbour." in public
    assert "100 km²" in public
    assert "A port city" not in public and "120.5" not in public
    assert "Waiting for review" not in public
    assert "Digital Office" not in public


def test_edit_form_starts_from_the_waiting_changes(client, city, approved, city_user):
    client.force_login(city_user)
    assert 'value="100.00"' in client.get(edit_url(city)).content.decode()
    send_changes(client, city)
    form = client.get(edit_url(city)).content.decode()
    assert 'value="120.5"' in form
    assert "A port city that put its permits online." in form


def test_sending_the_public_version_again_leaves_nothing_to_review(
    client, city, approved, city_user
):
    client.force_login(city_user)
    unchanged = {
        "overview": approved.overview,
        "area_km2": "100",
        "egov_budget_usd": "5000000",
        "budget_year": "2014",
        "cio_title": "Director of IT",
        "egov_departments": "",
    }
    response = send_changes(client, city, **unchanged)
    assert MemberProfile.objects.get(member=city).review_state == "approved"
    assert "Nothing changed" in client.get(response["Location"]).content.decode()


# Staff review


def test_staff_approval_makes_the_changes_public(client, city, approved, city_user, asia_staff):
    client.force_login(city_user)
    send_changes(client, city, budget_is_public="on")

    client.force_login(asia_staff)
    queue = client.get(reverse("members:profile_reviews")).content.decode()
    assert "Harbour City" in queue
    assert "Old overview of the harbour." in queue and "A port city" in queue  # old and new
    assert "USD 5,000,000" in queue and "USD 6,000,000" in queue
    assert "Approve and publish" in queue

    response = decide(client, city, "approve")
    assert response.status_code == 302
    profile = MemberProfile.objects.get(member=city)
    assert profile.review_state == "approved" and profile.pending_values == {}
    assert profile.approved_by == asia_staff
    assert "Harbour City" not in client.get(reverse("members:profile_reviews")).content.decode()

    client.logout()
    public = page_of(client, city)
    assert "A port city that put its permits online." in public
    assert "Old overview" not in public
    assert "120.5 km²" in public
    assert "USD 6,000,000 (2015)" in public
    assert "Digital Office" in public and "Data Team" in public


def test_send_back_needs_a_comment_and_shows_it_to_the_city(
    client, city, approved, city_user, asia_staff
):
    client.force_login(city_user)
    send_changes(client, city)
    client.force_login(asia_staff)

    refused = decide(client, city, "return")
    assert refused.status_code == 400
    assert "Say what the city should change." in refused.content.decode()

    response = decide(client, city, "return", comment="Please give the <b>area</b> in km².")
    assert response.status_code == 302
    profile = MemberProfile.objects.get(member=city)
    assert profile.review_state == "returned"
    assert profile.review_comment == "Please give the area in km²."

    client.force_login(city_user)
    form = client.get(edit_url(city)).content.decode()
    assert "Please give the area in km²." in form
    assert "A port city that put its permits online." in form  # the changes stay to edit
    client.logout()
    assert "Old overview of the harbour." in page_of(client, city)


def test_a_review_of_a_version_the_city_has_since_changed_is_refused(
    client, city, approved, city_user, asia_staff
):
    client.force_login(city_user)
    send_changes(client, city)
    seen = MemberProfile.objects.get(member=city).pending_since.isoformat()
    send_changes(client, city, overview="A newer text.")
    client.force_login(asia_staff)
    response = client.post(
        review_url(city), {f"{city.slug}-decision": "approve", f"{city.slug}-version": seen}
    )
    assert response.status_code == 302
    profile = MemberProfile.objects.get(member=city)
    assert profile.review_state == "pending" and profile.overview == "Old overview of the harbour."


def test_reviewing_a_member_with_nothing_waiting_changes_nothing(client, city, asia_staff):
    client.force_login(asia_staff)
    assert "Nothing from Harbour City is waiting" in client.get(review_url(city)).content.decode()
    response = client.post(
        review_url(city), {f"{city.slug}-decision": "approve", f"{city.slug}-version": "x"}
    )
    assert response.status_code == 302
    assert not MemberProfile.objects.filter(member=city).exists()


def test_staff_dashboard_links_to_the_review_queue(client, asia_staff):
    client.force_login(asia_staff)
    page = client.get(reverse("site:staff_dashboard")).content.decode()
    assert f'href="{reverse("members:profile_reviews")}"' in page


# Who may do what


def test_another_citys_user_cannot_edit(client, city, other_city, approved):
    client.force_login(make_user(Role.FOCAL_POINT, member=other_city))
    assert client.get(edit_url(city)).status_code == 403
    assert send_changes(client, city).status_code == 403
    assert MemberProfile.objects.get(member=city).review_state == "approved"


def test_staff_of_another_region_cannot_review(client, city, approved, city_user):
    client.force_login(city_user)
    send_changes(client, city)
    europe_staff = make_user(Role.REGIONAL_STAFF, region=Region.EUROPE)
    client.force_login(europe_staff)
    assert client.get(review_url(city)).status_code == 403
    assert decide(client, city, "approve").status_code == 403
    assert "Harbour City" not in client.get(reverse("members:profile_reviews")).content.decode()
    assert MemberProfile.objects.get(member=city).review_state == "pending"


@pytest.mark.parametrize(
    ("subject", "edit", "review", "queue"),
    [
        ("anonymous", "login", "login", "login"),
        ("city user", 200, 403, 403),
        ("focal point of another city", 403, 403, 403),
        ("secretariat", 403, 200, 200),
        ("regional staff, same region", 403, 200, 200),
        ("regional staff, other region", 403, 403, 200),
        ("judge", 403, 403, 403),
    ],
)
def test_permissions(client, city, other_city, subject, edit, review, queue):
    users = {
        "city user": lambda: make_user(Role.CITY_USER, member=city),
        "focal point of another city": lambda: make_user(Role.FOCAL_POINT, member=other_city),
        "secretariat": make_secretariat,
        "regional staff, same region": lambda: make_user(
            Role.REGIONAL_STAFF, region=Region.ASIA_PACIFIC
        ),
        "regional staff, other region": lambda: make_user(
            Role.REGIONAL_STAFF, region=Region.EUROPE
        ),
        "judge": lambda: make_user(Role.JUDGE),
    }
    if subject in users:
        client.force_login(users[subject]())
    for url, expected in [
        (edit_url(city), edit),
        (review_url(city), review),
        (reverse("members:profile_reviews"), queue),
    ]:
        response = client.get(url)
        if expected == "login":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == expected, (subject, url)


# What the form accepts


def test_html_is_stripped_from_texts(client, city, city_user):
    client.force_login(city_user)
    send_changes(
        client,
        city,
        overview="<script>alert('x')</script><p>Our <b>open</b> data &amp; maps</p>",
        cio_title='<a href="https://evil.example">CIO</a>',
        egov_departments="<em>Digital Office</em>\n<img src=x onerror=alert(1)>Data Team",
    )
    values = MemberProfile.objects.get(member=city).pending_values
    assert values["overview"] == "Our open data & maps"
    assert values["cio_title"] == "CIO"
    assert values["egov_departments"] == "Digital Office\nData Team"


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("area_km2", "-5", "The area cannot be negative."),
        ("area_km2", "3000000", "The area cannot be more than 2,000,000 km²: check the unit."),
        ("area_km2", "12.345", "Give the area with at most 2 decimals."),
        ("area_km2", "605,2 km2", "Enter the area as a number of square kilometres"),
        # Django's DecimalField refuses what Python's float() would read as a number:
        ("area_km2", "inf", "Enter the area as a number of square kilometres"),
        ("area_km2", "-Infinity", "Enter the area as a number of square kilometres"),
        ("area_km2", "NaN", "Enter the area as a number of square kilometres"),
        ("area_km2", "1e999", "The area cannot be more than 2,000,000 km²: check the unit."),
        ("egov_budget_usd", "1e999", "Enter the budget in whole US dollars"),
        ("egov_budget_usd", "inf", "Enter the budget in whole US dollars"),
        ("egov_budget_usd", "9" * 5000, "Enter the budget in whole US dollars"),
        ("egov_budget_usd", "-1", "The budget cannot be negative."),
        ("egov_budget_usd", "lots", "Enter the budget in whole US dollars"),
        ("egov_budget_usd", "200,000,000,000", "The budget cannot be more than USD"),
        ("budget_year", "1800", "Enter a year from 1990 to"),
        ("budget_year", "soon", "Enter a year from 1990 to"),
    ],
)
def test_a_bad_number_names_the_field_and_keeps_everything_typed(
    client, city, city_user, field, typed, message
):
    client.force_login(city_user)
    response = send_changes(client, city, **{field: typed, "cio_name": "Ji-won (demo)"})
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert f'value="{typed}"' in page
    assert 'value="Ji-won (demo)"' in page
    assert "A port city that put its permits online." in page
    assert 'aria-invalid="true"' in page
    assert not MemberProfile.objects.filter(member=city).exists()


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("overview", "Ensure this value has at most 5000 characters (it has 1000000)."),
        ("cio_title", "Ensure this value has at most 120 characters (it has 1000000)."),
        ("cio_name", "Ensure this value has at most 120 characters (it has 1000000)."),
        ("egov_departments", "Ensure this value has at most 8040 characters (it has 1000000)."),
    ],
)
def test_a_megabyte_of_text_is_refused_and_nothing_waits(client, city, city_user, field, message):
    """The pending values (JSON) hold only what the form let through."""
    client.force_login(city_user)
    response = send_changes(client, city, **{field: "x" * 1_000_000})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not MemberProfile.objects.filter(member=city).exists()


def test_a_budget_needs_its_year_and_sharing_needs_a_budget(client, city, city_user):
    client.force_login(city_user)
    page = send_changes(client, city, budget_year="").content.decode()
    assert "Year of the budget: Say which year this budget is for." in page
    page = send_changes(
        client, city, egov_budget_usd="", budget_is_public="on", budget_year=""
    ).content.decode()
    assert "There is no budget to show" in page


def test_budget_is_public_only_when_shared(client, city, approved):
    assert "USD 5,000,000" not in page_of(client, city)
    approved.budget_is_public = True
    approved.save()
    assert "USD 5,000,000 (2014)" in page_of(client, city)


# The public page's other sections


def test_detail_page_shows_the_latest_published_scores_only(client, frameworks, city):
    published = scored(frameworks, 3, member=city, year=2025)
    scored(frameworks, 1, member=city, year=2026, share="none")
    page = page_of(client, city)
    results = reverse("diagnostic:results", args=[published.pk])
    assert f'href="{results}"' in page
    assert "CeDS" in page and "2025" in page
    assert "All results of 2026" not in page
    assert "Bar chart of the domain scores" in page
    score = published.domain_scores["GM"]["score"]
    assert f"{score:.1f}" in page


def test_detail_page_without_published_scores_says_so(client, frameworks, city):
    scored(frameworks, 3, member=city, share="anonymous")
    page = page_of(client, city)
    assert "No published CeDS self-assessment yet." in page
    assert "/results/" not in page


def test_detail_page_lists_published_practices_and_awards(client, city):
    common = {"member": city, "city": "Harbour City", "country": "KR", "category": "services"}
    Practice.objects.create(
        slug="harbour-permits",
        title="Permits online",
        status=Practice.Status.PUBLISHED,
        award_year=2014,
        award_tier="best",
        **common,
    )
    Practice.objects.create(
        slug="harbour-data", title="Open harbour data", status="published", **common
    )
    Practice.objects.create(slug="harbour-draft", title="Secret draft", status="draft", **common)
    page = page_of(client, city)
    assert f'href="{reverse("practices:detail", args=["harbour-permits"])}"' in page
    assert "Open harbour data" in page
    assert "Best e-Government Prize, WeGO Awards 2014" in page
    assert "Secret draft" not in page


def test_detail_page_lists_accepted_meetings_and_partners_on_both_sides(
    client, city, other_city, approved
):
    for status, topic in [("accepted", "open data"), ("pending", "parking apps")]:
        MatchmakingRequest.objects.create(
            from_member=other_city, to_member=city, topic=topic, message="Hi", status=status
        )
    approved.partner_cities.add(other_city)
    assert "open data" not in page_of(client, city)  # meetings are not for the public
    client.force_login(make_user(Role.CITY_USER, member=other_city))
    page = page_of(client, city)
    assert "Matchmaking meeting with Lake Town about open data" in page
    assert "parking apps" not in page
    assert f'href="{other_city.get_absolute_url()}"' in page
    assert f'href="{city.get_absolute_url()}"' in page_of(client, other_city)


def test_focal_point_names_only_for_signed_in_city_users_and_staff(client, city, other_city):
    make_user(Role.FOCAL_POINT, member=city, full_name="Min-ji Focal")
    assert "Min-ji Focal" not in page_of(client, city)
    assert "see who the focal points are" in page_of(client, city)
    client.force_login(make_user(Role.CITY_USER, member=other_city))
    assert "Min-ji Focal" in page_of(client, city)
    client.force_login(make_user(Role.PARTNER))
    assert "Min-ji Focal" not in page_of(client, city)


# Demo data


def test_demo_profiles_are_public_and_load_twice_the_same(client, demo_network):
    seoul = page_of(client, demo_network_member("seoul"))
    assert "605.2 km²" in seoul and "USD 250,000,000 (2014)" in seoul
    assert "Chief Information Officer" in seoul
    chengdu = page_of(client, demo_network_member("chengdu"))
    assert "Director of the e-Government Office" in chengdu
    assert "USD 120,000,000" not in chengdu  # not shared
    assert "Da Nang" in chengdu  # named as partner by Chengdu
    assert "Seoul" in page_of(client, demo_network_member("gimpo"))  # named by Seoul
    count = MemberProfile.objects.count()
    call_command("load_demo_data", "--no-users", verbosity=0)
    assert MemberProfile.objects.count() == count == 10
    assert not MemberProfile.objects.exclude(review_state="approved").exists()


def demo_network_member(slug):
    from wego.members.models import Member

    return Member.objects.get(slug=slug)
