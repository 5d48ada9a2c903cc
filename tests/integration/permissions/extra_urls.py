"""The platform's URLs and one more, as a developer adds a page and forgets its permissions."""

from django.http import HttpResponse
from django.urls import path

from wego.urls import urlpatterns as platform


def new_report(request):
    return HttpResponse("Everything about every city")


urlpatterns = [*platform, path("reports/new/", new_report, name="new_report")]
