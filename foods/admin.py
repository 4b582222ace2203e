from django.contrib import admin

from foods import search
from foods.models import Food, Portion
from foods.nutrients import Nutrients


class PortionInline(admin.TabularInline):
    model = Portion
    fields = ["position", "description", "grams"]
    extra = 0


@admin.register(Food)
class FoodAdmin(admin.ModelAdmin):
    list_display = ["name", "source", "source_id", "category", "magnesium_mg", "owner"]
    list_filter = ["source", "category"]
    search_fields = ["name", "source_id", "category"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]
    readonly_fields = ["created_at", "updated_at"]
    # A shared food says what USDA published, with its id for a doctor to look up: a re-import is the only
    # way its figures change. A user's custom food stays editable.
    usda_fields = ["name", "source", "source_id", *Nutrients.NAMES]
    inlines = [PortionInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.owner_id is None:
            return [*self.readonly_fields, *self.usda_fields]
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
