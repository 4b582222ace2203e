from django.utils.html import format_html

from journal.medicines import KIDNEY_NOTE, SOURCE, SOURCE_URL


def kidney_note(profile):
    """The plain sentence on supplements and the kidneys, where the profile records kidney disease."""
    if not profile.kidney_disease:
        return ""
    return format_html('<p class="alert alert-info mt-2 mb-2" id="kidney-note">{}\n  <span class="small">Source: '
                       '<a class="alert-link" href="{}">{}</a>.</span></p>', KIDNEY_NOTE, SOURCE_URL, SOURCE)
