from django.urls import path

from wego.events import views

app_name = "events"
urlpatterns = [
    path("matchmaking/", views.MatchmakingListView.as_view(), name="matchmaking"),
    path("matchmaking/new/", views.MatchmakingNewView.as_view(), name="matchmaking_new"),
    path(
        "matchmaking/<int:pk>/answer/",
        views.MatchmakingAnswerView.as_view(),
        name="matchmaking_answer",
    ),
]
