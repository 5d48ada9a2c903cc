from django.urls import path

from wego.site import views

app_name = "site"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("staff/", views.StaffDashboardView.as_view(), name="staff_dashboard"),
    path("welcome/", views.NextStepView.as_view(), name="next_step"),
]
