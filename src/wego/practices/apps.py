from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "wego.practices"
    label = "practices"
    verbose_name = _("Good practices")

    def ready(self):
        # Its section of a member's page and its answers to the diagnostic's pages (neither
        # members nor the diagnostic may import practices).
        from wego.practices.interfaces import indicator_help, member_page  # noqa: F401
