from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The top of the platform: pages made from several domains (home, about, staff
    dashboard), the sitemap, the API's root and the demo network's loading."""

    name = "wego.site"
    label = "site"
    verbose_name = _("Site")
