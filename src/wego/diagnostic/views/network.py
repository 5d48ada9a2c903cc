"""The network's view: the staff dashboard and the public world map of published results."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wego.core.exports import PDF, XLSX, download, export_response
from wego.diagnostic.interfaces.network import network_context, network_pdf, network_xlsx
from wego.diagnostic.interfaces.world_map import (
    current_version,
    export_rows,
    map_context,
    published_results,
)
from wego.diagnostic.views.base import language


class NetworkDashboardView(PermissionRequiredMixin, View):
    """Participation, maturity by domain and region, common gaps: for the network's staff."""

    permission_required = "diagnostic.view_submissions"

    def get(self, request):
        context = network_context(request.user, language())
        wanted = request.GET.get("format")
        if context["version"] and wanted == "xlsx":
            return download(network_xlsx(context), XLSX, "ceds-network.xlsx")
        if context["version"] and wanted == "pdf":
            return download(network_pdf(context), PDF, "ceds-network.pdf", inline=True)
        return render(request, "diagnostic/network.html", context)


class WorldMapView(View):
    """Published results on a world map, with the same figures as a table (public)."""

    def get(self, request):
        version = current_version()
        rows = published_results(version, language())
        exported = export_response(
            request,
            _("Published results"),
            export_rows(rows, request.build_absolute_uri),
            "ceds-results-map",
        )
        if exported:
            return exported
        return render(request, "diagnostic/world_map.html", map_context(rows, version))
