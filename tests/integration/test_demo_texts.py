"""Nothing the platform ships is longer than the limits it sets on what people type."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from wego.awards.services.demo_data import load_awards_demo
from wego.practices.services.demo_data import load_demo_practices

pytestmark = pytest.mark.django_db


def test_every_demo_text_fits_its_field(demo_network):
    load_demo_practices()
    load_awards_demo()
    too_long, checked = [], 0
    for config in apps.get_app_configs():
        if not config.name.startswith("wego."):
            continue
        for model in config.get_models():
            texts = [
                field.name
                for field in model._meta.concrete_fields
                if isinstance(field, models.CharField | models.TextField)
            ]
            others = [f.name for f in model._meta.concrete_fields if f.name not in texts]
            for instance in model.objects.all():
                checked += 1
                try:
                    instance.clean_fields(exclude=others)
                except ValidationError as error:
                    too_long.append(f"{model._meta.label} {instance.pk}: {error}")
    assert checked > 500  # members, profiles, practices, award cycles...
    assert too_long == []
