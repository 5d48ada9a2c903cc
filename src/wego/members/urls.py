from django.urls import path

from wego.members import views

app_name = "members"
urlpatterns = [
    path("", views.DirectoryView.as_view(), name="directory"),
    path("<slug:slug>/", views.MemberDetailView.as_view(), name="detail"),
    path("<slug:slug>/team/", views.MemberTeamView.as_view(), name="team"),
]
