from django.contrib import admin

from foods import search
from foods.models import Food, Portion
from foods.nutrients import Nutrients


def is_usda(food):
    return food is not None and food.pk is not None and food.owner_id is None


class PortionInline(admin.TabularInline):
    model = Portion
    fields = ["position", "description", "grams"]
    extra = 0

    # A USDA food's measures are USDA's, like its figures.
    def has_add_permission(self, request, obj=None):
        return not is_usda(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not is_usda(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not is_usda(obj) and super().has_delete_permission(request, obj)


@admin.register(Food)
class FoodAdmin(admin.ModelAdmin):
    list_display = ["name", "source", "source_id", "category", "magnesium_mg", "owner"]
    list_filter = ["source", "category"]
    search_fields = ["name", "source_id", "category"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]
    # An estimate is taken in the custom-food form, which writes its citation with it.
    readonly_fields = ["created_at", "updated_at", "estimated_figures", "estimated_from", "estimated_from_citation"]
    # A shared food says what USDA published, with its id for a doctor to look up: a re-import is the only
    # way its figures change. A user's custom food stays editable, but stays theirs and custom.
    usda_fields = ["name", "source", "source_id", *Nutrients.NAMES]
    inlines = [PortionInline]

    def get_readonly_fields(self, request, obj=None):
        if is_usda(obj):
            return [*self.readonly_fields, *self.usda_fields, "owner"]
        if obj is not None:
            return [*self.readonly_fields, "source", "source_id", "owner"]
        return self.readonly_fields

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        search.reindex([form.instance])  # portions edited inline: its typical portion


@admin.register(Portion)
class PortionAdmin(admin.ModelAdmin):
    list_display = ["description", "grams", "food", "position"]
    search_fields = ["description", "food__name", "food__source_id"]
    list_select_related = ["food"]
    raw_id_fields = ["food"]

    def has_change_permission(self, request, obj=None):
        return not (obj is not None and is_usda(obj.food)) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj is not None and is_usda(obj.food)) and super().has_delete_permission(request, obj)
