from django.urls import path

from wego.practices import views
from wego.practices.interfaces.feeds import NewPracticesAtomFeed, NewPracticesFeed

app_name = "practices"
urlpatterns = [
    path("", views.PracticeListView.as_view(), name="list"),
    path("new/", views.PracticeEditView.as_view(), name="new"),
    path("review/", views.ReviewQueueView.as_view(), name="review_queue"),
    path("search-index/", views.SearchIndexView.as_view(), name="search_index"),
    path("feed/rss/", NewPracticesFeed(), name="feed_rss"),
    path("feed/atom/", NewPracticesAtomFeed(), name="feed_atom"),
    path("<slug:slug>/", views.PracticeDetailView.as_view(), name="detail"),
    path("<slug:slug>/edit/", views.PracticeEditView.as_view(), name="edit"),
    path("<slug:slug>/submit/", views.PracticeSubmitView.as_view(), name="submit"),
    path("<slug:slug>/review/", views.PracticeReviewView.as_view(), name="review"),
    path("<slug:slug>/revise/", views.PracticeReviseView.as_view(), name="revise"),
    path("<slug:slug>/history/", views.PracticeHistoryView.as_view(), name="history"),
    path("<slug:slug>/files/", views.PracticeFileUploadView.as_view(), name="upload"),
    path("<slug:slug>/files/<int:pk>/", views.PracticeFileView.as_view(), name="file"),
]
