from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from wego.core import views as core_views
from wego.core.admin_site import admin_site
from wego.site.api import api
from wego.site.sitemaps import SITEMAPS

urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("api/v1/", api.urls),
]

urlpatterns += i18n_patterns(
    path("", include("wego.site.urls")),
    path("", include("wego.core.urls")),
    path("members/", include("wego.members.urls")),
    path("diagnostic/", include("wego.diagnostic.urls")),
    path("events/", include("wego.events.urls")),
    path("practices/", include("wego.practices.urls")),
    path("awards/", include("wego.awards.urls")),
    path("accounts/", include("wego.accounts.urls")),
    path("admin/", admin_site.urls),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    prefix_default_language=False,
)

handler403 = "wego.core.views.permission_denied"
handler404 = "wego.core.views.page_not_found"
handler500 = "wego.core.views.server_error"
