from django.urls import path

from wego.core import views

app_name = "core"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("staff/", views.StaffDashboardView.as_view(), name="staff_dashboard"),
    path("jobs/<int:pk>/", views.JobView.as_view(), name="job"),
]
