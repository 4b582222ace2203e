"""The day ledger: the one place that computes a day's figures, for every page and every file.

`days_of(profile, first, last)` returns one Day per calendar day in nine queries, whatever the length of the range
or of the history: the days' stamps (DayStamp), meal entries, supplement doses, drinks and symptom notes summed per
day by the database, the stand tests' readings summed per test, the day marks in the range, the date of the person's
first "food log complete" mark, and their doctor's goals. A process keeps the Days it worked out, and reads the sums
again only for the days whose stamp (or goal, limit, targets, marks) changed since. The day page, the week page,
insights, the doctor report and the CSV files read these Days, so a day reads the same everywhere.

What is known, and what is not:
- A measure's total sums the foods that report it. When only some do, the total is a lower bound ("at least 61 mg:
  4 of 12 foods report magnesium"); when none do, there is no data. A day with no food logged has no food total (a
  gap, never 0 mg), unless the person marked its food log complete: then it is 0.
- Supplements are the doses logged. A day without doses says whether the person marked "no supplements today" or
  recorded none; either way no supplement magnesium is added to the day.
- A day counts in averages and in "days at goal" when its magnesium total is known. Until a person first marks a
  day's food log complete, a day with food logged counts; from that first mark on, only the days they mark do.
  Period says how many days it used, and why it left the others out.
- Fluid is the water in the foods logged, the drinks added in ml and the water the products were drunk in; sodium
  and potassium are the foods' plus the products' (salt tablets, rehydration solutions). Each is a lower bound while
  a food logged has no figure for it.
"""

import threading
from bisect import bisect_right
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache, reduce
from operator import add
from typing import NamedTuple

from django.db.models import Avg, Case, Count, F, IntegerField, Max, Min, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property

from foods.figures import percent, rounded, show
from foods.nutrients import Nutrients
from journal.models import (
    DayMark,
    DayStamp,
    Drink,
    MealEntry,
    StandReading,
    SupplementDose,
    SupplementLimit,
    SymptomNote,
    heart_rate_rise,
)
from journal.reference import Goal
from mgtracker.prepared import PreparedValues


@dataclass(frozen=True)
class Measure:
    field: str  # the MealEntry field summed: "magnesium_mg"
    name: str  # as a sentence says it: "magnesium"
    kind: str  # its foods.figures kind, which sets the display precision: "mg", "kcal"


# What a day sums from the foods logged. Another nutrient is one more line here, once MealEntry keeps it.
FOOD_MEASURES = (
    Measure("magnesium_mg", "magnesium", "mg"),
    Measure("sodium_mg", "sodium", "mg"),
    Measure("potassium_mg", "potassium", "mg"),
    Measure("calcium_mg", "calcium", "mg"),
    Measure("energy_kcal", "energy", "kcal"),
    Measure("water_g", "water", "ml"),  # 1 g of water is 1 ml (0.997 g/ml at 25 °C: within 0.3%)
)
MAGNESIUM, SODIUM, POTASSIUM, WATER = (
    next(measure for measure in FOOD_MEASURES if measure.field == field)
    for field in ("magnesium_mg", "sodium_mg", "potassium_mg", "water_g")
)
# Water from food, drinks and products together; its lower bounds count the foods with a water figure.
FLUID = Measure("fluid_ml", "water", "ml")
# The scores whose daily means the week page, insights, the report and the daily CSV follow.
SUMMARY_SCORES = ("dizziness", "fatigue", "anxiety")

# Why a day is left out of averages, in the order pages list them.
NOTHING_LOGGED = "nothing logged"
NO_FOOD = "no food logged"
NOT_MARKED = "food log not marked complete"
NO_FIGURE = "no food logged has a magnesium figure"
LOWER_BOUND = "some foods have no magnesium figure, so the total is only a lower bound"
REASONS = (NOTHING_LOGGED, NO_FOOD, NOT_MARKED, NO_FIGURE, LOWER_BOUND)


def _foods(count):
    return f"{count} food{'s' if count != 1 else ''}"


class Amount(NamedTuple):
    """One measure on one day: the total of the foods that report it, and how many of the day's foods do. A named
    tuple rather than a frozen dataclass: a year's Days build thousands, and it is built in a third of the time."""

    measure: Measure
    total: Decimal | None  # at the measure's display precision; None when no food reports it
    reporting: int
    foods: int
    exact: Decimal | None = None  # the sum as stored (0.01), before rounding; for adding to it without rounding twice

    @property
    def known(self):
        return self.total is not None and self.reporting == self.foods

    @property
    def lower_bound(self):
        return self.total is not None and self.reporting < self.foods

    @property
    def figure(self):
        """The total alone, "382 mg" or "no data", for tables that state lower bounds beside it."""
        return show(self.total, self.measure.kind)

    def __str__(self):
        if self.known:
            return self.figure
        if self.lower_bound:
            return f"at least {self.figure}: {self.reporting} of {_foods(self.foods)} report {self.measure.name}"
        if self.foods == 1:
            return f"no data: the food logged has no {self.measure.name} figure"
        if self.foods:
            article = "an" if self.measure.name[0] in "aeiou" else "a"
            return f"no data: none of the {self.foods} foods logged has {article} {self.measure.name} figure"
        return "nothing logged"


def _with_extra(food, extra, measure):
    """The food's Amount plus what was drunk or taken: still a lower bound when a food has no figure, and no data
    only when neither food nor anything else gave a figure. Without anything drunk or taken (most days' sodium and
    potassium), the food's own Amount, as adding nothing would give it, without rounding its total again."""
    if not extra and food.exact is not None:
        return food if food.measure is measure else Amount(measure, *food[1:])
    if food.total is None and not extra:
        return Amount(measure, None, food.reporting, food.foods)
    exact = (food.exact or Decimal(0)) + extra
    return Amount(measure, rounded(exact, measure.kind), food.reporting, food.foods, exact)


@dataclass
class Day:
    """One date's figures, as days_of builds them; read, never changed: days_of gives the same Day to every request
    until the day is written. Not a frozen dataclass: a year's report builds 372, and a frozen one's __init__,
    setting each of twenty fields through object.__setattr__, cost three times as much (0.75 ms a year)."""

    day: date
    goal: Goal
    supplement_upper_limit_mg: int | None  # None for infants: no UL is set
    food: dict  # Measure.field -> Amount
    supplement_mg: Decimal  # elemental magnesium of the doses, whole mg; 0 without doses
    doses: int
    dose_sodium_mg: Decimal  # the products' sodium, potassium and water as logged (0.01 mg, 0.1 ml); 0 without
    dose_potassium_mg: Decimal
    dose_water_ml: Decimal
    drinks_ml: int  # the drinks added in ml; 0 without
    fluid_target_ml: int | None  # the clinician's targets as they stand on the profile; None when not set
    sodium_target_mg: int | None
    notes: int
    scores: dict  # SymptomNote score -> (mean, worst), None where unscored
    food_complete: bool
    no_supplements: bool
    no_medicines: bool  # marked "No medicines today" (journal.adherence); it does not make the day count
    marks_apply: bool  # on or after the person's first "food log complete" mark
    # The day's highest heart-rate rise on standing, to 0.1 bpm, from its stand tests (the highest standing reading
    # over the mean of the lying ones) and its symptom notes (standing minus lying); None without any.
    hr_rise_bpm_max: Decimal | None
    # The day's DayStamp when it was worked out; None while nothing is logged on it. Not a figure: two people's days
    # with the same figures are equal Days.
    stamp: int | None = field(compare=False)
    # Worked out from the fields above as the Day is built (__post_init__), not on first reading: nearly every page and
    # file that reads Days reads these, and a year's report read each first while drawing its tables, through a
    # cached property each (days_of, these first reads and the year's and weeks' means: 12.6 -> 11.7 ms).
    magnesium: Amount = field(init=False)  # food and supplements together: the RDA covers both
    sodium: Amount = field(init=False)  # from food and from products (salt tablets, rehydration solutions)
    potassium: Amount = field(init=False)
    fluid: Amount = field(init=False)  # water in the foods logged, the drinks and the water products were drunk in
    left_out_because: str | None = field(init=False)  # why this day is left out of averages; None when it counts

    def __post_init__(self):
        food, supplement_mg = self.food, self.supplement_mg
        food_magnesium = food[MAGNESIUM.field]
        # No magnesium total while the food's is unknown.
        self.magnesium = Amount(
            MAGNESIUM, None if food_magnesium.total is None else food_magnesium.total + supplement_mg,
            food_magnesium.reporting, food_magnesium.foods,
        )
        self.sodium = _with_extra(food[SODIUM.field], self.dose_sodium_mg, SODIUM)
        self.potassium = _with_extra(food[POTASSIUM.field], self.dose_potassium_mg, POTASSIUM)
        self.fluid = _with_extra(food[WATER.field], self.drinks_ml + self.dose_water_ml, FLUID)
        self.left_out_because = self._left_out_because()

    @property
    def entries(self):
        return self.food[MAGNESIUM.field].foods

    @property
    def food_magnesium(self):
        return self.food[MAGNESIUM.field]

    @property
    def logged(self):
        return bool(
            self.entries or self.doses or self.notes or self.drinks_ml or self.food_complete or self.no_supplements
        )

    @cached_property
    def percent_of_goal(self):
        return percent(self.magnesium.total, self.goal.mg)

    @property
    def progress_width(self):
        """The progress bar's width: the percentage, but a bar never runs past its box."""
        return min(self.percent_of_goal or 0, 100)

    @property
    def goal_reached(self):
        """At or above the goal; a lower bound at the goal has reached it too."""
        return self.magnesium.total is not None and self.magnesium.total >= self.goal.mg

    @property
    def remaining_mg(self):
        """What is still missing to the goal (at most this, for a lower bound); None while the total is unknown."""
        if self.magnesium.total is None and self.entries:
            return None
        so_far = self.supplement_mg if self.magnesium.total is None else self.magnesium.total
        return max(Decimal(self.goal.mg) - so_far, Decimal(0))

    @property
    def supplement_limit(self):
        return SupplementLimit(self.day, self.supplement_mg, self.supplement_upper_limit_mg)

    @property
    def supplements(self):
        """"taken", "none today" (the person said so) or "not recorded"."""
        if self.doses:
            return "taken"
        return "none today" if self.no_supplements else "not recorded"

    @property
    def recorded_supplement_mg(self):
        """The supplement figure for tables and files: None ("not recorded") when no dose was logged nor none said."""
        return None if self.supplements == "not recorded" else self.supplement_mg

    @property
    def food_log(self):
        if self.food_complete:
            return "complete"
        return "logged" if self.entries else "nothing logged"

    def mean_score(self, name):
        return self.scores[name][0]

    @property
    def summary_score_means(self):
        return [self.mean_score(name) for name in SUMMARY_SCORES]

    def _left_out_because(self):
        """Why this day is left out of averages and of days at goal, or None when it counts."""
        if not self.logged:
            return NOTHING_LOGGED
        if self.marks_apply and not self.food_complete:
            return NOT_MARKED
        if not self.entries and not self.food_complete:
            return NO_FOOD
        if self.magnesium.total is None:
            return NO_FIGURE
        if self.magnesium.lower_bound:
            return LOWER_BOUND
        return None

    @property
    def counted(self):
        return self.left_out_because is None

    @property
    def fluid_percent(self):
        return percent(self.fluid.total, self.fluid_target_ml)

    @property
    def sodium_percent(self):
        return percent(self.sodium.total, self.sodium_target_mg)

    def incomplete_electrolytes(self):
        """The measures besides magnesium that some logged food has no figure for, in words:
        ["sodium: at least 900 mg: 2 of 3 foods report sodium"]."""
        unknown = [
            amount for amount in self.food.values()
            if amount.measure != MAGNESIUM and amount.foods and not amount.known
        ]
        return [f"{amount.measure.name}: {amount}" for amount in unknown]


@dataclass(frozen=True)
class Period:
    """Days in a row, summed up by one rule for the week page, insights and the report: averages and days at goal
    over the days that count (Day.counted), symptom means over each scored day's mean."""

    days: list

    @property
    def first(self):
        return self.days[0].day

    @property
    def last(self):
        return self.days[-1].day

    @cached_property
    def counted(self):
        return [day for day in self.days if day.left_out_because is None]

    @cached_property
    def left_out(self):
        """[(reason, number of days)] for the days not counted, in the order of REASONS."""
        reasons = Counter(day.left_out_because for day in self.days)
        return [(reason, reasons[reason]) for reason in REASONS if reasons[reason]]

    @cached_property
    def _counted_sums(self):
        """The magnesium totals, food, supplements and goals of the days that count, each summed, and how many of
        those days reached the goal: the summary's means, in one pass over the days rather than one each."""
        total = food = supplements = goals = reached = 0
        for day in self.counted:  # a day counts only with its total known
            total += day.magnesium.total
            food += day.food_magnesium.total
            supplements += day.supplement_mg
            goals += day.goal.mg
            reached += day.goal_reached
        return total, food, supplements, goals, reached

    def _counted_mean(self, position):
        return rounded(self._counted_sums[position] / len(self.counted), "mg") if self.counted else None

    @property
    def mean_total_mg(self):
        return self._counted_mean(0)

    @property
    def mean_food_mg(self):
        return self._counted_mean(1)

    @property
    def mean_supplement_mg(self):
        return self._counted_mean(2)

    @property
    def mean_goal_percent(self):
        """The mean total against the mean goal (goals differ from day to day after a birthday or a new goal)."""
        if not self.counted:
            return None
        total, _, _, goals, _ = self._counted_sums
        return percent(total, goals)

    @property
    def goal_met_days(self):
        return self._counted_sums[4]

    @property
    def goal_met_percent(self):
        return percent(self.goal_met_days, len(self.counted))

    @property
    def lower_bound_days(self):
        return sum(day.magnesium.lower_bound for day in self.days)

    @property
    def days_above_upper_limit(self):
        # A day without supplement magnesium is never above a limit (none is below 0): only the others are compared.
        return sum(day.supplement_limit.exceeded for day in self.days if day.supplement_mg)

    def score_mean(self, name):
        means = [mean for day in self.days if (mean := day.scores[name][0]) is not None]
        return rounded(sum(means) / len(means), "score") if means else None

    @property
    def symptom_means(self):
        return {name: self.score_mean(name) for name in SUMMARY_SCORES}

    def weeks(self):
        """The days as one Period per calendar week (Monday first); the first and last may be partial. The days are
        in a row, so a week starts with the first day and at each Monday."""
        weeks = []
        for day in self.days:
            if not weeks or day.day.weekday() == 0:
                weeks.append([])
            weeks[-1].append(day)
        return [Period(days) for days in weeks]


def figure_notes(entries):
    """The FigureNotes of these meal entries, each said once, in their order."""
    return _each_once(entry.figure_note for entry in entries)


def _each_once(notes):
    # A dict keeps the first of equal notes, in order.
    return list(dict.fromkeys(note for note in notes if note is not None))


def figure_notes_of(profile, days):
    """{date: (FigureNote,)} for the person's Days (of days_of) with a food whose figure is missing or estimated:
    what explains their lower bounds and "no data", on the pages and in the files that show them. Each day's notes
    are kept for the process with the DayStamp its Day was worked out at, as days_of keeps Days, and read again, in
    one query for all, only for the days written since; a day without a stamp has nothing to explain."""
    notes_by_day = {}
    kept = _notes_kept.of(profile.user_id)
    to_read = {}  # date -> its stamp
    for day in days:
        if day.stamp is None:
            continue
        stamp, notes = kept.get(day.day, _NOTHING_KEPT)
        if stamp == day.stamp:
            if notes:
                notes_by_day[day.day] = notes
        else:
            to_read[day.day] = day.stamp
    if to_read:
        # Read after the stamps the Days were worked out at (days_of read them first): a day written in between is
        # kept under its older stamp, and read again next time, never kept as current while it is not.
        read = _figure_notes_read(profile.user_id, min(to_read), max(to_read))
        worked_out = {day: (stamp, read.get(day, ())) for day, stamp in to_read.items()}
        _notes_kept.keep(profile.user_id, worked_out)
        notes_by_day.update((day, notes) for day, (_, notes) in worked_out.items() if notes)
    return notes_by_day


def _figure_notes_read(user, first, last):
    """{date: (FigureNote,)} for the days from first to last with notes, in one query."""
    asked = {"user": user, "first": first, "last": last}
    # The rows as the driver gives them: a year holds thousands of entries to explain but a few dozen kinds, so each
    # kind's note is looked up (_note_of_read_kind) and told from the others once a call; a day keeps its notes'
    # numbers, and its date is converted once too.
    date_of, *kind_converters = ENTRIES_TO_EXPLAIN.converters(**asked)
    note_numbers = {}  # FigureNote (or None) -> its number: equal notes of two kinds are one note
    kind_numbers = {}  # kind as read -> the number of its note
    numbers_by_day = {}  # date as read -> {number: None}, each day's notes in the order of its entries, each once
    day = None
    for chunk in ENTRIES_TO_EXPLAIN.chunks(EXPLAINED_FETCH_SIZE, **asked):
        for row in chunk:
            if row[0] != day:  # the rows come a day at a time
                day = row[0]
                numbers = numbers_by_day.setdefault(day, {})
            kind = row[1:]
            number = kind_numbers.get(kind)
            if number is None:
                note = _note_of_read_kind(kind, kind_converters)
                number = kind_numbers[kind] = note_numbers.setdefault(note, len(note_numbers))
            numbers[number] = None
    notes = list(note_numbers)
    return {
        date_of(day): tuple(notes[number] for number in numbers if notes[number] is not None)
        for day, numbers in numbers_by_day.items()
    }


# The FigureNote (or None) of each kind of entry, by the kind as the database driver reads it, kept for the process.
_notes_by_read_kind = {}
READ_KINDS_KEPT = 4096
_NOT_KEPT = object()  # not None, which is the note of a kind with nothing to explain


def _note_of_read_kind(kind, converters):
    """The FigureNote of a kind as the driver reads it (text and a whole number), converted with the query's
    converters: those always make the same values of the same text and number, so each kind is converted and its
    note worked out once a process, not once a call (a week's page reads some forty kinds, each converted anew)."""
    note = _notes_by_read_kind.get(kind, _NOT_KEPT)
    if note is _NOT_KEPT:
        if len(_notes_by_read_kind) >= READ_KINDS_KEPT:
            _notes_by_read_kind.clear()
        converted = tuple(convert(value) for convert, value in zip(converters, kind, strict=True))
        note = _notes_by_read_kind[kind] = _note_of_kind(converted)
    return note


def _note_of_kind(kind):
    """The FigureNote of an entry of this kind: the food, where it came from, what was estimated (EXPLAINED_BY), and
    which of Nutrients.NAMES are missing (a bit each of the `missing` number of _entries_to_explain). A year holds
    thousands of entries to explain but few kinds, and a kind's note never changes: it is worked out from an unsaved
    entry whose figures are None where the kind's are missing and 0 elsewhere, since a note says which are missing,
    never a value."""
    *said, missing = kind
    figures = {name: None if missing & _missing_bit(name) else 0 for name in Nutrients.NAMES}
    return MealEntry(**dict(zip(EXPLAINED_BY, said, strict=True)), **figures).figure_note


# What a FigureNote says of an entry besides which figures are missing.
EXPLAINED_BY = ("food_name", "food_source", "estimated_figures", "estimated_from")
# Rows of _entries_to_explain read from the database at a time: a year's, for most people.
EXPLAINED_FETCH_SIZE = 5000


def _missing_bit(name):
    return 1 << Nutrients.NAMES.index(name)


def _entries_to_explain(user, first, last):
    """The meal entries with a missing or estimated figure, in the order of their days."""
    missing_or_estimated = ~Q(estimated_figures="")
    for measure in FOOD_MEASURES:
        missing_or_estimated |= Q(**{f"{measure.field}__isnull": True})
    entries = MealEntry.objects.filter(missing_or_estimated, user=user, date__range=(first, last))
    # Which of Nutrients.NAMES are missing, as one number, a bit each: thousands of rows a year, and a small number
    # costs the database and the driver less than a text of six (or six booleans, each converted).
    missing = reduce(add, (
        Case(When(**{f"{name}__isnull": True}, then=Value(_missing_bit(name))), default=Value(0),
             output_field=IntegerField())
        for name in Nutrients.NAMES
    ))
    # The date as an expression, which is the date itself, not as the column: SQLite's driver converts each value of
    # a column declared a date as it reads it (a year: thousands of entries, a few hundred dates), not an expression's.
    day = Coalesce("date", "date")
    return entries.in_day_order().annotate(day=day, missing=missing).values("day", *EXPLAINED_BY, "missing")


def explained(days, notes_by_day):
    """What makes some days' magnesium a lower bound or unknown, and which foods lack or borrow a figure, each said
    once with the dates it applies to: [(what, [date])], in the order the days first say it. Grouped so that four
    weeks of the same food without a figure take one line of the printed report, not twenty-eight."""
    dates = {}
    for day in days:
        magnesium = day.magnesium
        if magnesium.foods and not magnesium.known:
            total = "at least the sum" if magnesium.lower_bound else "no total"
            dates.setdefault(f"magnesium {total} ({magnesium.reporting} of {_foods(magnesium.foods)} report "
                             "magnesium)", []).append(day.day)
        for note in notes_by_day.get(day.day, ()):
            dates.setdefault(note.text, []).append(day.day)
    return list(dates.items())


def days_between(first, last):
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def day_of(profile, day):
    return days_of(profile, day, day)[0]


def days_of(profile, first, last):
    """One Day for each date from first to last, both included.

    The Days worked out in this process are kept with what each was made of: its DayStamp, which the database changes
    whenever anything logged on that day is written, its goal and upper limit, the person's targets and whether
    their marks apply. A Day is given again while none of these has changed, and the others are worked out in six
    queries more, whatever the length of the range or of the history. So a year's report asks the database for the
    year's stamps, the first mark and the goals, then for the days written since it last drew them; a day without a
    stamp has nothing logged and needs no query at all."""
    user = profile.user_id
    # The stamps first: a day written while the sums below are read is kept under its older stamp, and worked out
    # again next time, never kept as current while it is not.
    stamps = dict(DAY_STAMPS.tuples(user=user, first=first, last=last))
    first_mark = next((first for (first,) in FIRST_MARK.tuples(user=user)), None)
    targets = profile.fluid_target_ml, profile.sodium_target_mg
    dates = days_between(first, last)
    kept = _days_kept.of(user)
    days = []
    to_work_out = {}  # position in days -> (date, what its Day is made of)
    for day, (goal, upper_limit_mg) in zip(dates, _goals(profile, dates), strict=True):
        made_of = (stamps.get(day), goal, upper_limit_mg, first_mark is not None and day >= first_mark, *targets)
        kept_made_of, kept_day = kept.get(day, _NOTHING_KEPT)
        if kept_made_of == made_of:
            days.append(kept_day)
        else:
            to_work_out[len(days)] = day, made_of
            days.append(None)
    if to_work_out:
        worked_out = {}
        for (position, (_, made_of)), day in zip(to_work_out.items(), _worked_out(user, to_work_out.values()),
                                                 strict=True):
            days[position] = day
            worked_out[day.day] = made_of, day
        _days_kept.keep(user, worked_out)
    return days


class KeptDays:
    """What a process keeps of people's days (Days, figure notes), by person and date, with what each was made of:
    at most `most` days in all, the people read least recently dropped first. Safe under threads (runserver, threaded
    gunicorn workers): a person's share is read without the lock, and only added to, or dropped, under it."""

    def __init__(self, most):
        self.most = most
        self.people = OrderedDict()  # user id -> {date: (what it is made of, what is kept)}, least recently read first
        self.days = 0
        self.lock = threading.Lock()

    def of(self, user):
        """The person's share, {date: (what it is made of, what is kept)}, to read: `keep` adds to it."""
        with self.lock:
            kept = self.people.get(user)
            if kept is None:
                return {}
            self.people.move_to_end(user)
            return kept

    def keep(self, user, worked_out):
        """Keep {date: (what it is made of, what is kept)} for the person. A range longer than half the bound (a whole
        history's file) is not kept: it would drop everyone else's days for one reading."""
        if len(worked_out) > self.most // 2:
            return
        with self.lock:
            kept = self.people.pop(user, None) or {}
            self.people[user] = kept
            self.days -= len(kept)
            kept.update(worked_out)
            self.days += len(kept)
            while self.days > self.most and len(self.people) > 1:
                self.days -= len(self.people.popitem(last=False)[1])
            if self.days > self.most:  # this person's share alone outgrew the bound, a range at a time
                self.people[user] = dict(worked_out)
                self.days = len(worked_out)

    def clear(self):
        with self.lock:
            self.people.clear()
            self.days = 0


# About 4.4 kB a day with food, doses and notes logged (tracemalloc, the bench's diary): a worker keeps at most some
# 15 MB, a year of each of the nine or ten people read most recently.
DAYS_KEPT = 3500
_days_kept = KeptDays(DAYS_KEPT)  # the Days of days_of
_notes_kept = KeptDays(DAYS_KEPT)  # the figure notes of figure_notes_of
_NOTHING_KEPT = (None, None)  # what kept.get() gives for a day not kept, which no stamp or made_of equals


def forget_kept_days():
    """Drop the Days and figure notes this process keeps, as a new worker starts without them: `make bench` times the
    report so."""
    _days_kept.clear()
    _notes_kept.clear()


def _worked_out(user, wanted):
    """A Day for each (date, what it is made of) wanted, in order, from the person's rows of those dates: six queries
    over the dates from the first to the last of them with a stamp, none without."""
    logged = [day for day, (stamp, *_) in wanted if stamp is not None]
    if logged:
        asked = {"user": user, "first": min(logged), "last": max(logged)}
        # The food sums and the symptom notes' as tuples, not dicts: a year's thousands of cells are built faster
        # so, and read by position (_FOOD_POSITIONS, _SCORE_POSITIONS).
        food_rows = {row[0]: row for row in FOOD_TOTALS.tuples(**asked)}
        dose_rows = {row["date"]: row for row in DOSE_TOTALS.rows(**asked)}
        drinks_ml = {row["date"]: row["ml"] for row in DRINK_TOTALS.rows(**asked)}
        note_rows = {row[0]: row for row in SCORE_SUMMARIES.tuples(**asked)}
        test_rises = _stand_test_rises(STAND_TEST_READINGS.rows(**asked))
        marks = {mark["date"]: mark for mark in MARKS.rows(**asked)}
    else:
        food_rows = dose_rows = drinks_ml = note_rows = test_rises = marks = {}
    days = []
    for day, (stamp, goal, upper_limit_mg, marks_apply, fluid_target_ml, sodium_target_mg) in wanted:
        mark = marks.get(day, _UNMARKED)
        food_complete = mark["food_complete"]
        dose_row = dose_rows.get(day, _NO_DOSES)
        note_row = note_rows.get(day)
        days.append(Day(
            day=day,
            goal=goal,
            supplement_upper_limit_mg=upper_limit_mg,
            food=_amounts(food_rows.get(day), food_complete),
            supplement_mg=rounded(dose_row["elemental_mg"] or Decimal(0), "mg"),
            doses=dose_row["doses"],
            dose_sodium_mg=dose_row["sodium_mg"] or Decimal(0),
            dose_potassium_mg=dose_row["potassium_mg"] or Decimal(0),
            dose_water_ml=dose_row["water_ml"] or Decimal(0),
            drinks_ml=drinks_ml.get(day, 0),
            fluid_target_ml=fluid_target_ml,
            sodium_target_mg=sodium_target_mg,
            notes=0 if note_row is None else note_row[_NOTES_POSITION],
            scores=_scores(note_row),
            food_complete=food_complete,
            no_supplements=mark["no_supplements"],
            no_medicines=mark["no_medicines"],
            marks_apply=marks_apply,
            hr_rise_bpm_max=_highest(test_rises.get(day), None if note_row is None else note_row[_RISE_POSITION]),
            stamp=stamp,
        ))
    return days


# A day without a mark, or without doses, as its row would read.
_UNMARKED = {"food_complete": False, "no_supplements": False, "no_medicines": False}
_NO_DOSES = {"elemental_mg": None, "sodium_mg": None, "potassium_mg": None, "water_ml": None, "doses": 0}


def _goals(profile, dates):
    """(goal, supplement upper limit) for each date, as Profile.goal and Profile.supplement_upper_limit_mg give them.
    Both follow only the person's age (months count for infants), the doctor's goals started by the day and whether
    it is today or later; none of these goes back as days go on, so the days alike make one run, found by bisection,
    and each run (a year: a dozen) is worked out once, not each day."""
    doctor_goals = profile.doctor_goal_history()
    starts = [change.start for change in doctor_goals]
    today = profile.today()

    def state(day):
        return profile.age(day), bisect_right(starts, day), day >= today

    goals = []
    while len(goals) < len(dates):
        day = dates[len(goals)]
        run_end = bisect_right(dates, state(day), lo=len(goals), key=state)
        goals += [(profile.goal(day, doctor_goals), profile.supplement_upper_limit_mg(day))] * (run_end - len(goals))
    return goals


# Each measure, with the names of its columns in _food_totals' rows: its sum, and how many foods report it.
_FOOD_COLUMNS = tuple((measure, f"{measure.field}_total", f"{measure.field}_reporting") for measure in FOOD_MEASURES)
# The columns of _food_totals' rows in order (values(), then its annotations as given), and where each measure's are.
_FOOD_ROW = ("date", "foods", *(column for _, total, reporting in _FOOD_COLUMNS for column in (total, reporting)))
_FOODS_POSITION = _FOOD_ROW.index("foods")
_FOOD_POSITIONS = tuple(
    (measure, _FOOD_ROW.index(total), _FOOD_ROW.index(reporting)) for measure, total, reporting in _FOOD_COLUMNS
)


def _food_totals(user, first, last):
    sums = {}
    for measure, total, reporting in _FOOD_COLUMNS:
        sums[total] = Sum(measure.field)
        sums[reporting] = Count(measure.field)  # COUNT(column) leaves out the nulls
    return MealEntry.objects.filter(user=user, date__range=(first, last)).values("date").annotate(
        foods=Count("pk"), **sums
    )


def _dose_totals(user, first, last):
    return SupplementDose.objects.filter(user=user, date__range=(first, last)).values("date").annotate(
        elemental_mg=Sum("elemental_mg"), sodium_mg=Sum("sodium_mg"), potassium_mg=Sum("potassium_mg"),
        water_ml=Sum("water_ml"), doses=Count("pk"),
    )


def _drink_totals(user, first, last):
    return Drink.objects.filter(user=user, date__range=(first, last)).values("date").annotate(ml=Sum("ml"))


def _marks(user, first, last):
    return DayMark.objects.filter(user=user, date__range=(first, last)).values(
        "date", "food_complete", "no_supplements", "no_medicines"
    )


def _day_stamps(user, first, last):
    """Each date of the range with something logged, and its stamp."""
    return DayStamp.objects.filter(user=user, date__range=(first, last)).values("date", "stamp")


def _first_mark(user):
    """The date of the person's first "food log complete" mark: one row, or none without a mark. Read along the
    (user, date) index from the first day on, it stops at the first complete one: a MIN over the marks read them all,
    on every page that reads the ledger, for someone who marks every day."""
    return DayMark.objects.filter(user=user, food_complete=True).order_by("date").values("date")[:1]


def _amounts(row, food_complete):
    """Each measure's Amount from a day's sums; with no food logged, nothing (or 0 on a day marked complete)."""
    if row is None:
        return dict(_MARKED_COMPLETE_WITHOUT_FOOD if food_complete else _NO_FOOD_LOGGED)
    foods = row[_FOODS_POSITION]
    amounts = {}
    for measure, total, reporting in _FOOD_POSITIONS:
        exact = row[total]
        amounts[measure.field] = Amount(measure, rounded(exact, measure.kind), row[reporting], foods, exact)
    return amounts


# A day without food has the same Amounts as any other (an Amount never changes): built once, a dict a day.
_NO_FOOD_LOGGED = {measure.field: Amount(measure, None, 0, 0) for measure in FOOD_MEASURES}
_MARKED_COMPLETE_WITHOUT_FOOD = {measure.field: Amount(measure, Decimal(0), 0, 0) for measure in FOOD_MEASURES}


# Each score, with the names of its columns in _score_summaries' rows: the day's mean and its worst.
_SCORE_COLUMNS = tuple((name, f"{name}_mean", f"{name}_worst") for name in SymptomNote.SCORES)
# The columns of _score_summaries' rows in order (values(), then its annotations as given), and where each is.
_SCORE_ROW = (
    "date", "notes", *(column for _, mean, worst in _SCORE_COLUMNS for column in (mean, worst)), "hr_rise_max",
)
_NOTES_POSITION, _RISE_POSITION = _SCORE_ROW.index("notes"), _SCORE_ROW.index("hr_rise_max")
_SCORE_POSITIONS = tuple(
    (name, _SCORE_ROW.index(mean), _SCORE_ROW.index(worst)) for name, mean, worst in _SCORE_COLUMNS
)


def _score_summaries(user, first, last):
    aggregates = {}
    for name, mean, worst in _SCORE_COLUMNS:
        aggregates[mean] = Avg(name)
        aggregates[worst] = Min(name) if name in SymptomNote.HIGHER_IS_BETTER else Max(name)
    # NULL when either heart rate is missing, and MAX leaves the NULLs out.
    aggregates["hr_rise_max"] = Max(F("heart_rate_standing") - F("heart_rate_lying"))
    notes = SymptomNote.objects.filter(user=user, date__range=(first, last))
    return notes.values("date").annotate(notes=Count("pk"), **aggregates)


def _stand_test_readings(user, first, last):
    """Each stand test's lying sum and count and highest standing reading."""
    supine, standing = Q(position=StandReading.Position.SUPINE), Q(position=StandReading.Position.STANDING)
    readings = StandReading.objects.filter(test__user=user, test__date__range=(first, last))
    return readings.values("test_id", "test__date").annotate(
        supine_total=Sum("heart_rate", filter=supine), supine_count=Count("pk", filter=supine),
        standing_max=Max("heart_rate", filter=standing),
    )


def _stand_test_rises(rows):
    """{date: [each stand test's rise]}, from _stand_test_readings' rows."""
    rises = {}
    for row in rows:
        rise = heart_rate_rise(row["supine_total"], row["supine_count"], row["standing_max"])
        rises.setdefault(row["test__date"], []).append(rise)
    return rises


def _highest(test_rises, note_rise):
    """The highest of a day's stand tests' rises and its symptom notes' highest rise, to 0.1 bpm; None without any."""
    if not test_rises:  # most days: a rise from the notes, if any
        return _rise(note_rise)
    rises = [Decimal(rise) for rise in (*test_rises, note_rise) if rise is not None]
    return rounded(max(rises), "bpm") if rises else None


@lru_cache(maxsize=1024)
def _rise(rise):
    """A rise in whole bpm (or None) to 0.1 bpm: a few dozen values a year, each rounded once."""
    return None if rise is None else rounded(Decimal(rise), "bpm")


def _scores(row):
    """{score: (mean to 0.1, worst)}; the worst is the highest, but the lowest for sleep quality (10 is the best)."""
    if row is None:
        return dict(_UNSCORED)
    return {name: (_mean_score(row[mean]), row[worst]) for name, mean, worst in _SCORE_POSITIONS}


@lru_cache(maxsize=1024, typed=True)  # typed: rounded() reads a float through str(), a Decimal as it is
def _mean_score(mean):
    """A day's mean score to 0.1: a mean of a few 0-10 scores takes few values, each rounded once."""
    return rounded(mean, "score")


_UNSCORED = {name: (None, None) for name in SymptomNote.SCORES}


# The ledger's queries, their SQL built once per database connection (mgtracker.prepared).
IN_RANGE = {"user": int, "first": date, "last": date}
FOOD_TOTALS = PreparedValues(_food_totals, **IN_RANGE)
DOSE_TOTALS = PreparedValues(_dose_totals, **IN_RANGE)
DRINK_TOTALS = PreparedValues(_drink_totals, **IN_RANGE)
SCORE_SUMMARIES = PreparedValues(_score_summaries, **IN_RANGE)
STAND_TEST_READINGS = PreparedValues(_stand_test_readings, **IN_RANGE)
MARKS = PreparedValues(_marks, **IN_RANGE)
FIRST_MARK = PreparedValues(_first_mark, user=int)
DAY_STAMPS = PreparedValues(_day_stamps, **IN_RANGE)
ENTRIES_TO_EXPLAIN = PreparedValues(_entries_to_explain, **IN_RANGE)
