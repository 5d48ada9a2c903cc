from django.urls import path

from wego.core import views

app_name = "core"
urlpatterns = [
    path("jobs/<int:pk>/", views.JobView.as_view(), name="job"),
]
