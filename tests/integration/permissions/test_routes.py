"""Every route of the platform, for every subject, against what it should get.

The routes come from the URL configuration itself; each needs at least one case below (a route
nobody declared fails `test_every_route_has_a_declared_outcome`, so a new view cannot be
forgotten). A case says how the route is opened (tests/integration/permissions/cases.py) and what
each subject gets: the demo accounts (secretariat, the Asia office, Seoul's focal point,
Nairobi's city user, the judge, the partner), a judge with a conflict of interest, and an
anonymous visitor. The world they meet is in world.py: Seoul owns an object of each kind.
"""

import pytest
from django.db import transaction
from django.test import override_settings

from tests.integration.permissions.cases import case
from tests.integration.permissions.opening import admin_case, open_as
from tests.integration.permissions.routes import (
    DONE,
    GONE,
    INVALID,
    LOGIN,
    MISSING,
    NO,
    OK,
    all_routes,
)
from tests.integration.permissions.world import SUBJECTS, build_world

_NAMES = {name.replace("-", "_").replace(" ", "_"): name for name in SUBJECTS}


def expect(default: str, **given: str) -> dict[str, str]:
    """`default` for every subject but those named (asia_office, conflicted_judge, ...)."""
    row = dict.fromkeys(SUBJECTS, default)
    for key, value in given.items():
        row[_NAMES[key]] = value
    return row


def only(*allowed: str, outcome: str = OK, others: str = NO) -> dict[str, str]:
    """Signed-in subjects named get `outcome`, other signed-in ones `others`; nobody: sign in."""
    row = expect(others, anonymous=LOGIN)
    row.update({_NAMES[name]: outcome for name in allowed})
    return row


PUBLIC = expect(OK)
SIGNED_IN = expect(OK, anonymous=LOGIN)
STAFF = only("secretariat", "asia_office")
SECRETARIAT = only("secretariat")
CITY_USERS = only("seoul", "nairobi")
SEOUL = only("seoul")
SEOUL_AND_STAFF = only("seoul", "secretariat", "asia_office")
SEOUL_NAIROBI_AND_STAFF = only("seoul", "nairobi", "secretariat", "asia_office")
JUDGES = only("judge", "conflicted_judge")
# What only Seoul and the staff may see answers "not found" to the others (and to nobody) where
# the object's existence is itself private: the API and background jobs.
SEOUL_AND_STAFF_ELSE_MISSING = expect(MISSING, secretariat=OK, asia_office=OK, seoul=OK)

CASES = [
    # The site, the kernel, the framework's own routes
    case("site:home", PUBLIC),
    case("site:about", PUBLIC),
    case("site:staff_dashboard", STAFF),
    case("site:next_step", expect(DONE, anonymous=LOGIN)),  # on to each person's next task
    case("sitemap", PUBLIC),
    case("javascript-catalog", PUBLIC),
    case("set_language", expect(DONE)),
    case("core:job", expect(MISSING, anonymous=LOGIN, secretariat=OK, seoul=OK), "Seoul's"),
    case(  # "no such job" answers as "not yours" does
        "core:job", expect(MISSING, anonymous=LOGIN), "no such job", args=lambda w: [999_999]
    ),
    # The JSON API
    case("api:openapi-json", PUBLIC),
    case("api:openapi-view", PUBLIC),
    case("api:api-root", expect(MISSING)),
    case("api:list_frameworks", PUBLIC),
    case("api:framework_detail", PUBLIC),
    case("api:list_assessments", PUBLIC),
    case("api:assessment_detail", SEOUL_AND_STAFF_ELSE_MISSING, "draft"),
    case("api:assessment_detail", PUBLIC, "published", args=lambda w: [w.published.pk]),
    case(
        "api:save_answers",
        expect(MISSING, anonymous=LOGIN, seoul=OK, secretariat=NO, asia_office=NO),
        "draft",
    ),
    case(
        "api:save_answers",
        expect(NO, anonymous=LOGIN),
        "published",
        args=lambda w: [w.published.pk],
    ),
    # Accounts
    case("accounts:login", PUBLIC),
    case("accounts:logout", expect(DONE)),
    case("accounts:profile", SIGNED_IN),
    case("accounts:password_reset", PUBLIC),
    case("accounts:password_reset_done", PUBLIC),
    case("accounts:password_reset_confirm", PUBLIC),  # the page says the link is not valid
    case("accounts:password_reset_complete", PUBLIC),
    case("accounts:invitations", STAFF),
    case("accounts:invite", STAFF),
    case("accounts:accept_invitation", PUBLIC, "valid token"),  # the token is the credential
    case("accounts:accept_invitation", expect(GONE), "no such token", args=lambda w: ["x" * 43]),
    # Members
    case("members:directory", PUBLIC),
    case("members:profile_reviews", STAFF),
    case("members:detail", PUBLIC),
    case("members:team", SEOUL_AND_STAFF),
    case("members:profile_edit", SEOUL),
    case("members:profile_review", STAFF),
    # The CeDS diagnostic
    case("diagnostic:home", PUBLIC),
    case("diagnostic:framework", PUBLIC),
    case("diagnostic:start", CITY_USERS),
    case("diagnostic:network", STAFF),
    case("diagnostic:map", PUBLIC),
    case("diagnostic:module", PUBLIC),
    case("diagnostic:peer_groups", CITY_USERS),
    case("diagnostic:peer_group_new", CITY_USERS),
    case("diagnostic:peer_group", SEOUL),
    case("diagnostic:peer_group_delete", only("seoul", outcome=DONE)),
    case("diagnostic:assessment", SEOUL_AND_STAFF),
    case("diagnostic:assessment", SEOUL_AND_STAFF, "published", args=lambda w: [w.published.pk]),
    case("diagnostic:fill_in", SEOUL_AND_STAFF),  # staff read the answers; only the city writes
    case("diagnostic:fill_in", only("seoul", outcome=DONE), "answer", method="post"),
    case("diagnostic:assign", SEOUL),
    case("diagnostic:submit", only("seoul", outcome=DONE)),
    case("diagnostic:submit", SEOUL, "what is submitted", method="get"),
    case("diagnostic:submit", only("seoul", outcome=INVALID), "unconfirmed", data=lambda w: {}),
    case("diagnostic:review", STAFF, "submitted"),
    case("diagnostic:review", only(), "draft", args=lambda w: [w.draft.pk]),
    case("diagnostic:publish", only("seoul", outcome=DONE)),
    case("diagnostic:history", SEOUL_AND_STAFF),
    case("diagnostic:results", SEOUL_AND_STAFF, "draft"),
    case("diagnostic:results", PUBLIC, "published", args=lambda w: [w.published.pk]),
    case("diagnostic:benchmark", SEOUL_AND_STAFF, "draft"),
    case("diagnostic:benchmark", PUBLIC, "published", args=lambda w: [w.published.pk]),
    case("diagnostic:roadmap", SEOUL_AND_STAFF),
    case("diagnostic:roadmap", SEOUL_AND_STAFF, "published", args=lambda w: [w.published.pk]),
    case("diagnostic:roadmap_item", only("seoul", outcome=INVALID)),
    case("diagnostic:roadmap_reset", only("seoul", outcome=DONE)),
    case("diagnostic:master_plan", SEOUL_AND_STAFF),
    case("diagnostic:what_if", SEOUL_AND_STAFF),
    case("diagnostic:evidence", SEOUL_AND_STAFF),
    case("diagnostic:report_pdf", PUBLIC, "published"),
    case("diagnostic:report_pdf", SEOUL_AND_STAFF, "draft", args=lambda w: [w.draft.pk]),
    case("diagnostic:results_xlsx", PUBLIC, "published"),
    case("diagnostic:results_xlsx", SEOUL_AND_STAFF, "draft", args=lambda w: [w.draft.pk]),
    case("diagnostic:workbook", SEOUL_AND_STAFF),
    case("diagnostic:workbook_upload", SEOUL),
    case("diagnostic:workbook_preview", SEOUL),
    # Events
    case("events:matchmaking", CITY_USERS),
    case("events:matchmaking_new", CITY_USERS),
    case("events:matchmaking_answer", only("seoul", outcome=INVALID)),  # only the asked city
    # The calendar, an event's page and feeds; staff prepare events
    case("events:calendar", PUBLIC),
    case("events:feed", PUBLIC),
    case("events:detail", PUBLIC, "public"),
    case(  # members only: anyone with a role on the platform
        "events:detail",
        expect(OK, anonymous=MISSING),
        "members only",
        args=lambda w: [w.members_event.slug],
    ),
    case(
        "events:detail",
        expect(MISSING, secretariat=OK, asia_office=OK),
        "draft",
        args=lambda w: [w.draft_event.slug],
    ),
    case("events:event_feed", PUBLIC, "public"),
    case(
        "events:event_feed",
        expect(MISSING, secretariat=OK, asia_office=OK),
        "draft",
        args=lambda w: [w.draft_event.slug],
    ),
    case("events:new", STAFF),
    case("events:edit", STAFF),
    case("events:programme", STAFF),
    case(  # a form without an action changes nothing
        "events:programme",
        only("secretariat", "asia_office", outcome=INVALID),
        "post",
        method="post",
    ),
    # Arrival: badges, check-in, passport details and invitation letters
    case("events:badges", STAFF, "every badge"),
    case(
        "events:badges",
        SEOUL_AND_STAFF,
        "Seoul's delegation",
        data=lambda w: {"delegation": w.letters_delegation.pk},
    ),
    case("events:check_in_desk", STAFF),
    case("events:check_in", STAFF, "Seoul's badge"),
    case("events:check_in", STAFF, "checking in", method="post"),
    case(
        "events:check_in",
        STAFF,
        "another event's badge",
        method="post",
        args=lambda w: [w.letters_event.slug, w.other_event_registration.badge_code],
    ),
    case("events:passport", PUBLIC),  # the person's own secret address, no account needed
    case("events:visa_letter", PUBLIC),
    case("events:registration_letter", STAFF),  # the staff who look after Seoul
    # Matchmaking at an event: the delegations' users, the person, the staff's schedule
    case("events:meetings", CITY_USERS),  # Seoul's and Nairobi's delegations are there
    case("events:meeting_new", CITY_USERS),
    case("events:meeting_answer", only("seoul", outcome=INVALID)),  # only the asked side
    case("events:meeting_cancel", only("seoul", "nairobi", outcome=DONE)),  # either side
    case("events:availability", expect(MISSING, seoul=OK, anonymous=LOGIN)),  # registered
    case("events:schedule", STAFF),
    case("events:meeting_place", only("secretariat", "asia_office", outcome=INVALID)),
    case("events:meeting_pin", only("secretariat", "asia_office", outcome=DONE)),
    case("events:agenda", expect(MISSING, seoul=OK, anonymous=LOGIN)),
    case("events:agenda_pdf", expect(MISSING, seoul=OK, anonymous=LOGIN)),
    case("events:agenda_feed", PUBLIC),  # the person's own secret address
    case("events:personal_agenda_pdf", PUBLIC),
    # Registration by delegation
    case("events:register", expect(OK, anonymous=LOGIN, judge=NO, conflicted_judge=NO)),
    case("events:delegation", SEOUL_AND_STAFF),  # Seoul's; the Asia office looks after Seoul
    case("events:registrations", STAFF),
    case("events:registrations_export", STAFF),
    case("events:participants", PUBLIC),  # a public event's consented, approved people
    case("events:participants_export", PUBLIC),
    case("events:personal", PUBLIC, "own token"),  # the person's own secret address
    case(
        "events:personal",
        expect(MISSING),
        "wrong token",
        args=lambda w: [w.registration_event.slug, "not-the-token"],
    ),
    # Paper ballots: network staff only
    case("events:election_paper", STAFF, "open"),
    case(
        "events:election_paper",
        STAFF,
        "published",
        args=lambda w: [w.elections_event.slug, w.published_election.pk],
    ),
    case("events:election_paper_vote", only("secretariat", "asia_office", outcome=DONE)),
    case("events:election_paper_entry", only("secretariat", "asia_office", outcome=INVALID)),
    case("events:election_paper_remove", only("secretariat", "asia_office", outcome=DONE)),
    case(  # no sheet entered yet
        "events:election_paper_confirm", only("secretariat", "asia_office", outcome=INVALID)
    ),
    case("events:election_paper_sheets", STAFF, "one sheet"),
    case(
        "events:election_paper_sheets",
        only("secretariat", "asia_office", outcome=INVALID),
        "no count",
        data=lambda w: {},
    ),
    case(
        "events:election_paper_sheets",
        only("secretariat", "asia_office", outcome=INVALID),
        "before the order is drawn",
        args=lambda w: [w.elections_event.slug, w.preparing_election.pk],
    ),
    # Elections: anyone who sees the event sees its announced elections; delegates vote
    case("events:elections", PUBLIC),
    case("events:election", PUBLIC, "open"),
    case(
        "events:election",
        expect(MISSING, secretariat=OK, asia_office=OK),
        "in preparation",
        args=lambda w: [w.elections_event.slug, w.preparing_election.pk],
    ),
    case(
        "events:election",
        PUBLIC,
        "published",
        args=lambda w: [w.elections_event.slug, w.published_election.pk],
    ),
    case("events:election_vote", only("seoul", "nairobi"), "the ballot"),
    case(  # Seoul's delegate votes for Seoul; Nairobi's may not vote for Seoul
        "events:election_vote",
        only("seoul", outcome=OK, others=NO) | {"nairobi": INVALID},
        "Seoul's vote",
        method="post",
        data=lambda w: {"city": w.seoul.pk, "office-president": [w.seoul.pk]},
    ),
    case(  # the page says voting has not opened
        "events:election_vote",
        only("seoul", "nairobi"),
        "not open yet",
        args=lambda w: [w.elections_event.slug, w.ready_election.pk],
    ),
    case(
        "events:election_vote",
        expect(MISSING, secretariat=NO, asia_office=NO, anonymous=LOGIN),
        "in preparation",
        args=lambda w: [w.elections_event.slug, w.preparing_election.pk],
    ),
    case("events:election_find_ballot", PUBLIC, "Seoul's receipt"),
    case(
        "events:election_find_ballot",
        expect(INVALID),
        "no such receipt",
        data=lambda w: {"receipt": "0000-0000-0000-0000"},
    ),
    case("events:election_find_ballot", PUBLIC, "the form", method="get"),
    case("events:election_ballots", PUBLIC, "published"),
    case(
        "events:election_ballots",
        expect(MISSING),
        "voting open",
        args=lambda w: [w.elections_event.slug, w.open_election.pk],
    ),
    case("events:election_recount", PUBLIC, "published"),
    case(
        "events:election_recount",
        expect(MISSING),
        "voting open",
        args=lambda w: [w.elections_event.slug, w.open_election.pk],
    ),
    # Elections: staff prepare and step them; member cities (and staff) stand, accredit their
    # delegate and give their vote by proxy
    case("events:election_new", STAFF),
    case("events:election_edit", STAFF, "in preparation"),
    case(
        "events:election_edit",
        only("secretariat", "asia_office", outcome=INVALID),
        "an action not understood",
        method="post",
        data=lambda w: {"action": "no-such-action"},
    ),
    case("events:election_step", only("secretariat", "asia_office", outcome=DONE), "announce"),
    case(
        "events:election_step",
        only("secretariat", "asia_office", outcome=INVALID),
        "no such step",
        data=lambda w: {"step": "redraw"},
    ),
    case("events:election_candidacies", SEOUL_NAIROBI_AND_STAFF, "candidacies closed"),
    case(  # an election in preparation is the staff's: the cities do not know it exists
        "events:election_candidacies",
        expect(NO, anonymous=LOGIN, seoul=MISSING, nairobi=MISSING, secretariat=OK, asia_office=OK),
        "in preparation",
        args=lambda w: [w.elections_event.slug, w.preparing_election.pk],
    ),
    case("events:election_proxies", SEOUL_NAIROBI_AND_STAFF, "before voting"),
    case("events:accreditation", SEOUL_NAIROBI_AND_STAFF),
    case("events:accreditation_export", STAFF),
    # Good practices
    case("practices:list", PUBLIC),
    case("practices:new", only("seoul", "nairobi", "secretariat", "asia_office")),
    case("practices:review_queue", STAFF),
    case("practices:search_index", SECRETARIAT),
    case("practices:feed_rss", PUBLIC),
    case("practices:feed_atom", PUBLIC),
    case("practices:detail", SEOUL_AND_STAFF, "draft"),
    case("practices:detail", PUBLIC, "published", args=lambda w: [w.published_practice.slug]),
    case("practices:edit", SEOUL_AND_STAFF, "draft"),
    case("practices:submit", only("seoul", outcome=DONE)),
    case("practices:review", STAFF, "in review"),
    case("practices:revise", only("seoul", outcome=DONE), "published"),
    case("practices:history", SEOUL_AND_STAFF),
    case("practices:upload", only("seoul", "secretariat", "asia_office", outcome=INVALID)),
    case("practices:file", SEOUL_AND_STAFF, "of a draft"),
    case(
        "practices:file",
        PUBLIC,
        "of a published practice",
        args=lambda w: [w.published_practice.slug, w.published_practice.files.get().pk],
    ),
    # WeGO Awards
    case("awards:cycles", PUBLIC),
    case("awards:new_cycle", SECRETARIAT),
    case("awards:my_applications", CITY_USERS),
    case("awards:application", only("seoul", "secretariat"), "draft"),
    case(
        "awards:application",
        only("seoul", "secretariat", "judge"),  # never the conflicted judge
        "being judged",
        args=lambda w: [w.judged_application.pk],
    ),
    case("awards:application_files", only("seoul", outcome=INVALID)),
    case("awards:application_file", only("seoul", "secretariat")),
    case("awards:submit", only("seoul", outcome=INVALID)),  # the draft misses what it needs
    case("awards:withdraw", only("seoul", outcome=DONE)),
    case("awards:judging", JUDGES),
    case("awards:score", only("judge")),
    case("awards:score", only("judge", outcome=DONE), "saving a draft", method="post"),
    case("awards:cycle", PUBLIC, "open"),
    case("awards:cycle", PUBLIC, "judging", args=lambda w: [w.judging_cycle.slug]),
    case("awards:apply", CITY_USERS),
    case("awards:winners", PUBLIC, "published"),
    case(  # the secretariat sees the page before it goes public
        "awards:winners",
        expect(MISSING, secretariat=OK),
        "not yet published",
        args=lambda w: [w.judging_cycle.slug],
    ),
    case("awards:certificate", PUBLIC),
    case("awards:certificates", SECRETARIAT),
    case("awards:edit_cycle", SECRETARIAT),
    case("awards:criteria", SECRETARIAT),
    case("awards:manage", SECRETARIAT),
    case("awards:panel", SECRETARIAT),
    case("awards:judge", SECRETARIAT),
    case("awards:assign", only("secretariat", outcome=INVALID)),  # not enough judges
    case("awards:remind", only("secretariat", outcome=DONE)),
    case("awards:results", SECRETARIAT),
    case("awards:decide", only("secretariat", outcome=INVALID)),
    case("awards:publish", only("secretariat", outcome=INVALID)),  # no decision yet
]

# The administration (Django's admin, its routes made per model): the secretariat only, and the
# platform's own sign-in page for everybody else who is not signed in.
ADMIN_EXCEPTIONS = {
    "admin:login": expect(LOGIN),  # the platform's sign-in page, never a second one
    "admin:logout": only("secretariat", outcome=DONE),
    "admin:autocomplete": only(),  # refused without its parameters, to everyone
    # Judges' reviews are theirs: the administration shows them, it neither adds nor deletes
    "admin:awards_review_add": only(),
    "admin:awards_review_delete": only(),
    "admin:view_on_site": only("secretariat", outcome=DONE),
    # Django's catch-all: past the guard, an unknown admin address is "not found"
    "admin/(?P<url>.*)$": only("secretariat", outcome=MISSING),
}


def admin_expectation(route) -> dict[str, str]:
    if route.key in ADMIN_EXCEPTIONS:
        return ADMIN_EXCEPTIONS[route.key]
    if route.key == route.pattern:  # "<object_id>/": on to the change page
        return only("secretariat", outcome=DONE)
    return SECRETARIAT


def is_admin(route) -> bool:
    return route.pattern.startswith("admin/")


ROUTES = {route.key: route for route in all_routes()}
ADMIN_CASES = [admin_case(r, admin_expectation(r)) for r in ROUTES.values() if is_admin(r)]


def declaration_problems(routes, cases) -> list[str]:
    """Routes with no declared case, and cases for routes that no longer exist."""
    declared = {c.route for c in cases}
    missing = sorted(key for key in routes if key not in declared)
    stale = sorted(key for key in declared if key not in routes)
    return [f"no declared outcome for route {key}" for key in missing] + [
        f"declared route {key} does not exist" for key in stale
    ]


def test_every_route_has_a_declared_outcome():
    """Read from the URL configuration in force, as the platform serves it."""
    served = {route.key: route for route in all_routes()}
    problems = declaration_problems(served, CASES + ADMIN_CASES)
    assert not problems, "\n".join(problems)


def test_a_route_added_without_a_declared_outcome_fails_the_suite(settings):
    """The test of the test: one more page in the URLs, nobody declared who may open it."""
    settings.ROOT_URLCONF = "tests.integration.permissions.extra_urls"
    with pytest.raises(AssertionError) as failed:
        test_every_route_has_a_declared_outcome()
    assert "no declared outcome for route new_report" in str(failed.value)


def test_every_case_names_every_subject():
    for declared in CASES + ADMIN_CASES:
        assert set(declared.expect) == set(SUBJECTS), declared.id


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, shipped_frameworks, tmp_path_factory):
    """Built once for the module; each subject's request is rolled back to it."""
    media = tmp_path_factory.mktemp("media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hashers):
        with transaction.atomic():
            yield build_world(shipped_frameworks)
            transaction.set_rollback(True)


@pytest.mark.parametrize("declared", CASES + ADMIN_CASES, ids=lambda c: c.id)
def test_route(declared, world, client, db):
    route = ROUTES[declared.route]
    wrong = []
    for subject in SUBJECTS:
        savepoint = transaction.savepoint()
        try:
            got, response = open_as(client, world, declared, route, subject)
        finally:
            transaction.savepoint_rollback(savepoint)
            client.logout()
        if got != declared.expect[subject]:
            wrong.append(f"{subject}: expected {declared.expect[subject]}, got {got}")
        if got == NO and response["Content-Type"].startswith("text/html"):
            assert "You do not have access to this page" in response.content.decode()
    assert not wrong, f"{declared.id}:\n" + "\n".join(wrong)
