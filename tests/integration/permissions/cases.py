"""How to open each route of the platform: the arguments, the method, the data (shared by the
declared expectations in test_routes.py)."""

from tests.integration.permissions.routes import Case


def w_(attribute, field="pk"):
    """Arguments from the world: w_("draft") gives [world.draft.pk]."""

    def arguments(world):
        return [getattr(getattr(world, attribute), field)]

    return arguments


def member(world):
    return [world.seoul.slug]


OPENERS = {
    # Site, kernel, framework parts
    "site:home": {},
    "site:about": {},
    "site:staff_dashboard": {},
    "site:next_step": {},
    "sitemap": {},
    "javascript-catalog": {},
    "set_language": {"method": "post", "data": lambda w: {"language": "ko", "next": "/"}},
    "core:job": {"args": w_("job")},
    # API
    "api:openapi-json": {},
    "api:openapi-view": {},
    "api:api-root": {},
    "api:list_frameworks": {},
    "api:framework_detail": {"args": lambda w: ["ceds", "1.0"]},
    "api:list_assessments": {},
    "api:assessment_detail": {"args": w_("draft")},
    "api:save_answers": {"args": w_("draft"), "method": "put", "data": lambda w: {"answers": {}}},
    # Accounts
    "accounts:login": {},
    "accounts:logout": {"method": "post"},
    "accounts:profile": {},
    "accounts:password_reset": {},
    "accounts:password_reset_done": {},
    "accounts:password_reset_confirm": {"args": lambda w: ["MQ", "no-such-token"]},
    "accounts:password_reset_complete": {},
    "accounts:invitations": {},
    "accounts:invite": {},
    "accounts:accept_invitation": {"args": lambda w: [w.invitation_token]},
    # Members
    "members:directory": {},
    "members:profile_reviews": {},
    "members:detail": {"args": member},
    "members:team": {"args": member},
    "members:profile_edit": {"args": member},
    "members:profile_review": {"args": member},
    # Diagnostic
    "diagnostic:home": {},
    "diagnostic:framework": {"args": lambda w: ["ceds", "1.0"]},
    "diagnostic:start": {},
    "diagnostic:network": {},
    "diagnostic:map": {},
    "diagnostic:module": {"args": lambda w: [w.module]},
    "diagnostic:peer_groups": {},
    "diagnostic:peer_group_new": {},
    "diagnostic:peer_group": {"args": w_("peer_group")},
    "diagnostic:peer_group_delete": {"args": w_("peer_group"), "method": "post"},
    "diagnostic:assessment": {"args": w_("draft")},
    "diagnostic:fill_in": {"args": lambda w: [w.draft.pk, w.domain]},
    "diagnostic:assign": {"args": w_("draft")},
    "diagnostic:submit": {
        "args": w_("draft"),
        "method": "post",
        "data": lambda w: {"confirm": "yes"},
    },
    "diagnostic:review": {"args": w_("submitted")},
    "diagnostic:publish": {"args": w_("published"), "method": "post"},
    "diagnostic:history": {"args": w_("draft")},
    "diagnostic:results": {"args": w_("draft")},
    "diagnostic:benchmark": {"args": w_("draft")},
    "diagnostic:roadmap": {"args": w_("draft")},
    "diagnostic:roadmap_item": {
        "args": lambda w: [w.draft.pk, w.indicator],
        "method": "post",
    },
    "diagnostic:roadmap_reset": {"args": w_("draft"), "method": "post"},
    "diagnostic:master_plan": {"args": w_("draft"), "query": "format=docx"},
    "diagnostic:what_if": {"args": w_("draft")},
    "diagnostic:evidence": {"args": lambda w: [w.draft.pk, w.question]},
    "diagnostic:report_pdf": {"args": w_("published")},
    "diagnostic:results_xlsx": {"args": w_("published")},
    "diagnostic:workbook": {"args": w_("draft")},
    "diagnostic:workbook_upload": {"args": w_("draft")},
    "diagnostic:workbook_preview": {"args": lambda w: [w.draft.pk, w.upload.pk]},
    # Events
    "events:matchmaking": {},
    "events:matchmaking_new": {},
    "events:matchmaking_answer": {"args": w_("request"), "method": "post"},
    "events:calendar": {},
    "events:feed": {},
    "events:detail": {"args": w_("public_event", "slug")},
    "events:event_feed": {"args": w_("public_event", "slug")},
    "events:new": {},
    "events:edit": {"args": w_("draft_event", "slug")},
    "events:programme": {"args": w_("draft_event", "slug")},
    "events:badges": {"args": lambda w: [w.letters_event.slug]},
    "events:check_in_desk": {"args": lambda w: [w.letters_event.slug]},
    "events:check_in": {
        "args": lambda w: [w.letters_event.slug, w.passport_registration.badge_code]
    },
    "events:passport": {"args": lambda w: [w.letters_event.slug, w.passport_registration.token]},
    "events:visa_letter": {"args": lambda w: [w.letters_event.slug, w.passport_registration.token]},
    "events:registration_letter": {
        "args": lambda w: [w.letters_event.slug, w.passport_registration.pk]
    },
    "events:meetings": {"args": w_("meetings_event", "slug")},
    "events:meeting_new": {"args": w_("meetings_event", "slug")},
    "events:meeting_answer": {
        "args": lambda w: [w.meetings_event.slug, w.meeting_request.pk],
        "method": "post",
    },
    "events:meeting_cancel": {
        "args": lambda w: [w.meetings_event.slug, w.meeting_to_cancel.pk],
        "method": "post",
    },
    "events:availability": {"args": w_("meetings_event", "slug")},
    "events:schedule": {"args": w_("meetings_event", "slug")},
    "events:meeting_place": {
        "args": lambda w: [w.meetings_event.slug, w.meeting_accepted.pk],
        "method": "post",
    },
    "events:meeting_pin": {
        "args": lambda w: [w.meetings_event.slug, w.meeting_accepted.pk],
        "method": "post",
        "data": lambda w: {"pinned": "1"},
    },
    "events:agenda": {"args": w_("meetings_event", "slug")},
    "events:agenda_pdf": {"args": w_("meetings_event", "slug")},
    "events:agenda_feed": {
        "args": lambda w: [w.meetings_event.slug, w.meetings_registration.token]
    },
    "events:personal_agenda_pdf": {
        "args": lambda w: [w.meetings_event.slug, w.meetings_registration.token]
    },
    "events:register": {"args": w_("registration_event", "slug")},
    "events:delegation": {"args": lambda w: [w.registration_event.slug, w.seoul_delegation.pk]},
    "events:registrations": {"args": w_("registration_event", "slug")},
    "events:registrations_export": {"args": w_("registration_event", "slug")},
    "events:participants": {"args": w_("registration_event", "slug")},
    "events:participants_export": {"args": w_("registration_event", "slug")},
    "events:personal": {"args": lambda w: [w.registration_event.slug, w.seoul_registration.token]},
    # Paper ballots (staff): the open election, nobody has voted
    "events:election_paper": {"args": lambda w: [w.elections_event.slug, w.open_election.pk]},
    "events:election_paper_vote": {
        "args": lambda w: [w.elections_event.slug, w.open_election.pk],
        "method": "post",
        "data": lambda w: {"member": w.seoul.pk},
    },
    "events:election_paper_entry": {
        "args": lambda w: [w.elections_event.slug, w.open_election.pk],
        "method": "post",
    },
    "events:election_paper_remove": {
        "args": lambda w: [w.elections_event.slug, w.open_election.pk],
        "method": "post",
    },
    "events:election_paper_confirm": {
        "args": lambda w: [w.elections_event.slug, w.open_election.pk],
        "method": "post",
    },
    "events:election_paper_sheets": {
        "args": lambda w: [w.elections_event.slug, w.open_election.pk],
        "data": lambda w: {"count": 1},
    },
    # Elections: the delegates' and the public's pages (world._elections)
    "events:elections": {"args": w_("elections_event", "slug")},
    "events:election": {"args": lambda w: [w.elections_event.slug, w.open_election.pk]},
    "events:election_vote": {"args": lambda w: [w.elections_event.slug, w.open_election.pk]},
    "events:election_find_ballot": {
        "args": lambda w: [w.elections_event.slug, w.published_election.pk],
        "method": "post",
        "data": lambda w: {"receipt": w.published_receipt},
    },
    "events:election_ballots": {
        "args": lambda w: [w.elections_event.slug, w.published_election.pk]
    },
    "events:election_recount": {
        "args": lambda w: [w.elections_event.slug, w.published_election.pk]
    },
    # Elections: preparing and running them (staff), candidacies, delegates and proxies
    "events:election_new": {"args": w_("elections_event", "slug")},
    "events:election_edit": {"args": lambda w: [w.elections_event.slug, w.preparing_election.pk]},
    "events:election_step": {
        "args": lambda w: [w.elections_event.slug, w.preparing_election.pk],
        "method": "post",
        "data": lambda w: {"step": "announce"},
    },
    "events:election_candidacies": {
        "args": lambda w: [w.elections_event.slug, w.ready_election.pk]
    },
    "events:election_proxies": {"args": lambda w: [w.elections_event.slug, w.ready_election.pk]},
    "events:accreditation": {"args": w_("elections_event", "slug")},
    "events:accreditation_export": {"args": w_("elections_event", "slug"), "query": "format=csv"},
    # Practices
    "practices:list": {},
    "practices:new": {},
    "practices:review_queue": {},
    "practices:search_index": {},
    "practices:feed_rss": {},
    "practices:feed_atom": {},
    "practices:detail": {"args": w_("draft_practice", "slug")},
    "practices:edit": {"args": w_("draft_practice", "slug")},
    "practices:submit": {"args": w_("draft_practice", "slug"), "method": "post"},
    "practices:review": {"args": w_("practice_in_review", "slug")},
    "practices:revise": {"args": w_("published_practice", "slug"), "method": "post"},
    "practices:history": {"args": w_("draft_practice", "slug")},
    "practices:upload": {"args": w_("draft_practice", "slug"), "method": "post"},
    "practices:file": {
        "args": lambda w: [w.draft_practice.slug, w.draft_practice.files.get().pk],
    },
    # Awards
    "awards:cycles": {},
    "awards:new_cycle": {},
    "awards:my_applications": {},
    "awards:application": {"args": w_("draft_application")},
    "awards:application_files": {"args": w_("draft_application"), "method": "post"},
    "awards:application_file": {
        "args": lambda w: [w.draft_application.pk, w.draft_application.files.get().pk],
    },
    "awards:submit": {"args": w_("draft_application"), "method": "post"},
    "awards:withdraw": {"args": w_("draft_application"), "method": "post"},
    "awards:judging": {},
    "awards:score": {"args": w_("judged_application")},
    "awards:cycle": {"args": w_("open_cycle", "slug")},
    "awards:apply": {"args": w_("open_cycle", "slug")},
    "awards:winners": {"args": w_("past_cycle", "slug")},
    "awards:certificate": {"args": lambda w: [w.past_cycle.slug, w.winner.pk]},
    "awards:certificates": {"args": w_("past_cycle", "slug")},
    "awards:edit_cycle": {"args": w_("judging_cycle", "slug")},
    "awards:criteria": {"args": w_("judging_cycle", "slug")},
    "awards:manage": {"args": w_("judging_cycle", "slug")},
    "awards:panel": {"args": w_("judging_cycle", "slug")},
    "awards:judge": {"args": lambda w: [w.judging_cycle.slug, w.panel_judge.pk]},
    "awards:assign": {"args": w_("judging_cycle", "slug"), "method": "post"},
    "awards:remind": {"args": w_("judging_cycle", "slug"), "method": "post"},
    "awards:results": {"args": w_("judging_cycle", "slug")},
    "awards:decide": {
        "args": lambda w: [w.judging_cycle.slug, w.judged_application.pk],
        "method": "post",
    },
    "awards:publish": {"args": w_("judging_cycle", "slug"), "method": "post"},
}


def case(route, expect, label="", **overrides) -> Case:
    """The route opened as OPENERS says (or as `overrides` change it), expecting `expect`."""
    return Case(route=route, expect=expect, label=label, **{**OPENERS.get(route, {}), **overrides})
