from django.urls import path

from wego.diagnostic.views import (
    answering,
    home,
    lifecycle,
    network,
    peers,
    planning,
    results,
    workbooks,
)

app_name = "diagnostic"
urlpatterns = [
    path("", home.DiagnosticHomeView.as_view(), name="home"),
    path("frameworks/<slug:code>/<str:version>/", home.FrameworkView.as_view(), name="framework"),
    path("start/", home.StartAssessmentView.as_view(), name="start"),
    path("network/", network.NetworkDashboardView.as_view(), name="network"),
    path("map/", network.WorldMapView.as_view(), name="map"),
    path("modules/<slug:code>/", planning.ModuleGuideView.as_view(), name="module"),
    path("peer-groups/", peers.PeerGroupListView.as_view(), name="peer_groups"),
    path("peer-groups/new/", peers.PeerGroupEditView.as_view(), name="peer_group_new"),
    path("peer-groups/<int:pk>/", peers.PeerGroupEditView.as_view(), name="peer_group"),
    path(
        "peer-groups/<int:pk>/delete/",
        peers.PeerGroupDeleteView.as_view(),
        name="peer_group_delete",
    ),
    path("assessments/<int:pk>/", lifecycle.AssessmentView.as_view(), name="assessment"),
    path(
        "assessments/<int:pk>/domains/<str:domain>/", answering.FillInView.as_view(), name="fill_in"
    ),
    path("assessments/<int:pk>/assign/", answering.AssignDomainsView.as_view(), name="assign"),
    path("assessments/<int:pk>/submit/", lifecycle.SubmitView.as_view(), name="submit"),
    path("assessments/<int:pk>/review/", lifecycle.ReviewView.as_view(), name="review"),
    path("assessments/<int:pk>/publish/", lifecycle.PublishView.as_view(), name="publish"),
    path("assessments/<int:pk>/history/", lifecycle.HistoryView.as_view(), name="history"),
    path("assessments/<int:pk>/results/", results.ResultsView.as_view(), name="results"),
    path("assessments/<int:pk>/peers/", peers.BenchmarkView.as_view(), name="benchmark"),
    path("assessments/<int:pk>/roadmap/", planning.RoadmapView.as_view(), name="roadmap"),
    path(
        "assessments/<int:pk>/roadmap/items/<str:code>/",
        planning.RoadmapItemView.as_view(),
        name="roadmap_item",
    ),
    path(
        "assessments/<int:pk>/roadmap/reset/",
        planning.RoadmapResetView.as_view(),
        name="roadmap_reset",
    ),
    path(
        "assessments/<int:pk>/master-plan/", planning.MasterPlanView.as_view(), name="master_plan"
    ),
    path("assessments/<int:pk>/what-if/", results.WhatIfView.as_view(), name="what_if"),
    path(
        "assessments/<int:pk>/evidence/<str:code>/",
        answering.EvidenceView.as_view(),
        name="evidence",
    ),
    path("assessments/<int:pk>/report.pdf", results.ReportPdfView.as_view(), name="report_pdf"),
    path(
        "assessments/<int:pk>/results.xlsx", results.ResultsExcelView.as_view(), name="results_xlsx"
    ),
    path(
        "assessments/<int:pk>/workbook/", workbooks.WorkbookDownloadView.as_view(), name="workbook"
    ),
    path(
        "assessments/<int:pk>/workbook/upload/",
        workbooks.WorkbookUploadView.as_view(),
        name="workbook_upload",
    ),
    path(
        "assessments/<int:pk>/workbook/<int:upload>/",
        workbooks.WorkbookPreviewView.as_view(),
        name="workbook_preview",
    ),
]
