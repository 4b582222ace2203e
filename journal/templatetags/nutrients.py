from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def nutrient(value, unit="mg"):
    """381.84 mg, 23.7 mg, or "no data" where the source has no figure (never a made-up 0)."""
    if value is None:
        return "no data"
    return f"{floatformat(value, -2)} {unit}"
