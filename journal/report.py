"""The doctor report: one printable page that sums up a period, week by week and day by day, by the ledger's rules."""

from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from django.db.models import Count, Sum
from django.utils import timezone

from journal import labs
from journal.adherence import adherence
from journal.lab_history import DAYS_BEFORE, with_intake_before
from journal.ledger import IN_RANGE, Period, days_of, explained, figure_notes_of
from journal.medicines import KIDNEY_FOR_THE_DOCTOR, medicine_notes, timing_notes
from journal.models import LabResult, Medicine, StandTest, SupplementDose, SupplementProduct, SymptomNote
from mgtracker.prepared import PreparedObjects, PreparedValues


@dataclass(frozen=True)
class Report:
    period: Period
    supplements: list  # {product_name, form, form_label, doses, elemental_mg}, most magnesium first
    notes: list  # the SymptomNotes with text, oldest first, as dicts of WRITTEN_NOTES' columns
    stand_tests: list  # the StandTests in the period, oldest first, their readings prefetched
    lab_results: list  # lab_history.ResultWithIntake of the results in the period, oldest first
    medicines: list  # the Medicines taken on a day of the period
    medicine_notes: dict  # journal.medicines.medicine_notes() of them
    timing_notes: list  # journal.medicines.TimingNote: magnesium taken too close to a medicine that needs spacing
    adherence: list  # journal.adherence.Adherence of each product and medicine, week by week
    explained: list  # [(what, [date])]: lower bounds, and foods whose figure is missing or estimated

    @property
    def chart(self):
        """Plain numbers for static/js/report.js: each day's magnesium (food and supplements) against the goal in
        force that day. A day without a figure is a gap (null), never 0 mg; the day-by-day table carries the same
        figures and says which are lower bounds."""
        days = self.period.days
        magnesium = [day.magnesium for day in days]
        return {
            "labels": [_chart_label(day.day) for day in days],
            "total_mg": [None if amount.total is None else float(amount.total) for amount in magnesium],
            "lower_bound": [amount.lower_bound for amount in magnesium],
            "goal_mg": [day.goal.mg for day in days],
        }


@lru_cache(maxsize=4096)
def _chart_label(day):
    """"30 Nov" as strftime writes it, whatever the page's language; kept once written: a year's chart has 365."""
    return day.strftime("%-d %b")


def report_for(profile, first, last):
    asked = {"user": profile.user_id, "first": first, "last": last}
    # The ledger reads the 7 days before the period too, in the same queries, for the intake before each lab
    # result; the period itself starts at `first`.
    days = days_of(profile, first - timedelta(days=DAYS_BEFORE), last)
    medicines = MEDICINES_TAKEN.objects(**asked)
    period = Period(days[DAYS_BEFORE:])
    return Report(
        period=period,
        supplements=[{**row, "form_label": SupplementProduct.Form(row["form"]).label}
                     for row in SUPPLEMENTS_TAKEN.rows(**asked)],
        notes=WRITTEN_NOTES.rows(**asked),
        stand_tests=STAND_TESTS.objects(**asked),
        lab_results=with_intake_before(profile, LAB_RESULTS.objects(**asked), days),
        medicines=medicines,
        medicine_notes=medicine_notes(medicines),
        timing_notes=timing_notes(profile, first, last),
        adherence=adherence(profile.user_id, first, last, medicines),
        explained=explained(period.days, figure_notes_of(profile, period.days)),
    )


def report_context(user, profile, first, last):
    """What templates/journal/includes/report_article.html needs, for the person's own page and a shared link."""
    return {
        "report": report_for(profile, first, last),
        "patient": user,
        "profile": profile,
        "goal": profile.goal(),
        "upper_limit_mg": profile.supplement_upper_limit_mg(),
        "generated_at": timezone.localtime(timezone.now(), profile.zone),
        "labs": labs,
        "kidney_for_the_doctor": KIDNEY_FOR_THE_DOCTOR,
    }


def _supplements_taken(user, first, last):
    """Each product name and form with its doses and their elemental magnesium, most magnesium first."""
    doses = SupplementDose.objects.filter(user=user, date__range=(first, last)).values("product_name", "form")
    return doses.annotate(doses=Count("pk"), elemental_mg=Sum("elemental_mg")).order_by("-elemental_mg", "product_name")


def _written_notes(user, first, last):
    """What the report says of each note with text: hundreds a year, so rows rather than model instances."""
    notes = SymptomNote.objects.filter(user=user, date__range=(first, last)).exclude(text="").order_by("recorded_at")
    return notes.values("date", "dizziness", "fatigue", "anxiety", "heart_rate_lying", "heart_rate_standing", "text")


def _stand_tests(user, first, last):
    return StandTest.objects.with_readings().filter(user=user, date__range=(first, last)).order_by("started_at", "pk")


def _lab_results(user, first, last):
    return LabResult.objects.filter(user=user, taken_on__range=(first, last)).order_by("taken_on", "pk")


# Their SQL built once per database connection (mgtracker.prepared), as the ledger's: building it through the ORM
# cost a report of any length more than running it.
SUPPLEMENTS_TAKEN = PreparedValues(_supplements_taken, **IN_RANGE)
WRITTEN_NOTES = PreparedValues(_written_notes, **IN_RANGE)
STAND_TESTS = PreparedObjects(_stand_tests, **IN_RANGE)
MEDICINES_TAKEN = PreparedObjects(Medicine.objects.taken_between, **IN_RANGE)
LAB_RESULTS = PreparedObjects(_lab_results, **IN_RANGE)
