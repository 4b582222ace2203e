import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cached_property
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Case, Count, F, Max, Q, When
from django.db.models.functions import Lower
from django.templatetags.tz import do_timezone as template_timezone
from django.utils import timezone

from foods.figures import percent, plain, rounded, stored
from foods.models import FIGURE_ORIGINS, Food, Portion, nutrient_field, nutrient_names
from foods.nutrients import LABELS, Nutrients
from journal import labs, reference
from journal.supplement_forms import FORMS
from mgtracker.prepared import PreparedObjects, PreparedValues

USER = settings.AUTH_USER_MODEL
# Sodium's share of sodium chloride by mass: 22.99 / (22.99 + 35.45) = 0.3934 (IUPAC standard atomic weights);
# 1 g of salt holds about 393 mg of sodium.
SODIUM_IN_SALT = Decimal("0.393")


def sodium_in_salt(salt):
    """The sodium in this much salt, in the same unit."""
    return salt * SODIUM_IN_SALT
# The journal holds days from 1 January 1900 (a Monday) on: earlier dates are typing slips.
EARLIEST_DATE = date(1900, 1, 1)
# Bounds of what can be true, checked by the forms with a message and kept by the database's
# check constraints for every other way a row can be written.
# One entry is one food eaten at one sitting: 5 kg of it is a typing slip, not a meal.
MAX_GRAMS_PER_ENTRY = Decimal(5000)
# Ten grams of elemental magnesium in one dose is about thirty times the adult upper
# limit: more than that is a typing slip, not a dose.
MAX_DOSE_ELEMENTAL_MG = 10_000
# Outside these a reading is a slip of the finger, not a pulse (the bounds issue 9 sets for every heart rate).
HEART_RATE_BOUNDS_BPM = (25, 250)
# Blood pressures a home cuff can give a person who is standing up, in mmHg. The top is the end of the range an
# automatic upper-arm monitor reads (0-299 mmHg in the "Specifications" of Omron's instruction manuals, e.g. the
# BP742N and BP761); below 50 systolic or 20 diastolic nobody stays on their feet (that is shock), so such a figure
# is a typing slip. The diastolic pressure is always below the systolic: the forms check that too.
SYSTOLIC_BOUNDS_MMHG = (50, 299)
DIASTOLIC_BOUNDS_MMHG = (20, 299)
# More than 20 L of fluid in a day is a typing slip (issue 9's bound); drinking even a third of it risks water
# intoxication.
MAX_FLUID_ML_A_DAY = 20_000
SYMPTOM_SCORES = (
    "dizziness", "fatigue", "anxiety", "palpitations", "muscle_cramps", "headache", "brain_fog", "sleep_quality",
)


def positive_or_null(model_name, field_name):
    return models.CheckConstraint(
        condition=Q(**{f"{field_name}__isnull": True}) | Q(**{f"{field_name}__gt": 0}),
        name=f"{model_name}_{field_name}_positive",
    )


def idempotency_key_field():
    """A key the page makes for each entry it sends (static/js/offline-queue.js): an entry sent twice, because a
    reply was lost or the phone's offline queue sent it again, is saved once (journal/forms/once.py)."""
    return models.UUIDField(null=True, blank=True, editable=False)


def sent_once(model_name):
    return models.UniqueConstraint(
        "user", "idempotency_key", condition=Q(idempotency_key__isnull=False), name=f"{model_name}_sent_once",
    )


def in_range_or_null(model_name, field_name, bounds):
    return models.CheckConstraint(
        condition=Q(**{f"{field_name}__isnull": True}) | Q(**{f"{field_name}__range": bounds}),
        name=f"{model_name}_{field_name}_in_range",
    )


class Profile(models.Model):
    class Sex(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"

    class LifeStage(models.TextChoices):
        NONE = "", "Neither"
        PREGNANT = "pregnant", "Pregnant"
        LACTATING = "lactating", "Breastfeeding"

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="profile")
    birth_date = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=6, choices=Sex.choices, blank=True)
    life_stage = models.CharField(max_length=9, choices=LifeStage.choices, blank=True)
    time_zone = models.CharField(max_length=64, default=settings.TIME_ZONE)
    doctor_goal_mg = models.PositiveIntegerField(
        null=True, blank=True, help_text="A daily goal set by your doctor; it replaces the RDA."
    )
    # Fluid and salt targets come from the person's clinician: there is no default. Each keeps the unit it was
    # given in, so the pages say it back as the clinician said it, beside the converted figure.
    fluid_target_ml = models.PositiveIntegerField(null=True, blank=True)
    fluid_target_unit = models.CharField(max_length=2, choices=[("ml", "ml"), ("L", "L")], default="L")
    sodium_target_g = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    sodium_target_as = models.CharField(
        max_length=6, choices=[("salt", "g of salt (sodium chloride)"), ("sodium", "g of sodium")], default="salt",
    )
    # The kidneys clear excess magnesium: with reduced kidney function supplements are for the doctor to direct
    # (NIH ODS, Magnesium fact sheet for health professionals; journal.medicines.KIDNEY_NOTE).
    kidney_disease = models.BooleanField(
        "I have chronic kidney disease or reduced kidney function", default=False,
    )

    def __str__(self):
        return f"Profile of {self.user}"

    @property
    def sodium_target_mg(self):
        """The sodium target in mg of sodium, whichever way the clinician gave it; None when there is none."""
        if self.sodium_target_g is None:
            return None
        grams = self.sodium_target_g if self.sodium_target_as == "sodium" else sodium_in_salt(self.sodium_target_g)
        return int(rounded(grams * 1000, "mg"))

    @property
    def sodium_target_working(self):
        """The target as given and what it means, "3 g of salt = 1,179 mg of sodium (salt is 39.3% sodium)"."""
        if self.sodium_target_g is None:
            return ""
        if self.sodium_target_as == "sodium":
            return f"{plain(self.sodium_target_g)} g of sodium = {self.sodium_target_mg:,} mg of sodium"
        return (f"{plain(self.sodium_target_g)} g of salt = {self.sodium_target_mg:,} mg of sodium "
                f"(salt, sodium chloride, is {plain(SODIUM_IN_SALT * 100)}% sodium by mass)")

    @property
    def fluid_target_text(self):
        """The fluid target as the clinician gave it: "2.5 L" or "2,500 ml"; "" when there is none."""
        if self.fluid_target_ml is None:
            return ""
        if self.fluid_target_unit == "L":
            return f"{plain(Decimal(self.fluid_target_ml) / 1000)} L"
        return f"{self.fluid_target_ml:,} ml"

    @classmethod
    def for_user(cls, user):
        profiles = PROFILE_OF.objects(user=user.pk)  # every page asks: its SQL is built once
        if not profiles:
            return cls.objects.get_or_create(user=user)[0]
        profiles[0].user = user
        return profiles[0]

    def clean(self):
        try:
            self.zone  # noqa: B018 (a zone that cannot be read would fail every page of the person's)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError({"time_zone": f"Unknown time zone {self.time_zone!r}."}) from None

    @property
    def zone(self):
        return ZoneInfo(self.time_zone)

    def now(self):
        return datetime.now(self.zone)

    def today(self):
        """The user's own calendar day, wherever the server is."""
        return self.now().date()

    def local_date(self, moment):
        return moment.astimezone(self.zone).date()

    def moment_on(self, day):
        """Now, moved to `day` at the same local time of day: what a form proposes for a dose or a note on a day
        page, and when a one-tap dose is taken (now itself on today)."""
        now = self.now()
        return now if day == now.date() else datetime.combine(day, time(now.hour, now.minute), self.zone)

    @property
    def missing_for_goal(self):
        """What the RDA for this person needs and the profile lacks ("birth date", "sex"); empty once it is known."""
        return [name for name, value in (("birth date", self.birth_date), ("sex", self.sex)) if not value]

    def reference(self, on=None):
        """The NIH/IOM table row for this person, or None while age or sex is unknown."""
        return reference.reference_for(self.birth_date, self.sex, self.life_stage, on=on or self.today())

    def goal(self, on=None, doctor_goals=None):
        """The goal in force on a day: the RDA for the person's age that day, or the doctor's goal as it stood then.

        `doctor_goals` is the person's DoctorGoal history, oldest first, for callers that read many days.
        """
        if on is None or on >= self.today():
            doctor_goal_mg = self.doctor_goal_mg
        else:
            history = self.doctor_goal_history() if doctor_goals is None else doctor_goals
            doctor_goal_mg = DoctorGoal.in_force(history, on)
        return reference.goal_for(self.reference(on), doctor_goal_mg)

    def doctor_goal_history(self):
        return DOCTOR_GOALS.objects(user=self.user_id)

    def set_doctor_goal(self, mg):
        """Record a new doctor's goal from the person's today on: the days before keep the goal they had."""
        DoctorGoal.objects.update_or_create(user=self.user, start=self.today(), defaults={"mg": mg})

    def age(self, on=None):
        """Age in years (a Decimal: months count for infants) on `on`, or None while the birth date is unknown."""
        return None if self.birth_date is None else reference.age_in_years(self.birth_date, on or self.today())

    def supplement_upper_limit_mg(self, on=None):
        """The UL for magnesium from supplements and medicines (not food); adults' 350 mg when age is unknown."""
        row = self.reference(on)
        if row is None:
            return reference.ADULT_SUPPLEMENT_UL_MG
        return row.ul_supplement_mg


class DoctorGoal(models.Model):
    """A daily goal set by the person's doctor, in force from `start` until the next change; `mg` None means the
    goal was removed and the RDA applies again. Past days keep the goal they had when they were lived."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="doctor_goals")
    start = models.DateField()
    mg = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["start"]
        constraints = [models.UniqueConstraint("user", "start", name="one_doctor_goal_change_a_day")]

    def __str__(self):
        return f"{self.mg or 'RDA'} from {self.start}"

    @staticmethod
    def in_force(history, day):
        """The goal in mg on `day` from a history sorted by start, or None (the RDA) before the first change."""
        mg = None
        for change in history:
            if change.start > day:
                break
            mg = change.mg
        return mg


class DayMark(models.Model):
    """What the person says about a whole day: that its food log is complete, or that they took no supplements, or no
    medicines (which keeps the day apart from one not recorded, in the adherence table of journal.adherence).

    Without marks a day with food logged counts in averages; once a person marks days complete, the days from their
    first mark on count only when marked (see journal.ledger).
    """

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="day_marks")
    date = models.DateField()
    food_complete = models.BooleanField(default=False)
    no_supplements = models.BooleanField(default=False)
    no_medicines = models.BooleanField(default=False)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint("user", "date", name="one_mark_a_day")]

    def __str__(self):
        return f"Marks of {self.date}"


class DayStamp(models.Model):
    """A number the database changes whenever anything a day's figures are made of is written: a meal entry,
    supplement dose, drink, symptom note, day mark, stand test or stand reading of that person on that date.
    Triggers (journal/day_stamps.py) change it, so no way of writing (a form, an import, an admin edit,
    QuerySet.update(), raw SQL) can leave it standing. The ledger keeps the days it has worked out for the process
    with their stamp, and works out again only the days whose stamp has changed (journal.ledger.days_of).

    A new stamp is a random 64-bit number, not the last one plus one: a stamp never comes back for the same person
    and day, even when a transaction is rolled back, a database restored or a user id given again, which a counter
    would. A date without a stamp has nothing logged.

    No foreign key constraint: the triggers stamp the days of rows deleted along with their user, before the user's
    own row goes; a trigger on the user table then deletes the user's stamps.

    On PostgreSQL a write holds its day's stamp row until it commits, so one person's writes to the same day queue
    one behind the other; two transactions moving rows between the same two days in opposite directions could
    deadlock (PostgreSQL then fails one of them), which one person's own writes practically never do.
    """

    user = models.ForeignKey(USER, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    date = models.DateField()
    stamp = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "date"], name="one_stamp_a_day")]

    def __str__(self):
        return f"Stamp of {self.date}"


# Where an entry's figures come from: a food of the food table (USDA or the person's own), or a file imported from
# another app. Imports are a source of entries only, never of foods: Food.source keeps Food.Source, so no shared
# food can claim an import's name.
CRONOMETER = "cronometer"
ENTRY_SOURCES = [*Food.Source.choices, (CRONOMETER, "Cronometer import")]
# How MealEntry.origin names each source: its display name, unless FIGURE_ORIGINS says it more plainly. A dict, not
# get_food_source_display(), which flattens the choices again on every call: a day's figure notes ask it per entry.
ENTRY_ORIGINS = {**dict(ENTRY_SOURCES), **FIGURE_ORIGINS, CRONOMETER: "imported from Cronometer"}


def _listed(names, conjunction="and"):
    """"magnesium", "magnesium and water", "magnesium, sodium and water"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


@dataclass(frozen=True)
class FigureNote:
    """What one logged food's figures lack or borrow, naming where the food came from: every page and file that
    explains a day's unknown or estimated figures says it in these words."""

    food_name: str
    origin: str  # "your own label", "USDA SR28", "imported from Cronometer"
    missing: tuple  # the nutrients it has no figure for, as a sentence names them: ("magnesium", "water")
    estimated: tuple  # the nutrients whose figures are estimates
    estimated_from: str  # the USDA food they were estimated from, by release, id and name

    @property
    def estimate(self):
        """"magnesium estimated from USDA SR28 NDB 12014 Seeds, ...", or "" when no figure is an estimate."""
        return f"{_listed(self.estimated)} estimated from {self.estimated_from}" if self.estimated else ""

    def __str__(self):
        return self.text

    @cached_property
    def text(self):
        """"no water figure, and magnesium estimated from USDA SR28 NDB 19020 ...: Muesli bar (your own label)":
        the food named once, after all that is said of it. Worked out once a note: a year's report, its files and
        the week page say the same few dozen notes thousands of times."""
        said = [f"no {_listed(self.missing, 'or')} figure"] if self.missing else []
        if self.estimated:
            said.append(self.estimate)
        return f"{', and '.join(said)}: {self.food_name} ({self.origin})"


def current_goal(user):
    """This user's goal today (a reference.Goal): what settings.FOOD_PAGE_GOAL hands the food pages."""
    return Profile.for_user(user).goal()


# The one-tap foods (the log form's Recent and Frequent, Today's recent foods) come from this window, so reading
# them stays cheap however long the history.
QUICK_PICK_WINDOW = timedelta(days=90)
QUICK_PICKS = 6


class DayQuerySet(models.QuerySet):
    def for_day(self, user, day):
        return self.filter(user=user, date=day)


class MealEntryQuerySet(DayQuerySet):
    def in_day_order(self):
        """By date, then meals as the day runs (breakfast, lunch, dinner, snack), not as their names sort."""
        meal_order = Case(*(When(meal=meal, then=n) for n, meal in enumerate(MealEntry.Meal)))
        return self.order_by("date", meal_order, "created_at", "pk")

    def copy_to(self, day):
        """Copy these entries, snapshots as they are, to another day in the same meals."""
        return MealEntry.objects.bulk_create([entry.copied_to(day) for entry in self])

    def quick_picks(self, user, today):
        """(recent, frequent) entries of `usual_foods` in the weeks up to `today`: what is offered in one tap."""
        amounts = QUICK_PICK_AMOUNTS.tuples(user=user.pk, since=today - QUICK_PICK_WINDOW)
        recent, frequent = usual_foods(amounts, QUICK_PICKS)
        examples = _quick_pick_examples(user, {*recent, *frequent})
        return [examples[pk] for pk in recent], [examples[pk] for pk in frequent]

    def recent_picks(self, user, today):
        """The recent entries of `quick_picks` alone (Today's one-tap foods), read from the amounts of the recent
        foods only: the usual amount of each asks for no other food's, and Today would otherwise read hundreds."""
        amounts = RECENT_PICK_AMOUNTS.tuples(user=user.pk, since=today - QUICK_PICK_WINDOW)
        recent, _ = usual_foods(amounts, QUICK_PICKS)
        examples = _quick_pick_examples(user, recent)
        return [examples[pk] for pk in recent]

    def amounts(self):
        """Each food in each amount logged, how many times and the latest entry's pk: what usual_foods reads. The
        amount only groups the rows; reading it back would cost two decimals a row."""
        return (
            self.filter(food__isnull=False)
            .values("food", "portion", "portion_quantity", "grams")
            .annotate(times=Count("pk"), latest=Max("pk"))
            .values_list("food", "times", "latest")
        )


def _quick_pick_examples(user, pks):
    """{pk: entry} of these quick picks' entries."""
    if not pks:  # nothing logged in the window, so nothing to read
        return {}
    return {entry.pk: entry for entry in QUICK_PICK_EXAMPLES.objects(user=user.pk, pks=sorted(pks))}


def usual_foods(amounts, limit):
    """(recent, frequent) of `amounts` ((food, times, latest entry's pk) of each amount of each food): the last
    distinct foods and the most often logged ones, each as the pk of the latest entry in its usual amount."""
    # Per food: how many times it was logged, its latest entry, and (times, latest entry) of its usual amount,
    # the one logged most often, then most lately. Plain dicts and tuples: Today reads hundreds of amounts.
    times, latest, usual = {}, {}, {}
    for food, amount_times, amount_latest in amounts:
        amount = (amount_times, amount_latest)
        if food in times:
            times[food] += amount_times
            latest[food] = max(latest[food], amount_latest)
            usual[food] = max(usual[food], amount)
        else:
            times[food], latest[food], usual[food] = amount_times, amount_latest, amount
    recent = sorted(latest, key=latest.get, reverse=True)[:limit]
    repeated = [food for food in times if times[food] > 1]
    frequent = sorted(repeated, key=lambda food: (times[food], latest[food]), reverse=True)[:limit]
    return [usual[food][1] for food in recent], [usual[food][1] for food in frequent]


class MealEntry(models.Model):
    """One food eaten, with the nutrients it gave frozen at the time it was logged."""

    class Meal(models.TextChoices):
        BREAKFAST = "breakfast", "Breakfast"
        LUNCH = "lunch", "Lunch"
        DINNER = "dinner", "Dinner"
        SNACK = "snack", "Snack"

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="meal_entries")
    date = models.DateField()
    meal = models.CharField(max_length=9, choices=Meal.choices)
    food = models.ForeignKey(Food, null=True, on_delete=models.SET_NULL, related_name="+")
    # None only for an imported row whose amount was not given in grams ("1.00 cup"): its text is kept as the
    # portion description, and no weight is made up (docs/cronometer-import.md).
    grams = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    portion = models.ForeignKey(Portion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    portion_quantity = models.DecimalField(max_digits=7, decimal_places=3, null=True, blank=True)

    # Snapshot of the food as logged: history never changes when the food database does.
    food_name = models.CharField(max_length=255)
    food_source = models.CharField(max_length=12, choices=ENTRY_SOURCES)
    food_source_id = models.CharField(max_length=20, blank=True)
    portion_description = models.CharField(max_length=160, blank=True)
    # Wider than a food's per-100 g figures: 5 kg of table salt carries 1,937,900 mg of sodium.
    magnesium_mg = nutrient_field("magnesium (mg)", max_digits=12)
    potassium_mg = nutrient_field("potassium (mg)", max_digits=12)
    sodium_mg = nutrient_field("sodium (mg)", max_digits=12)
    calcium_mg = nutrient_field("calcium (mg)", max_digits=12)
    energy_kcal = nutrient_field("energy (kcal)", max_digits=12)
    # For an imported row: a hash of the row and how many identical rows came before it in its file, so importing
    # the same file twice adds nothing the second time. Blank for entries logged here.
    import_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    water_g = nutrient_field("water (g)", max_digits=12)
    idempotency_key = idempotency_key_field()
    # Which of these figures are estimates, and the USDA food they were estimated from (as the custom food said when
    # logged: foods.Food.estimated_figures, estimated_from_citation); blank for figures from the food's own source.
    estimated_figures = models.CharField(max_length=80, blank=True, validators=[nutrient_names])
    estimated_from = models.CharField(max_length=300, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)

    objects = MealEntryQuerySet.as_manager()

    class Meta:
        ordering = ["date", "meal", "created_at", "pk"]
        indexes = [models.Index(fields=["user", "date"])]
        verbose_name_plural = "meal entries"
        constraints = [
            models.CheckConstraint(
                # "isnull=False" too: a CHECK whose expression is NULL passes, and NULL > 0 is NULL.
                condition=(
                    Q(grams__isnull=False, grams__gt=0, grams__lte=MAX_GRAMS_PER_ENTRY)
                    | Q(grams__isnull=True, food_source=CRONOMETER)
                ),
                name="meal_entry_grams_in_range_or_imported_without",
            ),
            positive_or_null("meal_entry", "portion_quantity"),
            models.UniqueConstraint(
                "user", "import_fingerprint", condition=~Q(import_fingerprint=""), name="one_entry_per_imported_row",
            ),
            sent_once("meal_entry"),
        ]

    def __str__(self):
        return f"{self.food_name}, {self.amount_text} on {self.date}"

    def set_food(self, food, grams, portion=None, portion_quantity=None):
        """Record this amount of this food, freezing its name, source and nutrients as they stand now."""
        self.food, self.grams, self.portion, self.portion_quantity = food, grams, portion, portion_quantity
        self.food_name, self.food_source, self.food_source_id = food.name, food.source, food.source_id
        self.portion_description = portion.description if portion else ""
        for name, value in food.nutrients_for(grams).items():
            setattr(self, name, value)
        self.estimated_figures, self.estimated_from = food.estimated_figures, food.estimated_from_citation

    def copied_to(self, day):
        """An unsaved copy of this entry on another day: same food, amount and logged nutrients."""
        copy = MealEntry(**{field.attname: getattr(self, field.attname) for field in self._meta.concrete_fields})
        copy.pk = copy.created_at = None
        copy.date = day
        copy.import_fingerprint = ""  # a copy is logged here, not imported: the file's row stays the original
        return copy

    @property
    def amount_text(self):
        return describe_amount(self.grams, self.portion_description, self.portion_quantity)

    @property
    def imported_from(self):
        """The app an imported entry's figures come from ("Cronometer"), or "" for an entry logged here."""
        return "Cronometer" if self.food_source == CRONOMETER else ""

    @property
    def origin(self):
        """Where the entry's figures came from, as an explanation of a missing one names it."""
        return ENTRY_ORIGINS.get(self.food_source, self.food_source)

    @property
    def figure_note(self):
        """A FigureNote when a figure is missing or an estimate, else None."""
        estimated = self.estimated_figures.split()
        missing = tuple(LABELS[name].lower() for name in Nutrients.NAMES if getattr(self, name) is None)
        borrowed = tuple(LABELS[name].lower() for name in Nutrients.NAMES if name in estimated)
        if not missing and not borrowed:
            return None
        return FigureNote(self.food_name, self.origin, missing, borrowed, self.estimated_from)

    @property
    def amount(self):
        """The number the user typed: a count of portions, or grams."""
        return self.portion_quantity if self.portion_id and self.portion_quantity else self.grams


def describe_amount(grams, portion_description="", portion_quantity=None):
    """The amount as people read it: "0.5 × 1 cup (64.5 g)", or "64.5 g" when no portion was used, or an imported
    amount as its file gave it ("1.00 cup") when its weight is unknown."""
    if grams is None:
        return portion_description
    grams_text = f"{grams.normalize():f} g"
    if portion_description and portion_quantity:
        return f"{portion_quantity.normalize():f} × {portion_description} ({grams_text})"
    return grams_text


class SavedMeal(models.Model):
    """A named set of foods and amounts, such as "usual breakfast", logged in one action."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="saved_meals")
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint("user", Lower("name"), name="unique_saved_meal_name")]

    def __str__(self):
        return self.name

    @classmethod
    @transaction.atomic
    def create_from(cls, user, name, entries):
        """Save these logged entries (those whose food still exists) as a named meal."""
        saved_meal = cls.objects.create(user=user, name=name)
        SavedMealItem.objects.bulk_create(
            SavedMealItem(
                saved_meal=saved_meal, food_id=entry.food_id, grams=entry.grams,
                portion_id=entry.portion_id, portion_quantity=entry.portion_quantity,
            )
            for entry in entries
            if entry.food_id
        )
        return saved_meal

    @transaction.atomic
    def log_to(self, day, meal):
        """Log every item of this meal to a day and meal, with the foods' nutrients as they stand now."""
        entries = []
        for item in self.items.select_related("food", "portion"):
            entry = MealEntry(user=self.user, date=day, meal=meal)
            entry.set_food(item.food, item.current_grams, item.portion, item.portion_quantity if item.portion else None)
            entries.append(entry)
        return MealEntry.objects.bulk_create(entries)


class SavedMealItem(models.Model):
    saved_meal = models.ForeignKey(SavedMeal, on_delete=models.CASCADE, related_name="items")
    food = models.ForeignKey(Food, on_delete=models.CASCADE, related_name="+")
    grams = models.DecimalField(max_digits=8, decimal_places=2)
    portion = models.ForeignKey(Portion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    portion_quantity = models.DecimalField(max_digits=7, decimal_places=3, null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.food}, {self.amount_text}"

    @property
    def current_grams(self):
        """"2 × 1 bar" weighs what a bar weighs now, should the food's portion have been corrected since."""
        if self.portion is not None and self.portion_quantity is not None:
            return stored(self.portion.grams * self.portion_quantity)
        return self.grams

    @property
    def amount_text(self):
        return describe_amount(self.grams, self.portion.description if self.portion else "", self.portion_quantity)


class SupplementProduct(models.Model):
    class Form(models.TextChoices):
        OXIDE = "oxide", "Oxide"
        CITRATE = "citrate", "Citrate"
        GLYCINATE = "glycinate", "Glycinate (bisglycinate)"
        THREONATE = "threonate", "L-threonate"
        MALATE = "malate", "Malate"
        CHLORIDE = "chloride", "Chloride"
        LACTATE = "lactate", "Lactate"
        TAURATE = "taurate", "Taurate"
        SULFATE = "sulfate", "Sulfate"
        CARBONATE = "carbonate", "Carbonate"
        HYDROXIDE = "hydroxide", "Hydroxide"
        ASPARTATE = "aspartate", "Aspartate"
        OROTATE = "orotate", "Orotate"
        GLUCONATE = "gluconate", "Gluconate"
        OTHER = "other", "Other"

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="supplement_products")
    name = models.CharField(max_length=120)
    brand = models.CharField(max_length=120, blank=True)
    form = models.CharField(max_length=10, choices=Form.choices)
    unit_name = models.CharField(max_length=30, default="capsule")
    # The label's elemental figure wins; the compound weight is the fallback.
    label_elemental_mg = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    label_compound_mg = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    # Salt tablets, oral rehydration solutions and electrolyte drink mixes: the label's sodium and potassium per
    # unit, and the water a unit is drunk in (ml), which counts as fluid. Null where the label gives none.
    sodium_mg_per_unit = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    potassium_mg_per_unit = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    water_ml_per_unit = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            # 0 mg: a salt tablet or an electrolyte mix without magnesium.
            models.CheckConstraint(
                condition=Q(label_elemental_mg__isnull=True) | Q(label_elemental_mg__gte=0),
                name="supplement_product_label_elemental_mg_not_negative",
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": 0}),
                    name=f"supplement_product_{name}_not_negative",
                )
                for name in ("sodium_mg_per_unit", "potassium_mg_per_unit", "water_ml_per_unit")
            ),
            positive_or_null("supplement_product", "label_compound_mg"),
        ]

    def __str__(self):
        return f"{self.brand} {self.name}".strip()

    def clean(self):
        if self.label_elemental_mg is not None or self.form not in FORMS:
            return  # a label figure needs nothing else; an unknown form already has its field error
        if self.form_facts.elemental_fraction is None:
            raise ValidationError({"label_elemental_mg": (
                "For this form there is no salt to compute from: enter the elemental magnesium per unit from the label."
            )})
        if self.label_compound_mg is None:
            raise ValidationError({"label_elemental_mg": (
                "Enter the elemental magnesium per unit, or the compound weight so it can be computed."
            )})

    @property
    def form_facts(self):
        """The form's elemental fraction, assumed salt and what it is known for."""
        return FORMS[self.form]

    @property
    def elemental_mg_per_unit(self):
        """The label's elemental figure, else the compound weight times the form's elemental fraction."""
        if self.label_elemental_mg is not None:
            return self.label_elemental_mg
        if self.label_compound_mg is None or self.form_facts.elemental_fraction is None:
            return None
        return self.form_facts.elemental_mg(self.label_compound_mg)

    LABEL_WORKING = "as stated on the label"

    @property
    def elemental_working(self):
        """Where the elemental figure comes from, in words a doctor can check."""
        if self.label_elemental_mg is not None:
            return self.LABEL_WORKING
        if self.elemental_mg_per_unit is None:
            return "unknown"
        facts = self.form_facts
        return (
            f"{plain(self.label_compound_mg)} mg × {facts.percent}% = {plain(self.elemental_mg_per_unit)} mg elemental"
            f" (assuming {facts.salt_assumed})"
        )


def in_users_zone(moment, user):
    """The moment in the user's time zone, marked so templates show it as is (they would convert an aware
    datetime back to the server's zone); the list QuerySets select the profile along with the rows."""
    return template_timezone(moment, user.profile.zone)


@dataclass(frozen=True)
class SupplementLimit:
    """A day's magnesium from supplements against the person's upper limit. Going over is a warning, not a block:
    the limit is advice for unsupervised use, and a doctor may prescribe more."""

    day: date
    supplement_mg: Decimal
    upper_limit_mg: int | None  # None for infants: no UL is set, their magnesium should come from food

    @property
    def exceeded(self):
        return self.upper_limit_mg is not None and self.supplement_mg > self.upper_limit_mg

    @property
    def percent(self):
        return percent(self.supplement_mg, self.upper_limit_mg)


class SupplementDoseQuerySet(DayQuerySet):
    def recent(self, user, count=30):
        return self.filter(user=user).select_related("user__profile").order_by("-taken_at", "-pk")[:count]

    def in_days(self, user, first, last):
        """The doses of the days from `first` to `last`, in the order taken, their products along."""
        return self.filter(user=user, date__range=(first, last)).select_related("product")


def doses_in_days_up_to(user, day, days):
    """The person's SupplementDoses of `days` days ending on `day`, in the order taken, their products along, each
    given `user` itself (given_their_user)."""
    first = day - min(timedelta(days=days - 1), day - date.min)  # the calendar's first days have fewer before
    return given_their_user(user, DOSES_IN_DAYS.objects(user=user.pk, first=first, last=day))


def given_their_user(user, instances):
    """The instances, all of `user`'s, each given `user` itself: their local times read the profile Profile.for_user
    cached on it, where a join would read the user and profile again with every row."""
    for instance in instances:
        instance.user = user
    return instances


def usual_doses(doses):
    """The latest dose of each product still kept, from doses in the order taken: what "take your usual dose"
    repeats. In the order of the products' names, as the dose form lists them."""
    latest = {dose.product_id: dose for dose in doses if dose.product_id is not None}
    return sorted(latest.values(), key=lambda dose: (str(dose.product), dose.product_id))


class SupplementDose(models.Model):
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="supplement_doses")
    product = models.ForeignKey(SupplementProduct, null=True, on_delete=models.SET_NULL, related_name="doses")
    taken_at = models.DateTimeField()
    date = models.DateField(help_text="The user's local date of taken_at.")
    units = models.DecimalField(max_digits=6, decimal_places=2)
    # Snapshot as logged, like a meal entry.
    product_name = models.CharField(max_length=250)
    form = models.CharField(max_length=10, choices=SupplementProduct.Form.choices)
    elemental_mg = models.DecimalField(max_digits=8, decimal_places=2)
    elemental_mg_per_unit = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    # How the per-unit figure was reached: the label's own, or the compound weight times the form's fraction.
    elemental_working = models.CharField(max_length=300, blank=True)
    # The product's sodium, potassium and water for this many units, frozen like the magnesium; 0 without.
    sodium_mg = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    potassium_mg = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    water_ml = models.DecimalField(max_digits=8, decimal_places=1, default=0)
    idempotency_key = idempotency_key_field()

    objects = SupplementDoseQuerySet.as_manager()

    MAX_ELEMENTAL_MG = MAX_DOSE_ELEMENTAL_MG

    class Meta:
        ordering = ["taken_at", "pk"]
        # (product, date): a product's first dose in one index seek, for adherence, however long the history.
        indexes = [models.Index(fields=["user", "date"]), models.Index(fields=["product", "date"])]
        constraints = [
            models.CheckConstraint(condition=Q(units__gt=0), name="supplement_dose_units_positive"),
            models.CheckConstraint(
                condition=Q(elemental_mg__range=(0, MAX_DOSE_ELEMENTAL_MG)),
                name="supplement_dose_elemental_mg_in_range",
            ),
            *(
                models.CheckConstraint(condition=Q(**{f"{name}__gte": 0}), name=f"supplement_dose_{name}_not_negative")
                for name in ("sodium_mg", "potassium_mg", "water_ml")
            ),
            sent_once("supplement_dose"),
        ]

    def __str__(self):
        return f"{plain(self.units)} × {self.product_name} on {self.date}"

    @property
    def elemental_source(self):
        """"label", or the working from the compound weight; "" for a dose logged before figures were kept."""
        if self.elemental_working == SupplementProduct.LABEL_WORKING:
            return "label"
        return self.elemental_working

    @property
    def local_taken_at(self):
        return in_users_zone(self.taken_at, self.user)

    def copy_product(self, product):
        """Freeze the product's name, form and elemental magnesium as they are now, so editing it later
        leaves this dose's history alone."""
        self.product = product
        self.product_name = str(product)
        self.form = product.form
        self.elemental_mg_per_unit = product.elemental_mg_per_unit
        self.elemental_working = product.elemental_working
        self.elemental_mg = stored(self.units * product.elemental_mg_per_unit)
        self.sodium_mg = stored(self.units * (product.sodium_mg_per_unit or 0))
        self.potassium_mg = stored(self.units * (product.potassium_mg_per_unit or 0))
        self.water_ml = stored(self.units * (product.water_ml_per_unit or 0), Decimal("0.1"))


class MedicineQuerySet(models.QuerySet):
    def taken_on(self, user, day):
        """The person's medicines between their start and stop dates on `day`."""
        return self.taken_between(user, day, day)

    def taken_between(self, user, first, last):
        """The person's medicines taken on at least one day from `first` to `last`."""
        not_stopped_before = Q(stopped_on__isnull=True) | Q(stopped_on__gte=first)
        return self.filter(not_stopped_before, user=user, started_on__lte=last)


class Medicine(models.Model):
    """A medicine the person takes beside magnesium; its kind says how magnesium and it bear on each other
    (journal.medicines)."""

    class Kind(models.TextChoices):
        BISPHOSPHONATE = "bisphosphonate", "Bisphosphonate (such as alendronate)"
        TETRACYCLINE = "tetracycline", "Tetracycline antibiotic (such as doxycycline, demeclocycline)"
        QUINOLONE = "quinolone", "Quinolone antibiotic (such as ciprofloxacin, levofloxacin)"
        LOOP_DIURETIC = "loop_diuretic", "Loop diuretic (such as furosemide, bumetanide)"
        THIAZIDE_DIURETIC = "thiazide_diuretic", "Thiazide diuretic (such as hydrochlorothiazide)"
        POTASSIUM_SPARING_DIURETIC = (
            "potassium_sparing", "Potassium-sparing diuretic (such as amiloride, spironolactone)"
        )
        PPI_LONG_TERM = "ppi_long_term", "Proton pump inhibitor taken long term (such as esomeprazole, lansoprazole)"
        OTHER = "other", "Other"

    MAX_USUAL_TIMES = 6

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="medicines")
    name = models.CharField(max_length=120)
    kind = models.CharField("what kind of medicine", max_length=20, choices=Kind.choices, default=Kind.OTHER)
    dose = models.CharField(max_length=80, blank=True, help_text="As on the prescription: “70 mg tablet”.")
    # Local times of day as "HH:MM", sorted: the times the one-tap buttons of the day page log.
    usual_times = models.JSONField(default=list, blank=True)
    started_on = models.DateField()
    stopped_on = models.DateField(null=True, blank=True)

    objects = MedicineQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stopped_on__isnull=True) | Q(stopped_on__gte=models.F("started_on")),
                name="medicine_stops_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.name} {self.dose}".strip()

    def clean(self):
        # The form writes them itself; a restored backup could hold anything.
        times = self.usual_times
        well_formed = isinstance(times, list) and len(times) <= self.MAX_USUAL_TIMES and all(
            isinstance(at, str) and re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", at) for at in times
        )
        if not well_formed:
            raise ValidationError({"usual_times": (
                f"Usual times are a list of at most {self.MAX_USUAL_TIMES} times of day written as “08:00”."
            )})

    def taken_on(self, day):
        """Whether the person was taking it on `day`, from its start to its stop date, both included."""
        return self.started_on <= day and (self.stopped_on is None or day <= self.stopped_on)


class MedicineDose(models.Model):
    """One time a medicine was taken. The same medicine at the same minute is one dose: a second tap of the same
    button changes nothing."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="medicine_doses")
    medicine = models.ForeignKey(Medicine, on_delete=models.CASCADE, related_name="doses")
    taken_at = models.DateTimeField()
    date = models.DateField(help_text="The user's local date of taken_at.")

    class Meta:
        ordering = ["taken_at", "pk"]
        indexes = [models.Index(fields=["user", "date"])]
        constraints = [models.UniqueConstraint("medicine", "taken_at", name="one_dose_of_a_medicine_at_a_time")]

    def __str__(self):
        return f"{self.medicine} at {self.taken_at:%Y-%m-%d %H:%M}"

    @property
    def local_taken_at(self):
        return in_users_zone(self.taken_at, self.user)


class Drink(models.Model):
    """Plain water or another drink added in ml from the day page, counted as fluid only. A drink whose nutrients
    matter (milk, juice, a sports drink) is logged as a food: its water counts as fluid too."""

    class Kind(models.TextChoices):
        WATER = "water", "Water"
        TEA = "tea", "Tea or herbal tea"
        COFFEE = "coffee", "Coffee"
        OTHER = "other", "Other drink"

    # One tap on the day page: a glass and a bottle.
    GLASS_ML, BOTTLE_ML = 250, 500

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="drinks")
    date = models.DateField()
    kind = models.CharField(max_length=6, choices=Kind.choices, default=Kind.WATER)
    ml = models.PositiveIntegerField()
    idempotency_key = idempotency_key_field()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DayQuerySet.as_manager()

    class Meta:
        ordering = ["date", "created_at", "pk"]
        indexes = [models.Index(fields=["user", "date"])]
        constraints = [
            models.CheckConstraint(condition=Q(ml__range=(1, MAX_FLUID_ML_A_DAY)), name="drink_ml_in_range"),
            sent_once("drink"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, {self.ml} ml on {self.date}"


def score_field(verbose_name, required=False):
    return models.PositiveSmallIntegerField(
        verbose_name, null=not required, blank=not required,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )


class SymptomNoteQuerySet(DayQuerySet):
    def recent(self, user, count=30):
        return self.filter(user=user).select_related("user__profile").order_by("-recorded_at", "-pk")[:count]


class SymptomNote(models.Model):
    SCORES = SYMPTOM_SCORES
    HIGHER_IS_BETTER = ("sleep_quality",)

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="symptom_notes")
    recorded_at = models.DateTimeField()
    date = models.DateField(help_text="The user's local date of recorded_at.")
    dizziness = score_field("dizziness", required=True)
    fatigue = score_field("fatigue", required=True)
    anxiety = score_field("anxiety", required=True)
    palpitations = score_field("palpitations")
    muscle_cramps = score_field("muscle cramps")
    headache = score_field("headache")
    brain_fog = score_field("brain fog")
    sleep_quality = score_field("sleep quality")
    heart_rate_lying = models.PositiveSmallIntegerField("heart rate lying (bpm)", null=True, blank=True)
    heart_rate_standing = models.PositiveSmallIntegerField("heart rate standing (bpm)", null=True, blank=True)
    text = models.TextField(blank=True, max_length=5000)

    objects = SymptomNoteQuerySet.as_manager()

    # A rise of 30 bpm or more within 10 minutes of standing is the heart-rate criterion
    # for POTS in adults (Sheldon et al., Heart Rhythm 2015 consensus statement).
    ORTHOSTATIC_RISE_BPM = 30
    # The same statement asks for 40 bpm or more from 12 to 19 years of age, as heart rates rise more in the young.
    ADOLESCENT_ORTHOSTATIC_RISE_BPM = 40
    ADOLESCENT_AGES = (12, 19)

    class Meta:
        ordering = ["recorded_at", "pk"]
        indexes = [models.Index(fields=["user", "date"])]
        constraints = [
            *(in_range_or_null("symptom_note", name, (0, 10)) for name in SYMPTOM_SCORES),
            in_range_or_null("symptom_note", "heart_rate_lying", HEART_RATE_BOUNDS_BPM),
            in_range_or_null("symptom_note", "heart_rate_standing", HEART_RATE_BOUNDS_BPM),
        ]

    def __str__(self):
        return f"Symptoms at {self.recorded_at:%Y-%m-%d %H:%M}"

    @property
    def local_recorded_at(self):
        return in_users_zone(self.recorded_at, self.user)

    @property
    def heart_rate_rise(self):
        """Standing minus lying heart rate, or None unless both were measured."""
        if self.heart_rate_lying is None or self.heart_rate_standing is None:
            return None
        return self.heart_rate_standing - self.heart_rate_lying

    @classmethod
    def orthostatic_rise_bpm(cls, age):
        """The heart-rate rise clinicians look for at this age (None when the birth date is unknown: adults')."""
        youngest, oldest = cls.ADOLESCENT_AGES
        if age is not None and youngest <= age < oldest + 1:
            return cls.ADOLESCENT_ORTHOSTATIC_RISE_BPM
        return cls.ORTHOSTATIC_RISE_BPM

    @property
    def rise_meets_orthostatic_criterion(self):
        return self.heart_rate_rise is not None and self.heart_rate_rise >= self.ORTHOSTATIC_RISE_BPM

    def scores(self):
        """(label, value) for every score, None where not scored."""
        return [(self._meta.get_field(name).verbose_name, getattr(self, name)) for name in self.SCORES]


class ShareLinkQuerySet(models.QuerySet):
    def opened_by(self, token):
        """The link this token opens, or None. Only the token's hash is stored, so the lookup hashes it too."""
        return self.select_related("user").filter(token_hash=ShareLink.hash_of(token)).first()


class ShareLink(models.Model):
    """A read-only link to one person's doctor report for a period, until it expires or is revoked.

    The token is shown once, when the link is made; the database keeps only its SHA-256, so a copy of the
    database opens no report. 32 random bytes (secrets.token_urlsafe: 43 characters) cannot be guessed,
    which is why opening links is not throttled: a doctor may open the same link many times.
    """

    DEFAULT_DAYS = 30
    MAX_DAYS = 365  # a year at most: a forgotten link stops working on its own
    TOKEN_BYTES = 32
    NOTE_LENGTH = 200

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="share_links")
    token_hash = models.CharField(max_length=64, unique=True)
    first = models.DateField()
    last = models.DateField()
    note = models.CharField(max_length=NOTE_LENGTH, blank=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_opened_at = models.DateTimeField(null=True, blank=True)
    times_opened = models.PositiveIntegerField(default=0)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(first__lte=models.F("last")), name="share_link_period_in_order"),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")), name="share_link_expires_after_creation"
            ),
        ]

    def __str__(self):
        return f"Report {self.first} to {self.last}, link of {self.user}"

    @staticmethod
    def hash_of(token):
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def make(cls, user, first, last, days, note=""):
        """A new link and its token: the token is not stored, so this is the only time it can be shown."""
        token = secrets.token_urlsafe(cls.TOKEN_BYTES)
        now = timezone.now()
        link = cls.objects.create(
            user=user, token_hash=cls.hash_of(token), first=first, last=last, note=note,
            created_at=now, expires_at=now + timedelta(days=days),
        )
        return link, token

    def state(self, now=None):
        """"revoked", "expired" or "active"."""
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if (now or timezone.now()) >= self.expires_at else "active"

    @property
    def is_active(self):
        return self.state() == "active"

    def revoke(self):
        """Revoke it now; a link revoked before keeps the moment it was first revoked."""
        ShareLink.objects.filter(pk=self.pk, revoked_at=None).update(revoked_at=timezone.now())
        self.refresh_from_db(fields=["revoked_at"])

    def record_opening(self):
        """One UPDATE, so two doctors opening the link at once both count."""
        now = timezone.now()
        ShareLink.objects.filter(pk=self.pk).update(last_opened_at=now, times_opened=models.F("times_opened") + 1)
        self.last_opened_at = now


class StandTestQuerySet(models.QuerySet):
    def with_readings(self):
        return self.select_related("user__profile").prefetch_related("readings")

    def of(self, user):
        return self.filter(user=user).with_readings().order_by("-started_at", "-pk")


class StandTest(models.Model):
    """A NASA lean test: heart rate (and blood pressure) lying down, then each minute of ten minutes standing with
    the shoulders against a wall. Its readings are StandReadings; what it shows is worked out here, never stored."""

    STANDING_MINUTES = 10
    SUPINE_READINGS = 2
    # A fall of 20 mmHg systolic or 10 mmHg diastolic within 3 minutes of standing is the consensus definition of
    # orthostatic hypotension (Freeman et al., Clin Auton Res 2011;21:69-72, "Consensus statement on the definition
    # of orthostatic hypotension, neurally mediated syncope and the postural tachycardia syndrome").
    HYPOTENSION_DROP_MMHG = (20, 10)  # (systolic, diastolic)
    HYPOTENSION_WITHIN_MINUTES = 3

    class Tag(models.TextChoices):
        BASELINE = "baseline", "Baseline (before treatment)"
        ON_TREATMENT = "on_treatment", "On treatment"

    class StopReason(models.TextChoices):
        FAINTING = "fainting", "Fainting or about to faint"
        UNWELL = "unwell", "Feeling unwell"
        OTHER = "other", "Another reason"

    class Symptom(models.TextChoices):
        DIZZY = "dizzy", "Dizzy or light-headed"
        PALPITATIONS = "palpitations", "Heart pounding or racing"
        VISION = "vision", "Blurred or dimming vision"
        NAUSEA = "nausea", "Nausea"
        BREATH = "breath", "Short of breath"
        SWEATING = "sweating", "Sweating or clammy"
        TREMOR = "tremor", "Shaky"
        HEADACHE = "headache", "Headache"
        LEGS = "legs", "Legs turning red or purple"

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="stand_tests")
    started_at = models.DateTimeField()
    date = models.DateField(help_text="The user's local date of started_at.")
    tag = models.CharField(max_length=12, choices=Tag.choices, default=Tag.BASELINE)
    symptoms = models.JSONField(default=list, blank=True, help_text="Symptom values ticked during the test.")
    stopped_early = models.CharField(max_length=8, choices=StopReason.choices, blank=True)
    text = models.TextField("notes", blank=True, max_length=2000)

    objects = StandTestQuerySet.as_manager()

    class Meta:
        ordering = ["started_at", "pk"]
        indexes = [models.Index(fields=["user", "date"])]

    def __str__(self):
        return f"Stand test at {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def local_started_at(self):
        return in_users_zone(self.started_at, self.user)

    def symptom_labels(self):
        return [self.Symptom(value).label for value in self.symptoms if value in self.Symptom.values]

    @cached_property
    def supine(self):
        return [reading for reading in self.readings.all() if reading.position == StandReading.Position.SUPINE]

    @cached_property
    def standing(self):
        return [reading for reading in self.readings.all() if reading.position == StandReading.Position.STANDING]

    @cached_property
    def results(self):
        age = self.user.profile.age(self.date)
        return StandResults(self.supine, self.standing, SymptomNote.orthostatic_rise_bpm(age), age)


def mean_of(values):
    """The exact mean of whole readings, None without any: the rounding is the page's, by foods.figures."""
    values = [value for value in values if value is not None]
    return Decimal(sum(values)) / len(values) if values else None


def heart_rate_rise(supine_total, supine_count, standing_max):
    """The highest standing heart rate over the supine mean, to 0.1 bpm; the ledger reads it from sums."""
    if not supine_count or standing_max is None:
        return None
    return rounded(standing_max - Decimal(supine_total) / supine_count, "bpm")


@dataclass(frozen=True)
class StandResults:
    """What a stand test shows, with its working: the baseline, the peak, the rise and the drops."""

    supine: list
    standing: list
    rise_criterion_bpm: int  # SymptomNote.orthostatic_rise_bpm for the person's age on the day
    age: Decimal | None

    @property
    def baseline_bpm(self):
        return rounded(mean_of(reading.heart_rate for reading in self.supine), "bpm")

    @property
    def peak(self):
        """The standing reading with the highest heart rate (the first of equals)."""
        return max(self.standing, key=lambda reading: reading.heart_rate, default=None)

    @property
    def rise_bpm(self):
        peak = self.peak
        return heart_rate_rise(
            sum(reading.heart_rate for reading in self.supine), len(self.supine), peak and peak.heart_rate
        )

    @property
    def rise_reaches_criterion(self):
        return self.rise_bpm is not None and self.rise_bpm >= self.rise_criterion_bpm

    def baseline_mmhg(self, name):
        return rounded(mean_of(getattr(reading, name) for reading in self.supine), "mmHg")

    def lowest(self, name, within=None):
        """The standing reading lowest in `name` ("systolic", "diastolic"), within the first `within` minutes."""
        readings = [
            reading for reading in self.standing
            if getattr(reading, name) is not None and (within is None or reading.minute <= within)
        ]
        return min(readings, key=lambda reading: getattr(reading, name), default=None)

    def drop(self, name, within=None):
        """The supine mean of `name` against the lowest standing reading of it, within the first `within` minutes."""
        return PressureDrop(name, self.baseline_mmhg(name), self.lowest(name, within))

    @property
    def drops(self):
        """[(systolic, diastolic) PressureDrop] within 3 minutes of standing, where the consensus looks."""
        within = StandTest.HYPOTENSION_WITHIN_MINUTES
        return [self.drop(name, within) for name in ("systolic", "diastolic")]

    @property
    def later_drops(self):
        """The drops over the whole test whose lowest reading came after minute 3 (the others are the ones above)."""
        whole_test = (self.drop(name) for name in ("systolic", "diastolic"))
        return [drop for drop in whole_test if drop.mmhg is not None
                and drop.lowest.minute > StandTest.HYPOTENSION_WITHIN_MINUTES]

    @property
    def pressure_falls(self):
        """Whether a reading within 3 minutes of standing fell by 20 systolic or 10 diastolic or more."""
        return any(drop.reaches_threshold for drop in self.drops)

    @property
    def has_pressures(self):
        return any(reading.systolic is not None for reading in [*self.supine, *self.standing])


@dataclass(frozen=True)
class PressureDrop:
    name: str  # "systolic" or "diastolic"
    baseline_mmhg: Decimal | None  # the supine mean
    lowest: "StandReading | None"  # the standing reading lowest in this pressure

    @property
    def lowest_mmhg(self):
        return None if self.lowest is None else getattr(self.lowest, self.name)

    @property
    def mmhg(self):
        """The fall from the supine mean (negative when the pressure rose), None without both."""
        if self.baseline_mmhg is None or self.lowest is None:
            return None
        return self.baseline_mmhg - self.lowest_mmhg

    @property
    def threshold_mmhg(self):
        systolic, diastolic = StandTest.HYPOTENSION_DROP_MMHG
        return systolic if self.name == "systolic" else diastolic

    @property
    def reaches_threshold(self):
        return self.mmhg is not None and self.mmhg >= self.threshold_mmhg


class StandReading(models.Model):
    class Position(models.TextChoices):
        SUPINE = "supine", "Lying down"
        STANDING = "standing", "Standing"

    test = models.ForeignKey(StandTest, on_delete=models.CASCADE, related_name="readings")
    position = models.CharField(max_length=8, choices=Position.choices)
    minute = models.PositiveSmallIntegerField(help_text="Lying: the 1st or 2nd reading; standing: minutes 1 to 10.")
    heart_rate = models.PositiveSmallIntegerField("heart rate (bpm)")
    systolic = models.PositiveSmallIntegerField("systolic (mmHg)", null=True, blank=True)
    diastolic = models.PositiveSmallIntegerField("diastolic (mmHg)", null=True, blank=True)

    class Meta:
        ordering = ["-position", "minute"]  # "supine" before "standing"
        constraints = [
            models.UniqueConstraint(fields=["test", "position", "minute"], name="stand_reading_one_per_minute"),
            models.CheckConstraint(condition=Q(minute__range=(1, StandTest.STANDING_MINUTES)),
                                   name="stand_reading_minute_in_range"),
            in_range_or_null("stand_reading", "heart_rate", HEART_RATE_BOUNDS_BPM),
            in_range_or_null("stand_reading", "systolic", SYSTOLIC_BOUNDS_MMHG),
            in_range_or_null("stand_reading", "diastolic", DIASTOLIC_BOUNDS_MMHG),
            models.CheckConstraint(
                condition=Q(systolic__isnull=True, diastolic__isnull=True)
                | Q(systolic__isnull=False, diastolic__isnull=False, diastolic__lt=models.F("systolic")),
                name="stand_reading_pressure_pair",
            ),
        ]

    def __str__(self):
        return f"{self.get_position_display()}, minute {self.minute}: {self.heart_rate} bpm"


def _lab_value_within_bounds():
    """One rule for the database: each analyte in one of its units, within the bounds of a sample in that unit."""
    allowed = Q()
    for analyte in labs.ANALYTES.values():
        for unit in analyte.factors:
            allowed |= Q(analyte=analyte.key, unit=unit, value__range=analyte.bounds_in(unit))
    return models.CheckConstraint(condition=allowed, name="lab_result_value_within_bounds")


class LabResultQuerySet(models.QuerySet):
    def of(self, user):
        return self.filter(user=user).order_by("-taken_on", "analyte", "-pk")


class LabResult(models.Model):
    """One blood test result as the lab printed it: the value, its unit and the lab's own reference range (ranges
    differ between labs), with every other unit worked out on reading (journal.labs)."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="lab_results")
    analyte = models.CharField(max_length=15, choices=[(key, analyte.name) for key, analyte in labs.ANALYTES.items()])
    taken_on = models.DateField("date of the sample")
    value = models.DecimalField(max_digits=8, decimal_places=3)
    unit = models.CharField(max_length=6, choices=[(unit.code, unit.label) for unit in labs.UNITS.values()])
    range_low = models.DecimalField("range from", max_digits=8, decimal_places=3, null=True, blank=True)
    range_high = models.DecimalField("range to", max_digits=8, decimal_places=3, null=True, blank=True)
    lab = models.CharField("laboratory", max_length=120, blank=True)
    note = models.TextField(blank=True, max_length=1000)

    objects = LabResultQuerySet.as_manager()

    class Meta:
        ordering = ["taken_on", "pk"]
        indexes = [models.Index(fields=["user", "taken_on"])]
        constraints = [
            _lab_value_within_bounds(),
            positive_or_null("lab_result", "range_low"),
            positive_or_null("lab_result", "range_high"),
            models.CheckConstraint(
                condition=Q(range_low__isnull=True) | Q(range_high__isnull=True) | Q(range_low__lt=F("range_high")),
                name="lab_result_range_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.get_analyte_display()} {self.value_text} on {self.taken_on}"

    @property
    def facts(self):
        return labs.ANALYTES[self.analyte]

    @property
    def unit_label(self):
        return labs.UNITS[self.unit].label

    @property
    def value_text(self):
        """As the lab printed it: "0.78 mmol/L"."""
        return f"{plain(self.value)} {self.unit_label}"

    @property
    def range_text(self):
        """The lab's range in its unit: "0.70–1.00 mmol/L", "below 1.00 mmol/L", or "" when not given."""
        low, high = self.range_low, self.range_high
        if low is None and high is None:
            return ""
        if low is None:
            return f"up to {plain(high)} {self.unit_label}"
        if high is None:
            return f"from {plain(low)} {self.unit_label}"
        return f"{plain(low)}–{plain(high)} {self.unit_label}"

    @property
    def position(self):
        """"below", "within" or "above" the lab's range; "" without a range."""
        if self.range_low is not None and self.value < self.range_low:
            return "below"
        if self.range_high is not None and self.value > self.range_high:
            return "above"
        return "" if self.range_low is None and self.range_high is None else "within"

    def converted(self, unit):
        """The value in another unit of its analyte, exactly; None for a unit the analyte has not."""
        if unit not in self.facts.factors:
            return None
        return self.facts.convert(self.value, self.unit, unit)

    def range_in(self, unit):
        """(low, high) of the lab's range in another unit, exactly; None where the lab gave no bound."""
        return tuple(
            None if bound is None else self.facts.convert(bound, self.unit, unit)
            for bound in (self.range_low, self.range_high)
        )

    @property
    def conversions(self):
        """The working to every other unit of the analyte: ["0.78 mmol/L × 2.4305 = 1.90 mg/dL", ...]."""
        return [self.facts.working(self.value, self.unit, unit) for unit in self.facts.factors if unit != self.unit]


def by_meal(entries):
    """[(meal choice, [entries])] in the order of the day, every meal present even when empty."""
    grouped = {meal: [] for meal in MealEntry.Meal}
    for entry in entries:
        grouped[entry.meal].append(entry)
    return list(grouped.items())


# Reads every day page (and every page through Profile.for_user) makes, each the queryset its lambda builds, their
# SQL built once per database connection (mgtracker.prepared, issue 11). Each gives a list of what the queryset gives.
# The day's symptom notes and medicine doses come without their user and profile: the day page gives them the person
# Profile.for_user read (given_their_user), whose profile gives their local times.
PROFILE_OF = PreparedObjects(lambda user: Profile.objects.filter(user=user), user=int)
DOCTOR_GOALS = PreparedObjects(lambda user: DoctorGoal.objects.filter(user=user).order_by("start"), user=int)
QUICK_PICK_AMOUNTS = PreparedValues(
    lambda user, since: MealEntry.objects.filter(user=user, date__gte=since).amounts(), user=int, since=date,
)


def _recent_pick_amounts(user, since):
    """QUICK_PICK_AMOUNTS of the foods logged last only: the QUICK_PICKS foods with the latest entries."""
    in_window = MealEntry.objects.filter(user=user, date__gte=since)
    recent_foods = (
        in_window.filter(food__isnull=False).values("food").annotate(latest=Max("pk")).order_by("-latest")
        .values("food")[:QUICK_PICKS]
    )
    return in_window.filter(food__in=recent_foods).amounts()


RECENT_PICK_AMOUNTS = PreparedValues(_recent_pick_amounts, user=int, since=date)
# Unordered: ordered by date, SQLite would walk the person's whole history for a dozen rows.
QUICK_PICK_EXAMPLES = PreparedObjects(
    lambda user, pks: MealEntry.objects.filter(user=user, pk__in=pks).order_by(), user=int, pks=list,
)
DOSES_IN_DAYS = PreparedObjects(
    lambda user, first, last: SupplementDose.objects.in_days(user, first, last), user=int, first=date, last=date,
)
MEALS_OF_DAY = PreparedObjects(lambda user, day: MealEntry.objects.for_day(user, day), user=int, day=date)
DRINKS_OF_DAY = PreparedObjects(lambda user, day: Drink.objects.for_day(user, day), user=int, day=date)
SYMPTOM_NOTES_OF_DAY = PreparedObjects(lambda user, day: SymptomNote.objects.for_day(user, day), user=int, day=date)
STAND_TESTS_OF_DAY = PreparedObjects(lambda user, day: StandTest.objects.of(user).filter(date=day), user=int, day=date)
MEDICINES_TAKEN_ON = PreparedObjects(lambda user, day: Medicine.objects.taken_on(user, day), user=int, day=date)
MEDICINE_DOSES_OF_DAY = PreparedObjects(
    lambda user, day: MedicineDose.objects.filter(user=user, date=day).select_related("medicine"), user=int, day=date,
)
