import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import ExpressionWrapper, F, OuterRef, Q, Subquery
from django.urls import reverse

from foods.nutrients import Nutrients


def nutrient_field(verbose_name, max_digits=9):
    # Null means USDA has no figure for this food; 0 would claim the food has none.
    return models.DecimalField(
        verbose_name, max_digits=max_digits, decimal_places=3, null=True, blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )


class FoodQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Shared USDA foods and this user's own custom foods, never another user's."""
        return self.filter(Q(owner=None) | Q(owner=user))

    def magnesium_rich(self, limit):
        """Shared basic foods giving the most magnesium in their first USDA portion (the one USDA lists first).

        Each food comes with `first_portion_id` and `magnesium_per_portion` (mg) annotated.
        """
        first_portion = Portion.objects.filter(food=OuterRef("pk")).order_by("position", "pk")
        return (
            self.filter(owner=None, kind=Food.Kind.BASIC, magnesium_mg__isnull=False)
            .annotate(
                first_portion_id=Subquery(first_portion.values("pk")[:1]),
                first_portion_grams=Subquery(first_portion.values("grams")[:1]),
            )
            .exclude(first_portion_id=None)
            .annotate(
                magnesium_per_portion=ExpressionWrapper(
                    F("magnesium_mg") * F("first_portion_grams") / 100, output_field=models.DecimalField()
                )
            )
            .order_by("-magnesium_per_portion", "name")[:limit]
        )


class Food(models.Model):
    class Source(models.TextChoices):
        SR28 = "sr28", "USDA SR28"
        FNDDS = "fndds", "USDA FNDDS 2021-2023"
        FOUNDATION = "foundation", "USDA FoodData Central Foundation Foods"
        CUSTOM = "custom", "Custom food"

    class Kind(models.TextChoices):
        # Set by foods.search.reindex from the name and category; search ranks basic foods first.
        BASIC = "basic", "Basic food"
        BRANDED = "branded", "Branded product"
        RESTAURANT = "restaurant", "Restaurant or fast food"
        BABY = "baby", "Baby food or infant formula"

    # What a source id is called in that source's documentation.
    SOURCE_ID_NAMES = {
        Source.SR28: "NDB",
        Source.FNDDS: "food code",
        Source.FOUNDATION: "FDC ID",
    }

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

    # Search data, written by foods.search.reindex (never by hand): the name's words
    # normalised and space-separated, and the kind of food it is.
    search_text = models.CharField(max_length=255, blank=True, editable=False)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.BASIC, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FoodQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "owner"])]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"], condition=Q(owner__isnull=True), name="unique_usda_food"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # A food saved on its own (a custom food, an admin edit) is searchable at once;
        # bulk writes call foods.search.reindex themselves.
        from foods.search import prepare  # foods.search builds on this module

        prepare(self)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "kind"}
        super().save(*args, **kwargs)
        if self.owner_id is None:
            SearchIndexVersion.bump()

    def get_absolute_url(self):
        return reverse("foods:detail", args=[self.pk])

    @property
    def per_100g(self):
        return Nutrients.of(self)

    def nutrients_for(self, grams):
        return self.per_100g.scaled(grams)

    @property
    def citation(self):
        """Where the figures come from, as a doctor would look it up: "USDA SR28, NDB 12014"."""
        if self.source == self.Source.CUSTOM:
            return "Custom food, from a label you entered"
        return f"{self.get_source_display()}, {self.SOURCE_ID_NAMES[self.source]} {self.source_id}"


class SearchIndexVersion(models.Model):
    """One row whose stamp changes whenever shared foods are reindexed.

    Each server process keeps its search index in memory and rebuilds it when this
    stamp differs from the one it was built at (see foods.search).
    """

    stamp = models.UUIDField(default=uuid.uuid4)

    def __str__(self):
        return f"search index {self.stamp}"

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=1).values_list("stamp", flat=True).first()

    @classmethod
    def bump(cls):
        cls.objects.update_or_create(pk=1, defaults={"stamp": uuid.uuid4()})


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
