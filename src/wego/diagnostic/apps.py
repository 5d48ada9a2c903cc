from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiagnosticConfig(AppConfig):
    name = "wego.diagnostic"
    label = "diagnostic"
    verbose_name = _("CeDS diagnostic")

    def ready(self):
        # Its section of a member's page (members cannot import diagnostic).
        from wego.diagnostic.interfaces import member_page  # noqa: F401
