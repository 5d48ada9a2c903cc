from django.core.management.base import BaseCommand

from wego.awards.services.demo_data import load_awards_demo
from wego.diagnostic.services.demo_data import load_demo_assessments
from wego.events.services.demo_data import load_demo_events
from wego.members.models import Member
from wego.members.services.demo_data import load_demo_network
from wego.practices.services.demo_data import load_demo_practices


class Command(BaseCommand):
    help = (
        "Load the WeGO demo network: members, leadership, offices, accounts, practices, awards, "
        "events and invented CeDS assessments."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when members are already there (for `make run`).",
        )
        parser.add_argument(
            "--no-users", action="store_true", help="Do not create the demo accounts."
        )
        parser.add_argument(
            "--no-assessments",
            action="store_true",
            help="Do not invent CeDS assessments (for a real network: its map stays empty).",
        )

    def handle(self, *args, if_empty=False, no_users=False, no_assessments=False, **options):
        if if_empty and Member.objects.exists():
            self.stdout.write("Demo data already loaded; nothing to do.")
            return
        counts = load_demo_network(with_users=not no_users)
        counts["practices"] = load_demo_practices()
        counts |= load_awards_demo()  # after the practices: the 2014 winners apply with theirs
        counts |= load_demo_events()  # after the members and the accounts: delegations
        message = (
            "Loaded {members} members, {seats} leadership seats, {offices} offices, "
            "{users} demo accounts, {profiles} member profiles, {practices} good practices, "
            "{award_cycles} award cycles ({award_winners} winners of 2014, {award_judges} judges), "
            "{demo_events} demo events ({event_registrations} registrations, "
            "{event_meetings} meetings at the 2014 General Assembly)."
        )
        if not no_assessments:
            # After the accounts: the demo focal points and office staff act in the steps.
            counts |= load_demo_assessments()
            message += (
                " {demo_assessments} new demo assessments ({demo_published} published demo "
                "assessments of {demo_members} members in all)."
            )
        self.stdout.write(self.style.SUCCESS(message.format(**counts)))
