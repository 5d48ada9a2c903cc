"""The platform's JSON API (/api/v1/), described by OpenAPI at /api/v1/openapi.json."""

from ninja import NinjaAPI

from wego.diagnostic.api import router as diagnostic_router

api = NinjaAPI(
    title="WeGO Platform API",
    version="1",
    description="Frameworks and assessments of the CeDS diagnostic. Reading published data "
    "needs no account; writing needs a signed-in session of the city's own users.",
    urls_namespace="api",
)
api.add_router("/diagnostic", diagnostic_router)
