from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "wego.events"
    label = "events"
    verbose_name = _("Events and matchmaking")

    def ready(self):
        # Its section of a member's page (members cannot import events).
        from wego.events.interfaces import member_page  # noqa: F401
