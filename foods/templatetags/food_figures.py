from django import template

register = template.Library()


@register.filter
def figure(value, unit=""):
    """A nutrient figure as the user reads it: 592.000 -> "592 mg", 763.68 -> "763.68 mg", None -> "no data"."""
    if value is None:
        return "no data"
    text = f"{value.normalize():,f}"
    return f"{text} {unit}".strip()
