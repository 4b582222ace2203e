from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


@register.filter
def figure(value, unit=""):
    """A figure exactly as its source gives it (per 100 g, grams): 592.000 -> "592 mg", None -> "no data"."""
    if value is None:
        return "no data"
    return f"{value.normalize():,f} {unit}".strip()


@register.filter
def portion_figure(value, unit=""):
    """A figure worked out for a portion, to one decimal place always: 763.68 -> "763.7 mg", 120 -> "120.0 mg".

    A per-100 g figure scaled by a weight carries more decimals than the data has; one place is
    what the USDA figures themselves mostly carry.
    """
    if value is None:
        return "no data"
    return f"{Decimal(value).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):,f} {unit}".strip()
