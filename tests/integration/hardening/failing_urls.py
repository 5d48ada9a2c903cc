"""The platform's URLs plus one that fails, to see what a server error leaves behind."""

from django.urls import path

from wego.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401


def broken_view(request):
    raise RuntimeError("the reporting database went away")


urlpatterns = [*urlpatterns, path("broken/", broken_view)]
