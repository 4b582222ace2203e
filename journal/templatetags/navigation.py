"""The navigation bar's links, the one for the page being read marked as current (for sight and screen readers)."""

from django import template
from django.urls import reverse

register = template.Library()

# Pages that are no navigation item themselves, and the item they sit under; every page of the foods app sits
# under Foods.
UNDER = {
    "journal:day": "journal:today",
    "journal:week_of": "journal:week",
    **{f"journal:{page}": "journal:supplements"
       for page in ("product_add", "product_edit", "product_delete", "dose_add", "dose_edit", "dose_delete")},
    **{f"journal:{page}": "journal:symptoms" for page in ("symptom_add", "symptom_edit", "symptom_delete")},
    **{f"journal:{page}": "journal:labs" for page in ("lab_add", "lab_edit", "lab_delete")},
    **{f"journal:medicine_{page}": "journal:medicines"
       for page in ("add", "edit", "delete", "dose_add", "dose_edit", "dose_delete")},
}


def section_of(match):
    if match is None:  # a page not found
        return None
    if match.app_name == "foods":
        return "foods:list"
    return UNDER.get(match.view_name, match.view_name)


@register.inclusion_tag("nav_link.html", takes_context=True)
def nav_link(context, view_name, label, title=""):
    """<a class="nav-link"> to the named page, with aria-current="page" when the page read is under it."""
    current = section_of(context["request"].resolver_match) == view_name
    return {"href": reverse(view_name), "label": label, "title": title, "current": current}
