"""Adherence, for the doctor: each week (Monday to Sunday, the weeks of journal.ledger.Period) and each supplement
product and medicine, the days a dose was taken, the days recorded with none taken, and the days not recorded.

A day not recorded is never counted as a day missed: the person may simply not have logged it. "Recorded with none
taken" is what the person said: the day page's "No supplements today" mark for a supplement, its "No medicines
today" mark for a medicine, on a day without a dose of it (a dose logged wins over the mark). Counting starts on a
medicine's start date (and stops at its stop date) and on a product's first dose ever logged, since products have
no start date; days before that are not counted at all.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import OuterRef, Q, Subquery

from journal.ledger import IN_RANGE, days_between
from journal.models import DayMark, MedicineDose, SupplementDose, SupplementProduct
from mgtracker.prepared import PreparedObjects, PreparedValues


@dataclass(frozen=True)
class WeekCount:
    first: date  # the Monday the week starts on (the period's first day for a partial one)
    counted: int  # days of the week counted: from the start date on, within the period
    taken: int
    none_taken: int

    @property
    def not_recorded(self):
        return self.counted - self.taken - self.none_taken


@dataclass(frozen=True)
class Adherence:
    name: str
    kind: str  # "Supplement" or the medicine's kind
    since: date  # the date counting starts
    weeks: list  # [WeekCount] for the weeks with a counted day


def _weeks(days):
    """The days of the period grouped Monday to Sunday, as Period.weeks() groups them."""
    weeks = {}
    for day in days:
        weeks.setdefault(day - timedelta(days=day.weekday()), []).append(day)
    return list(weeks.values())


def _counts(weeks_of_days, start, stop, taken, none_taken):
    weeks = []
    for week in weeks_of_days:
        counted = [day for day in week if start <= day and (stop is None or day <= stop)]
        if not counted:
            continue
        took = sum(day in taken for day in counted)
        nothing = sum(day in none_taken and day not in taken for day in counted)
        weeks.append(WeekCount(counted[0], len(counted), took, nothing))
    return weeks


def adherence(user, first, last, medicines):
    """[Adherence] of the person's supplement products (those with a dose logged in the period: a product given up
    before it is no part of it) and `medicines` (those taken in the period) over first..last, in four queries
    however long the period."""
    weeks = _weeks(days_between(first, last))
    in_range = {"user": user, "first": first, "last": last}
    products = PRODUCTS_BEGUN.objects(user=user, last=last)
    product_days = {}
    for row in PRODUCT_DAYS.rows(**in_range):
        product_days.setdefault(row["product"], set()).add(row["date"])
    marks = NO_DOSE_MARKS.rows(**in_range)
    no_supplements = {mark["date"] for mark in marks if mark["no_supplements"]}
    no_medicines = {mark["date"] for mark in marks if mark["no_medicines"]}
    medicine_days = {}
    for row in MEDICINE_DAYS.rows(**in_range):
        medicine_days.setdefault(row["medicine"], set()).add(row["date"])
    return [
        *(Adherence(str(product), "Supplement", product.first_dose,
                    _counts(weeks, product.first_dose, None, product_days.get(product.pk, set()), no_supplements))
          for product in products if product.pk in product_days),
        *(Adherence(str(medicine), medicine.get_kind_display(), medicine.started_on, _counts(
            weeks, medicine.started_on, medicine.stopped_on, medicine_days.get(medicine.pk, set()), no_medicines,
        )) for medicine in medicines),
    ]


def _products_begun(user, last):
    """The person's products with a first dose logged by `last`, that date as `first_dose`: one index seek a product
    (SupplementDose's (product, date) index), where a MIN over a join read every dose of the history."""
    first_dose = SupplementDose.objects.filter(product=OuterRef("pk")).order_by("date").values("date")[:1]
    products = SupplementProduct.objects.filter(user=user).annotate(first_dose=Subquery(first_dose))
    return products.filter(first_dose__lte=last).order_by("name", "pk")


def _product_days(user, first, last):
    """Each product with a dose on a day, once a day (unordered: the ordering's columns would join the DISTINCT)."""
    doses = SupplementDose.objects.filter(user=user, date__range=(first, last), product__isnull=False)
    return doses.values("product", "date").order_by().distinct()


def _no_dose_marks(user, first, last):
    """The days marked "No supplements today" or "No medicines today"."""
    marks = DayMark.objects.filter(Q(no_supplements=True) | Q(no_medicines=True), user=user, date__range=(first, last))
    return marks.values("date", "no_supplements", "no_medicines")


def _medicine_days(user, first, last):
    """Each medicine with a dose on a day, once a day."""
    doses = MedicineDose.objects.filter(user=user, date__range=(first, last))
    return doses.values("medicine", "date").order_by().distinct()


# Their SQL built once per database connection (mgtracker.prepared), as the ledger's.
PRODUCTS_BEGUN = PreparedObjects(_products_begun, user=int, last=date)
PRODUCT_DAYS = PreparedValues(_product_days, **IN_RANGE)
NO_DOSE_MARKS = PreparedValues(_no_dose_marks, **IN_RANGE)
MEDICINE_DAYS = PreparedValues(_medicine_days, **IN_RANGE)
