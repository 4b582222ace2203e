import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from foods.figures import plain
from foods.nutrients import LABELS, UNITS, Nutrients
from foods.racc import reference_amount, typical_portion
from mgtracker.prepared import PreparedValues


def nutrient_field(verbose_name, max_digits=9):
    # Null means USDA has no figure for this food; 0 would claim the food has none.
    return models.DecimalField(
        verbose_name, max_digits=max_digits, decimal_places=3, null=True, blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )


def nutrient_names(value):
    unknown = set(value.split()) - set(Nutrients.NAMES)
    if unknown:
        raise ValidationError(f"Not a nutrient: {', '.join(sorted(unknown))}.")


class FoodQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Shared USDA foods and this user's own custom foods, never another user's."""
        return self.filter(Q(owner=None) | Q(owner=user))


class FoodSource(models.TextChoices):
    """Where a food's figures come from (Food.Source); outside Food so its Meta can name the values."""

    SR28 = "sr28", "USDA SR28"
    FNDDS = "fndds", "USDA FNDDS 2021-2023"
    FOUNDATION = "foundation", "USDA FoodData Central Foundation Foods"
    CUSTOM = "custom", "Custom food"


# How the explanation of a missing figure names a food's source where its display name would not say it plainly
# (journal's MealEntry.origin).
FIGURE_ORIGINS = {FoodSource.CUSTOM: "your own label"}


class Food(models.Model):
    Source = FoodSource

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

    # A short tag telling apart one name in two releases ("Spinach, raw": SR28 79 mg, FNDDS 93 mg).
    SOURCE_LABELS = {
        Source.SR28: "SR28",
        Source.FNDDS: "FNDDS",
        Source.FOUNDATION: "Foundation",
        Source.CUSTOM: "My food",
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
    water_g = nutrient_field("water (g/100 g)")

    # A custom food whose label gives no figure for a nutrient may borrow a similar USDA food's, as an estimate the
    # pages say is one. The citation is frozen as text, so the estimate stays traceable if the USDA food goes.
    estimated_figures = models.CharField(
        max_length=80, blank=True, validators=[nutrient_names],
        help_text="The nutrient fields (space-separated) whose figures are estimates from estimated_from.",
    )
    estimated_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", limit_choices_to={"owner": None},
    )
    estimated_from_citation = models.CharField(max_length=300, blank=True)

    # Search data, written by foods.search.reindex (never by hand): the name's words
    # normalised and space-separated, and the kind of food it is.
    search_text = models.CharField(max_length=255, blank=True, editable=False)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.BASIC, editable=False)
    # The household measure closest to the FDA reference amount for the food's class (foods.racc), where
    # nutrient content claims are counted; written by foods.search.reindex with the search data.
    typical_portion = models.ForeignKey(
        "Portion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False,
    )

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
            # A custom food belongs to someone and only to them; a USDA food is everyone's.
            models.CheckConstraint(
                condition=Q(source="custom", owner__isnull=False) | (~Q(source="custom") & Q(owner__isnull=True)),
                name="custom_foods_have_an_owner",
            ),
            # A food is USDA's or someone's own: sources of imported entries (journal's ENTRY_SOURCES, such as
            # "cronometer") name where a logged figure came from and are never a food's.
            models.CheckConstraint(condition=Q(source__in=FoodSource.values), name="food_source_is_a_food_source"),
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
    def source_label(self):
        return self.SOURCE_LABELS[self.source]

    @property
    def reference_amount(self):
        """The FDA reference amount of the food's class (foods.racc.ReferenceAmount), or None."""
        return reference_amount(self.name, self.category)

    def typical_portion_among(self, portions):
        """Which of `portions` the FDA would count a claim per: see foods.racc.

        A custom food's label serving is its typical portion: the label's serving size is
        already based on the reference amount (21 CFR 101.9(b)).
        """
        if self.owner_id is not None:
            serving = next((p for p in portions if p.description == Portion.LABEL_SERVING), None)
            if serving is not None:
                return serving
        return typical_portion(self.name, self.category, portions)

    @property
    def citation(self):
        """Where the figures come from, as a doctor would look it up: "USDA SR28, NDB 12014"."""
        if self.source == self.Source.CUSTOM:
            return "Custom food, from a label you entered"
        return f"{self.get_source_display()}, {self.SOURCE_ID_NAMES[self.source]} {self.source_id}"

    @property
    def estimate_citation(self):
        """How a USDA food is named as the source of an estimate: "USDA SR28 NDB 12014 Seeds, pumpkin ..."."""
        return f"{self.get_source_display()} {self.SOURCE_ID_NAMES[self.source]} {self.source_id} {self.name}"

    @property
    def estimated(self):
        """The nutrient fields whose figures are estimates, in Nutrients order."""
        names = self.estimated_figures.split()
        return [name for name in Nutrients.NAMES if name in names]

    def figures_per_100_g(self):
        """Each figure per 100 g as the food page lists it, with whether it is an estimate."""
        estimated = self.estimated
        return [
            {"label": LABELS[name], "value": value, "kind": f"source {UNITS[name]}", "estimated": name in estimated}
            for name, value in self.per_100g.items()
        ]

    def estimate_from(self, usda_food, names):
        """Take `usda_food`'s figures per 100 g for the nutrients `names` this food has no figure for."""
        taken = [name for name in names if getattr(self, name) is None and getattr(usda_food, name) is not None]
        for name in taken:
            setattr(self, name, getattr(usda_food, name))
        self.estimated_figures = " ".join(taken)
        self.estimated_from = usda_food if taken else None
        self.estimated_from_citation = usda_food.estimate_citation if taken else ""


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
        rows = _CURRENT_STAMP.tuples()  # every search asks: see mgtracker.prepared
        return rows[0][0] if rows else None

    @classmethod
    def bump(cls):
        cls.objects.update_or_create(pk=1, defaults={"stamp": uuid.uuid4()})


_CURRENT_STAMP = PreparedValues(lambda: SearchIndexVersion.objects.filter(pk=1).values_list("stamp"))


class PortionQuerySet(models.QuerySet):
    def magnesium_rich(self, limit):
        """The typical portions of shared basic foods, most magnesium first, each with its food."""
        return (
            self.filter(
                food__typical_portion=F("pk"), food__owner=None, food__kind=Food.Kind.BASIC,
                food__magnesium_mg__isnull=False,
            )
            .select_related("food")
            # mg per 100 g x grams orders as mg per portion does; dividing by 100 in SQL would truncate on
            # SQLite, where whole-number figures are stored as integers.
            .alias(magnesium_by_grams=F("food__magnesium_mg") * F("grams"))
            .order_by("-magnesium_by_grams", "food__name")[:limit]
        )


class Portion(models.Model):
    """A household measure of one food, such as "1 cup, chopped" weighing 30 g."""

    # What a custom food's serving from its nutrition label is called.
    LABEL_SERVING = "1 serving (label)"

    food = models.ForeignKey(Food, on_delete=models.CASCADE, related_name="portions")
    description = models.CharField(max_length=160)
    grams = models.DecimalField(max_digits=8, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))])
    position = models.PositiveSmallIntegerField(default=0)

    objects = PortionQuerySet.as_manager()

    class Meta:
        ordering = ["food", "position", "pk"]

    def __str__(self):
        return f"{self.description} ({plain(self.grams)} g)"
