from django.contrib import admin

from foods.models import Food, Portion


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
    inlines = [PortionInline]


@admin.register(Portion)
class PortionAdmin(admin.ModelAdmin):
    list_display = ["description", "grams", "food", "position"]
    search_fields = ["description", "food__name", "food__source_id"]
    list_select_related = ["food"]
    raw_id_fields = ["food"]
