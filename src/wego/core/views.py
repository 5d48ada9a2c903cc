from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.i18n import set_language as django_set_language
from django_guid import get_guid

from wego.core.models import Job


def _error_page(request, status, title, message, reference=None):
    context = {"title": title, "message": message, "status": status, "reference": reference}
    return render(request, "core/error.html", context, status=status)


def permission_denied(request, exception=None):
    return _error_page(
        request,
        403,
        _("You do not have access to this page"),
        _(
            "Your account does not have the role this page needs. "
            "If you think it should, contact the WeGO Secretariat."
        ),
    )


def page_not_found(request, exception=None):
    return _error_page(
        request,
        404,
        _("Page not found"),
        _("The page you asked for does not exist or has moved."),
    )


def server_error(request):
    return _error_page(
        request,
        500,
        _("Something went wrong"),
        _(
            "The platform could not complete your request. The team has been told; "
            "please try again in a few minutes."
        ),
        # The request's id, as the log has it beside the traceback.
        reference=get_guid(),
    )


class JobView(View):
    """A background job's progress: a page that updates itself, or JSON for the script."""

    def get(self, request, pk):
        # Sign in first, then "no such job" and "not yours" answer alike: a job's number tells
        # nobody whether it exists.
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        job = get_object_or_404(Job.objects.visible_to(request.user), pk=pk)
        if request.GET.get("format") == "json":
            return JsonResponse(
                {
                    "status": job.status,
                    "status_label": job.get_status_display(),
                    "done": job.done,
                    "total": job.total,
                    "percent": job.percent,
                    "finished": job.finished,
                    "message": job.message,
                }
            )
        return render(request, "core/job.html", {"job": job})


def set_language(request):
    """Django's language switch, reading the page the reader came from in that page's language.

    Django translates the `next` address by resolving it in the active language, which for this
    request comes from the cookie or the browser, not from the page: from /ar/ with an English
    browser it finds nothing to translate and sends the reader back to /ar/, so choosing English
    never worked. The language of the address itself decides here.
    """
    came_from = request.POST.get("next") or request.GET.get("next") or ""
    with translation.override(
        translation.get_language_from_path(came_from) or settings.LANGUAGE_CODE
    ):
        return django_set_language(request)
