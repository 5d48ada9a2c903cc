"""Opening a route as a subject: the address, the request, what came back."""

import json
import re

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from tests.integration.permissions.routes import Case, Route, outcome


def admin_case(route: Route, expect) -> Case:
    """A route of the administration: its object is the first row of the model it is for."""

    def arguments(world):
        parts = route.pattern.split("/")
        found = {}
        if "content_type_id" in route.converters:  # "view on site": a member's page
            content_type = ContentType.objects.get_for_model(world.seoul)
            return {"content_type_id": content_type.pk, "object_id": world.seoul.pk}
        if "object_id" in route.converters or "id" in route.converters:
            model = apps.get_model(parts[1], parts[2])
            key = "object_id" if "object_id" in route.converters else "id"
            found[key] = model.objects.order_by("pk").first().pk
        if "app_label" in route.converters:
            found["app_label"] = "members"
        if "url" in route.converters:
            found["url"] = "nothing-here/"
        return found

    method = "post" if route.key == "admin:logout" else "get"
    return Case(route=route.key, expect=expect, args=arguments, method=method)


def address(case: Case, route: Route, world) -> str:
    arguments = case.args(world)
    if route.key == route.pattern:  # no name: fill the pattern in
        values = arguments
        if not isinstance(arguments, dict):
            values = dict(zip(route.converters, arguments, strict=True))
        path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route.pattern)
        path = re.sub(r"\^?\(\?P<(\w+)>[^)]*\)\$?", lambda m: str(values[m.group(1)]), path)
        url = "/" + path
    elif isinstance(arguments, dict):
        url = reverse(case.route, kwargs=arguments)
    else:
        url = reverse(case.route, args=arguments)
    return f"{url}?{case.query}" if case.query else url


def open_as(client, world, case: Case, route: Route, subject: str):
    user = world.users.get(subject)
    if user is not None:
        client.force_login(user)
    url = address(case, route, world)
    data = case.data(world)
    if case.method == "put":
        response = client.put(url, json.dumps(data), content_type="application/json")
    elif case.method == "post":
        response = client.post(url, data)
    else:
        response = client.get(url, data)
    return outcome(response), response
