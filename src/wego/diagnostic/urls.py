from django.urls import path

from wego.diagnostic import views

app_name = "diagnostic"
urlpatterns = [
    path("", views.DiagnosticHomeView.as_view(), name="home"),
    path("frameworks/<slug:code>/<str:version>/", views.FrameworkView.as_view(), name="framework"),
    path("start/", views.StartAssessmentView.as_view(), name="start"),
    path("network/", views.NetworkDashboardView.as_view(), name="network"),
    path("map/", views.WorldMapView.as_view(), name="map"),
    path("modules/<slug:code>/", views.ModuleGuideView.as_view(), name="module"),
    path("peer-groups/", views.PeerGroupListView.as_view(), name="peer_groups"),
    path("peer-groups/new/", views.PeerGroupEditView.as_view(), name="peer_group_new"),
    path("peer-groups/<int:pk>/", views.PeerGroupEditView.as_view(), name="peer_group"),
    path(
        "peer-groups/<int:pk>/delete/",
        views.PeerGroupDeleteView.as_view(),
        name="peer_group_delete",
    ),
    path("assessments/<int:pk>/", views.AssessmentView.as_view(), name="assessment"),
    path("assessments/<int:pk>/domains/<str:domain>/", views.FillInView.as_view(), name="fill_in"),
    path("assessments/<int:pk>/assign/", views.AssignDomainsView.as_view(), name="assign"),
    path("assessments/<int:pk>/submit/", views.SubmitView.as_view(), name="submit"),
    path("assessments/<int:pk>/review/", views.ReviewView.as_view(), name="review"),
    path("assessments/<int:pk>/publish/", views.PublishView.as_view(), name="publish"),
    path("assessments/<int:pk>/history/", views.HistoryView.as_view(), name="history"),
    path("assessments/<int:pk>/results/", views.ResultsView.as_view(), name="results"),
    path("assessments/<int:pk>/peers/", views.BenchmarkView.as_view(), name="benchmark"),
    path("assessments/<int:pk>/roadmap/", views.RoadmapView.as_view(), name="roadmap"),
    path(
        "assessments/<int:pk>/roadmap/items/<str:code>/",
        views.RoadmapItemView.as_view(),
        name="roadmap_item",
    ),
    path(
        "assessments/<int:pk>/roadmap/reset/",
        views.RoadmapResetView.as_view(),
        name="roadmap_reset",
    ),
    path("assessments/<int:pk>/master-plan/", views.MasterPlanView.as_view(), name="master_plan"),
    path("assessments/<int:pk>/what-if/", views.WhatIfView.as_view(), name="what_if"),
    path(
        "assessments/<int:pk>/evidence/<str:code>/", views.EvidenceView.as_view(), name="evidence"
    ),
    path("assessments/<int:pk>/report.pdf", views.ReportPdfView.as_view(), name="report_pdf"),
    path(
        "assessments/<int:pk>/results.xlsx", views.ResultsExcelView.as_view(), name="results_xlsx"
    ),
    path("assessments/<int:pk>/workbook/", views.WorkbookDownloadView.as_view(), name="workbook"),
    path(
        "assessments/<int:pk>/workbook/upload/",
        views.WorkbookUploadView.as_view(),
        name="workbook_upload",
    ),
    path(
        "assessments/<int:pk>/workbook/<int:upload>/",
        views.WorkbookPreviewView.as_view(),
        name="workbook_preview",
    ),
]
