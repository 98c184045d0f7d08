from django import template

from upstander.taxonomy import label

register = template.Library()


@register.filter
def label_name(name: str) -> str:
    """A taxonomy name in plain words ('personal_information' -> 'Sharing someone's private ...')."""
    if name == "hate":
        return "Hate (hostility for who someone is)"
    if name == "urgent":
        return "Urgent: risk to life or safety now"
    return label(name)
