from django.urls import path

from wego.awards.views import applications, cycles, judging, manage, public, results

app_name = "awards"

# Fixed words first: a cycle's slug could otherwise swallow "applications" or "judging".
urlpatterns = [
    path("", public.CycleListView.as_view(), name="cycles"),
    path("new/", cycles.CycleCreateView.as_view(), name="new_cycle"),
    # A city's applications
    path("applications/", applications.MyApplicationsView.as_view(), name="my_applications"),
    path("applications/<int:pk>/", applications.ApplicationView.as_view(), name="application"),
    path(
        "applications/<int:pk>/files/",
        applications.ApplicationFileUploadView.as_view(),
        name="application_files",
    ),
    path(
        "applications/<int:pk>/files/<int:file_pk>/",
        applications.ApplicationFileView.as_view(),
        name="application_file",
    ),
    path("applications/<int:pk>/submit/", applications.SubmitView.as_view(), name="submit"),
    path("applications/<int:pk>/withdraw/", applications.WithdrawView.as_view(), name="withdraw"),
    # Judges
    path("judging/", judging.JudgingListView.as_view(), name="judging"),
    path("judging/<int:pk>/", judging.ScoreView.as_view(), name="score"),
    # One cycle: public pages
    path("<slug:slug>/", public.CycleDetailView.as_view(), name="cycle"),
    path("<slug:slug>/apply/", applications.ApplyView.as_view(), name="apply"),
    path("<slug:slug>/winners/", results.WinnersView.as_view(), name="winners"),
    path(
        "<slug:slug>/certificates/<int:pk>.pdf",
        results.CertificateView.as_view(),
        name="certificate",
    ),
    path(
        "<slug:slug>/certificates.pdf",
        results.AllCertificatesView.as_view(),
        name="certificates",
    ),
    # One cycle: the secretariat
    path("<slug:slug>/edit/", cycles.CycleEditView.as_view(), name="edit_cycle"),
    path("<slug:slug>/criteria/", cycles.CriteriaView.as_view(), name="criteria"),
    path("<slug:slug>/manage/", manage.ManageView.as_view(), name="manage"),
    path("<slug:slug>/judges/", manage.PanelView.as_view(), name="panel"),
    path("<slug:slug>/judges/<int:pk>/", manage.JudgeDetailView.as_view(), name="judge"),
    path("<slug:slug>/assign/", manage.AssignView.as_view(), name="assign"),
    path("<slug:slug>/remind/", manage.RemindView.as_view(), name="remind"),
    path("<slug:slug>/results/", results.ResultsView.as_view(), name="results"),
    path(
        "<slug:slug>/results/<int:pk>/decision/",
        results.DecisionView.as_view(),
        name="decide",
    ),
    path("<slug:slug>/publish/", results.PublishView.as_view(), name="publish"),
]
