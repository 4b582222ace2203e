from django.conf import settings
from django.core.checks import Error, register
from django.utils.module_loading import import_string


@register()
def food_page_goal_is_importable(app_configs, **kwargs):
    """A mistyped FOOD_PAGE_GOAL stops start-up here rather than failing every food page."""
    path = getattr(settings, "FOOD_PAGE_GOAL", None)
    if not path:
        return []
    try:
        import_string(path)
    except ImportError as error:
        return [Error(f"FOOD_PAGE_GOAL={path!r} cannot be imported: {error}",
                      hint="Name a callable taking a user, such as journal.models.current_goal, or remove it "
                           "to measure portions against the FDA Daily Value.", id="foods.E001")]
    return []
