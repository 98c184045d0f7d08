"""`{% load words %}`: the human names of upstander/labels.py and upstander/taxonomy.py in templates."""

from __future__ import annotations

from typing import Any

from django import template
from django.apps import apps

from upstander import labels, taxonomy

register = template.Library()


@register.filter
def object_type(label_lower: str) -> str:
    try:
        verbose = str(apps.get_model(label_lower)._meta.verbose_name)
    except (LookupError, ValueError):
        verbose = ""
    return labels.object_type(label_lower, verbose)


@register.filter
def metadata_label(key: str) -> str:
    return labels.metadata_label(key)


@register.filter
def metadata_value(value: Any) -> str:
    return labels.metadata_value(value)


@register.filter
def taxonomy_words(names: list[str]) -> str:
    return taxonomy.labels_in_words(names)


@register.simple_tag
def count(number: int, singular: str, plural: str = "") -> str:
    return labels.count(number, singular, plural or None)


@register.filter
def reporter_role(code: str) -> str:
    """'parent' -> 'A parent or carer' (who a report came from, in the third person)."""
    return labels.reporter_role(code)
