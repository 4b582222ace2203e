from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from foods.nutrients import Nutrients


def nutrient_field(verbose_name):
    # Null means USDA has no figure for this food; 0 would claim the food has none.
    return models.DecimalField(
        verbose_name, max_digits=9, decimal_places=3, null=True, blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )


class Food(models.Model):
    class Source(models.TextChoices):
        SR28 = "sr28", "USDA SR28"
        FNDDS = "fndds", "USDA FNDDS 2021-2023"
        FOUNDATION = "foundation", "USDA FoodData Central Foundation Foods"
        CUSTOM = "custom", "Custom food"

    name = models.CharField(max_length=255)
    category = models.CharField(max_length=120, blank=True)
    source = models.CharField(max_length=12, choices=Source.choices)
    # NDB number (SR28), 8-digit food code (FNDDS) or fdc_id (Foundation); blank for custom foods.
    source_id = models.CharField(max_length=20, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="custom_foods",
        help_text="Set for a user's private custom food; shared USDA foods have none.",
    )

    # Per 100 g of edible portion, as the source gives it.
    magnesium_mg = nutrient_field("magnesium (mg/100 g)")
    potassium_mg = nutrient_field("potassium (mg/100 g)")
    sodium_mg = nutrient_field("sodium (mg/100 g)")
    calcium_mg = nutrient_field("calcium (mg/100 g)")
    energy_kcal = nutrient_field("energy (kcal/100 g)")

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"], condition=Q(owner__isnull=True), name="unique_usda_food"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def per_100g(self):
        return Nutrients.of(self)

    def nutrients_for(self, grams):
        return self.per_100g.scaled(grams)


class Portion(models.Model):
    """A household measure of one food, such as "1 cup, chopped" weighing 30 g."""

    food = models.ForeignKey(Food, on_delete=models.CASCADE, related_name="portions")
    description = models.CharField(max_length=160)
    grams = models.DecimalField(max_digits=8, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))])
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["food", "position", "pk"]

    def __str__(self):
        return f"{self.description} ({self.grams.normalize():f} g)"
