"""The platform's JSON API (/api/v1/), described by OpenAPI at /api/v1/openapi.json."""

from ninja import NinjaAPI
from ninja.errors import ValidationError

from wego.diagnostic.api import invalid_input
from wego.diagnostic.api import router as diagnostic_router

api = NinjaAPI(
    title="WeGO Platform API",
    version="1",
    description="Frameworks and assessments of the CeDS diagnostic. Reading published data "
    "needs no account; writing needs a signed-in session of the city's own users.",
    urls_namespace="api",
)
api.add_router("/diagnostic", diagnostic_router)


@api.exception_handler(ValidationError)
def refuse_invalid_input(request, error):
    """400, as the API's own checks answer, naming what is wrong (django-ninja says 422)."""
    return api.create_response(request, invalid_input(request, error), status=400)
