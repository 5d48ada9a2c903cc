from django.urls import path

from wego.members import views

app_name = "members"
urlpatterns = [
    path("", views.DirectoryView.as_view(), name="directory"),
    path("profiles/review/", views.ProfileReviewQueueView.as_view(), name="profile_reviews"),
    path("<slug:slug>/", views.MemberDetailView.as_view(), name="detail"),
    path("<slug:slug>/team/", views.MemberTeamView.as_view(), name="team"),
    path("<slug:slug>/profile/edit/", views.ProfileEditView.as_view(), name="profile_edit"),
    path("<slug:slug>/profile/review/", views.ProfileReviewView.as_view(), name="profile_review"),
]
