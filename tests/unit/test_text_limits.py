"""Every free text of the platform has a length limit: in the model (and full_clean), in the
forms and in the API's request schemas. A megabyte pasted into a comment is refused with a
message, never stored."""

import importlib
import inspect
import pkgutil
import typing

import pytest
from annotated_types import MaxLen
from django import forms
from django.apps import apps
from django.core.validators import MaxLengthValidator
from django.db import models
from pydantic import BaseModel
from pydantic.fields import FieldInfo

import wego


def wego_models():
    for config in apps.get_app_configs():
        if config.name.startswith("wego."):
            yield from config.get_models()


def text_fields():
    for model in wego_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.CharField | models.TextField):
                yield f"{model._meta.label}.{field.name}", field


def test_the_walk_sees_the_apps_texts():
    names = {name for name, _field in text_fields()}
    assert {"diagnostic.Answer.comment", "practices.Practice.solution", "core.Job.message"} <= names


def test_every_text_field_of_a_model_has_a_max_length():
    unbounded = [name for name, field in text_fields() if not field.max_length]
    assert unbounded == []


def test_every_text_field_of_a_model_enforces_it_in_full_clean():
    """Django passes a TextField's max_length to its form field, but does not validate it."""
    unchecked = [
        name
        for name, field in text_fields()
        if isinstance(field, models.TextField)
        and not any(
            isinstance(validator, MaxLengthValidator) and validator.limit_value == field.max_length
            for validator in field.validators
        )
    ]
    assert unchecked == []


# ---- forms -------------------------------------------------------------------------------------

SKIPPED_MODULES = ("migrations", "management", "wsgi", "settings")


def wego_modules():
    for info in pkgutil.walk_packages(wego.__path__, "wego."):
        if not any(part in SKIPPED_MODULES for part in info.name.split(".")):
            yield importlib.import_module(info.name)


def wego_forms():
    seen = set()
    for module in wego_modules():
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(value, forms.BaseForm)
                and value.__module__.startswith("wego.")
                and value not in seen
            ):
                seen.add(value)
                yield value


def own_fields(form_class):
    """The fields the class itself declares or takes from its model, not those of Django's
    own forms (the sign-in form's password is Django's AuthenticationForm's)."""
    inherited = {}
    for base in form_class.__mro__[1:]:
        if not getattr(base, "__module__", "").startswith("wego."):
            inherited.update(getattr(base, "declared_fields", {}))
    for name, field in getattr(form_class, "base_fields", {}).items():
        if inherited.get(name) is not field:
            yield name, field


def test_the_walk_sees_the_forms():
    names = {form.__name__ for form in wego_forms()}
    assert {"DecisionForm", "ProfileForm", "PracticeForm", "ScoreSheetForm"} <= names


def test_every_text_field_of_a_form_has_a_max_length():
    unbounded = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in wego_forms()
        for name, field in own_fields(form)
        if isinstance(field, forms.CharField) and not field.max_length
    ]
    assert unbounded == []


# ---- API -----------------------------------------------------------------------------------


def api_operations():
    from wego.site.api import api

    for _prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                yield path, operation


def unbounded_strings(annotation, where, seen):
    """Where a str of the annotation (walked through unions, lists, dicts and models) has no
    max_length."""
    origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        base, *metadata = arguments
        constraints = [
            constraint
            for item in metadata
            for constraint in (item.metadata if isinstance(item, FieldInfo) else [item])
        ]
        if base is str:
            if not any(isinstance(item, MaxLen) for item in constraints):
                yield where
            return
        yield from unbounded_strings(base, where, seen)
        return
    if annotation is str:
        yield where
        return
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return
        seen.add(annotation)
        for name, field in annotation.model_fields.items():
            wrapped = (
                typing.Annotated[(field.annotation, *field.metadata)]
                if field.metadata
                else field.annotation
            )
            yield from unbounded_strings(wrapped, f"{where}.{name}", seen)
        return
    if origin is dict:
        key, value = arguments
        yield from unbounded_strings(key, f"{where}[key]", seen)
        yield from unbounded_strings(value, f"{where}[value]", seen)
        return
    for argument in arguments:
        yield from unbounded_strings(argument, where, seen)


def test_the_walk_sees_the_answers_request():
    found = {path for path, _operation in api_operations()}
    assert "/assessments/{assessment_id}/answers" in found


@pytest.mark.parametrize(
    "annotation",
    [str, str | None, dict[str, int], list[str], int | str],
)
def test_the_walk_finds_an_unbounded_str(annotation):
    assert list(unbounded_strings(annotation, "x", set())) != []


def test_every_str_an_api_client_sends_has_a_max_length():
    """Path, query and body of every operation. Response schemas are not limited: django-ninja
    validates them on the way out, where a limit would turn a text stored before the limits
    existed into a server error; limits belong where text comes in."""
    unbounded = []
    for path, operation in api_operations():
        for params in operation.models:
            for name, field in params.model_fields.items():
                annotation = field.annotation
                if field.metadata:
                    annotation = typing.Annotated[(annotation, *field.metadata)]
                unbounded += unbounded_strings(annotation, f"{path} {name}", set())
    assert unbounded == []
