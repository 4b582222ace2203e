from django import template

from journal.medicines import KIDNEY_NOTE, SOURCE, SOURCE_URL

register = template.Library()


@register.inclusion_tag("journal/includes/kidney_note.html")
def kidney_note(profile):
    """The plain sentence on supplements and the kidneys, where the profile records kidney disease."""
    return {"show": profile.kidney_disease, "note": KIDNEY_NOTE, "source": SOURCE, "source_url": SOURCE_URL}
