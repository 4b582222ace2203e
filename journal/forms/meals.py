from datetime import timedelta
from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Layout, Row, Submit
from django import forms
from django.db import IntegrityError

from foods.models import Food, Portion
from journal.forms.once import SentOnce
from journal.models import EARLIEST_DATE, MAX_GRAMS_PER_ENTRY, MealEntry, Profile, SavedMeal

MAX_PORTIONS = Decimal(100)
GRAMS_STEP = Decimal("0.01")


# Portions as people count them, one tap beside the unit; static/js/meal-form.js shows them once the food has portions.
QUICK_QUANTITIES = HTML(
    # The outer box is what the script shows and hides: Bootstrap's d-flex would override `hidden` on the group.
    '<div id="quick-quantities" hidden><div class="d-flex gap-2 mb-3" role="group" aria-label="How many portions">'
    + "".join(
        f'<button type="button" class="btn btn-outline-secondary flex-fill" data-amount="{amount}">{label}</button>'
        for amount, label in (("0.5", "½"), ("1", "1"), ("1.5", "1½"), ("2", "2"))
    )
    + "</div></div>"
)


def meal_at_hour(hour):
    """A sensible default meal for the user's local time of day."""
    if hour < 11:
        return MealEntry.Meal.BREAKFAST
    if hour < 15:
        return MealEntry.Meal.LUNCH
    if 17 <= hour < 22:
        return MealEntry.Meal.DINNER
    return MealEntry.Meal.SNACK


def check_log_date(day, today):
    """Refuse dates a diary cannot hold: before 1900, or more than a day ahead of the user's today."""
    if day < EARLIEST_DATE:
        raise forms.ValidationError("Choose a date from 1900 on.")
    if day > today + timedelta(days=1):
        raise forms.ValidationError("That date is more than a day ahead; log what you have eaten.")
    return day


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MealEntryForm(forms.ModelForm):
    amount = forms.DecimalField(
        max_digits=9, decimal_places=3, help_text="Grams, or how many of the portion (0.5 for half a cup).",
    )

    class Meta:
        model = MealEntry
        fields = ["date", "meal", "food", "portion"]
        widgets = {"date": date_input(), "food": forms.HiddenInput}
        labels = {"portion": "Unit"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = Profile.for_user(user).today()
        if not self.instance.pk:
            self.instance.user = user
        # What was logged: figures are re-read from the food only when the user changes one of these.
        self.logged_amount = (self.instance.food_id, self.instance.portion_id, self.instance.amount)
        self.food_gone = bool(self.instance.pk and self.instance.food_id is None)
        self.chosen_food = None
        if self.food_gone:
            # Without the food its figures cannot be recomputed: only the day and the meal can change.
            for name in ("food", "portion", "amount"):
                del self.fields[name]
        else:
            self._narrow_food_and_portion(user)
        when = Row(Column("date", css_class="col-6"), Column("meal", css_class="col-6"))
        how_much = Row(Column("amount", css_class="col-5"), Column("portion", css_class="col-7"))
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(when) if self.food_gone else Layout(how_much, QUICK_QUANTITIES, when)

    def _narrow_food_and_portion(self, user):
        # Shared USDA foods and this user's own custom foods; other users' custom foods stay private.
        self.fields["food"].queryset = Food.objects.visible_to(user)
        self.fields["food"].error_messages = {
            "required": "Choose a food.", "invalid_choice": "Unknown food: choose one from the search.",
        }
        self.chosen_food = self._chosen_food()
        # The unit list is the chosen food's portions, so a portion of another food is refused at the field.
        portion = self.fields["portion"]
        portion.queryset = self.chosen_food.portions.all() if self.chosen_food else Portion.objects.none()
        portion.empty_label = "grams"
        portion.error_messages["invalid_choice"] = "Choose a portion of this food, or grams."
        if self.instance.pk and "amount" not in self.initial:
            self.initial["amount"] = f"{self.instance.amount.normalize():f}"  # 0.5, not 0.500

    def _chosen_food(self):
        food_id = self.data.get("food") if self.is_bound else self.initial.get("food")
        try:
            return self.fields["food"].queryset.filter(pk=int(food_id)).first()
        except (TypeError, ValueError):
            return None

    def clean_date(self):
        return check_log_date(self.cleaned_data["date"], self.today)

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount <= 0:
            raise forms.ValidationError("Enter an amount above zero.")
        return amount

    def clean(self):
        cleaned = super().clean()
        amount, portion = cleaned.get("amount"), cleaned.get("portion")
        if amount is None or "portion" in self.errors:
            return cleaned
        if portion and amount > MAX_PORTIONS:
            self.add_error("amount", f"That is more than {MAX_PORTIONS} portions; check the amount or the unit.")
            return cleaned
        grams = (amount * portion.grams if portion else amount).quantize(GRAMS_STEP)
        if grams > MAX_GRAMS_PER_ENTRY:
            self.add_error("amount", "That is more than 5 kg of one food in one entry; check the amount or the unit.")
        elif grams <= 0:
            self.add_error("amount", "That is less than 0.01 g; enter a larger amount.")
        cleaned["grams"] = grams
        return cleaned

    @property
    def amount_changed(self):
        cleaned = self.cleaned_data
        portion = cleaned["portion"]
        return (cleaned["food"].pk, portion.pk if portion else None, cleaned["amount"]) != self.logged_amount

    def save(self, commit=True):
        entry = super().save(commit=False)
        # Moving an entry to another day or meal keeps the figures it was logged with, even if the food
        # database has changed since; a new food or amount is read afresh.
        if not self.food_gone and self.amount_changed:
            cleaned = self.cleaned_data
            portion = cleaned["portion"]
            entry.set_food(cleaned["food"], cleaned["grams"], portion, cleaned["amount"] if portion else None)
        if commit:
            entry.save()
        return entry


class NewMealEntryForm(SentOnce, MealEntryForm):
    """A food logged anew: sent twice with the same key (a lost reply, the offline queue), it is saved once."""


class LogToDayForm(forms.Form):
    """Where to put copied or saved entries: a day and, where it applies, a meal."""

    date = forms.DateField(widget=date_input())

    def __init__(self, *args, user, submit_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = Profile.for_user(user).today()
        self.fields["date"].initial = self.today
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", submit_label))

    def clean_date(self):
        return check_log_date(self.cleaned_data["date"], self.today)


class CopyEntriesForm(LogToDayForm):
    def __init__(self, *args, entries, source_day, **kwargs):
        super().__init__(*args, submit_label="Copy", **kwargs)
        self.entries = entries
        self.source_day = source_day

    def clean_date(self):
        day = super().clean_date()
        if day == self.source_day:
            raise forms.ValidationError("These foods are already logged on this day: choose another day.")
        return day

    def clean(self):
        if not self.entries:
            raise forms.ValidationError("Nothing is logged here, so there is nothing to copy.")
        return super().clean()


class SavedMealLogForm(LogToDayForm):
    meal = forms.ChoiceField(choices=MealEntry.Meal.choices)

    def __init__(self, *args, saved_meal, **kwargs):
        super().__init__(*args, submit_label="Log these foods", **kwargs)
        self.saved_meal = saved_meal

    def clean(self):
        if not self.saved_meal.items.exists():
            raise forms.ValidationError(
                "This saved meal has no foods left: they were removed from the food list. Delete it, or save a new one."
            )
        return super().clean()


class SavedMealForm(forms.ModelForm):
    class Meta:
        model = SavedMeal
        fields = ["name"]
        help_texts = {"name": 'Such as "usual breakfast".'}

    def __init__(self, *args, user, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.entries = user, entries
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save meal"))

    def clean(self):
        if not self.entries:
            raise forms.ValidationError("Nothing is logged for this meal, so there is nothing to save.")
        if not any(entry.food_id for entry in self.entries):
            raise forms.ValidationError(
                "None of these foods is in the food list any more, so there is nothing to save as a meal."
            )
        return super().clean()

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if self._name_taken(name):
            raise forms.ValidationError(self._name_taken_message(name))
        return name

    def save(self):
        """The saved meal, or None with the form's own message on the name when another tab saved that name
        between the check above and this write (the database's unique_saved_meal_name refused it)."""
        name = self.cleaned_data["name"]
        try:
            return SavedMeal.create_from(self.user, name, self.entries)
        except IntegrityError:
            if not self._name_taken(name):
                raise
            self.add_error("name", self._name_taken_message(name))
            return None

    def _name_taken(self, name):
        return SavedMeal.objects.filter(user=self.user, name__iexact=name).exists()

    @staticmethod
    def _name_taken_message(name):
        return f'You already have a saved meal called "{name}"; choose another name.'
