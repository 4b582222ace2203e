"""How magnesium and a person's medicines bear on each other: the spacing some medicines need from a magnesium dose,
the medicines that lower or raise the body's magnesium, and kidney disease. Every figure and sentence here comes from
one source, named on every page that shows it. The app records and explains: it never tells anyone to change a
medicine."""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from foods.figures import show
from journal.models import Medicine, MedicineDose, SupplementDose
from mgtracker.prepared import PreparedObjects

SOURCE = "NIH Office of Dietary Supplements, Magnesium fact sheet for health professionals"
SOURCE_URL = "https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/"
TALK_IT_OVER = "Something to talk over with your doctor or pharmacist."

Kind = Medicine.Kind


@dataclass(frozen=True)
class Spacing:
    """How far a magnesium dose must stay from a dose of a medicine of this kind.

    A magnesium dose taken at `magnesium` is too close to the medicine taken at `medicine` when
    medicine - before < magnesium < medicine + after: both edges are exclusive, so a magnesium dose exactly
    `before` ahead of the medicine, or exactly `after` behind it, is clear of it.
    """

    before: timedelta  # how long ahead of the medicine a magnesium dose must be
    after: timedelta  # how long after the medicine a magnesium dose must wait
    advice: str  # what the source says, in its own terms

    def too_close(self, magnesium, medicine):
        return medicine - self.before < magnesium < medicine + self.after

    @property
    def window_text(self):
        """The window in words: "less than 6 h before it or less than 2 h after it"."""
        return f"less than {_gap_text(self.before)} before it or less than {_gap_text(self.after)} after it"


# From the NIH ODS fact sheet (SOURCE, "Interactions with medications"), in its terms: magnesium-rich supplements or
# medications can decrease the absorption of oral bisphosphonates such as alendronate, so the two are taken at least
# 2 hours apart; magnesium can form insoluble complexes with tetracyclines (demeclocycline, doxycycline) and
# quinolones (ciprofloxacin, levofloxacin), which should be taken at least 2 hours before or 4 to 6 hours after a
# magnesium-containing supplement. An antibiotic at least 2 h before magnesium means magnesium waits 2 h after it;
# 4 to 6 h after magnesium means magnesium comes at least 6 h ahead of it: the far end of the range, since a note
# that comes early costs a look and one that comes late costs the antibiotic.
ANTIBIOTIC_ADVICE = ("at least 2 hours before or 4 to 6 hours after a magnesium-containing supplement, as magnesium "
                     "can bind it into a form the body does not absorb")
SPACING = {
    Kind.BISPHOSPHONATE: Spacing(
        before=timedelta(hours=2), after=timedelta(hours=2),
        advice="magnesium can lower the absorption of oral bisphosphonates: the fact sheet says to take them at "
               "least 2 hours apart",
    ),
    Kind.TETRACYCLINE: Spacing(
        before=timedelta(hours=6), after=timedelta(hours=2),
        advice=f"the fact sheet says to take tetracycline antibiotics {ANTIBIOTIC_ADVICE}",
    ),
    Kind.QUINOLONE: Spacing(
        before=timedelta(hours=6), after=timedelta(hours=2),
        advice=f"the fact sheet says to take quinolone antibiotics {ANTIBIOTIC_ADVICE}",
    ),
}
WIDEST_SPACING = max(gap for spacing in SPACING.values() for gap in (spacing.before, spacing.after))

# timing_notes' two reads, their SQL built once per database connection (mgtracker.prepared): every day page asks.
SPACED_MEDICINE_DOSES = PreparedObjects(
    lambda user, since, until: MedicineDose.objects.filter(
        user=user, medicine__kind__in=list(SPACING), taken_at__range=(since, until),
    ).select_related("medicine").order_by("taken_at", "pk"),
    user=int, since=datetime, until=datetime,
)
MAGNESIUM_DOSES = PreparedObjects(
    lambda user, since, until: SupplementDose.objects.filter(
        user=user, elemental_mg__gt=0, taken_at__range=(since, until),
    ),
    user=int, since=datetime, until=datetime,
)

# The same fact sheet on medicines that change the body's magnesium.
EFFECT_ON_MAGNESIUM = {
    Kind.LOOP_DIURETIC: "Taken for a long time, loop diuretics can increase the loss of magnesium in urine and "
                        "lower the body's magnesium.",
    Kind.THIAZIDE_DIURETIC: "Taken for a long time, thiazide diuretics can increase the loss of magnesium in urine "
                            "and lower the body's magnesium.",
    Kind.POTASSIUM_SPARING_DIURETIC: "Potassium-sparing diuretics reduce the loss of magnesium in urine, so they can "
                                     "raise the body's magnesium.",
    Kind.PPI_LONG_TERM: "Proton pump inhibitors taken for a long time (typically more than a year) can lower the "
                        "magnesium in the blood (hypomagnesemia).",
}

# The fact sheet: people with impaired kidney function are at higher risk of magnesium toxicity, because the kidneys
# remove excess magnesium.
KIDNEY_NOTE = ("You noted chronic kidney disease or reduced kidney function: take magnesium supplements only as "
               "your doctor directs. The kidneys remove excess magnesium from the body, so when they work less well "
               "magnesium from supplements can build up to a harmful level.")
# The same fact, for the doctor reading the report or the FHIR bundle.
KIDNEY_FOR_THE_DOCTOR = ("The patient noted chronic kidney disease or reduced kidney function. People with impaired "
                         "kidney function are at higher risk of magnesium toxicity, because the kidneys remove excess "
                         f"magnesium ({SOURCE}).")


def medicines_changing_magnesium(medicines):
    """[(medicine, what its kind does to the body's magnesium)] for those of a kind that does something."""
    return [(medicine, EFFECT_ON_MAGNESIUM[medicine.kind]) for medicine in medicines
            if medicine.kind in EFFECT_ON_MAGNESIUM]


def spacing_rows():
    """[(kind label, Spacing)] for the list on the medicines page."""
    return [(Kind(kind).label, spacing) for kind, spacing in SPACING.items()]


def medicine_notes(medicines):
    """What templates/journal/includes/medicine_notes.html needs: the medicines that need spacing from magnesium
    and those that change the body's magnesium, with the source."""
    medicines = list(medicines)
    return {
        "spaced": [medicine for medicine in medicines if medicine.kind in SPACING],
        "changing_magnesium": medicines_changing_magnesium(medicines),
        "source": SOURCE, "source_url": SOURCE_URL,
    }


def _gap_text(gap):
    minutes = int(abs(gap).total_seconds()) // 60
    hours, minutes = divmod(minutes, 60)
    parts = [f"{hours} h" if hours else "", f"{minutes} min" if minutes else ""]
    return " ".join(part for part in parts if part) or "0 min"


@dataclass(frozen=True)
class TimingNote:
    """A magnesium dose logged too close to a dose of a medicine that needs spacing from it."""

    magnesium_dose: SupplementDose
    medicine_dose: MedicineDose
    zone: object  # the person's time zone, for the times the note gives

    @property
    def spacing(self):
        return SPACING[self.medicine_dose.medicine.kind]

    @property
    def text(self):
        magnesium_at = self.magnesium_dose.taken_at.astimezone(self.zone)
        medicine_at = self.medicine_dose.taken_at.astimezone(self.zone)
        gap = magnesium_at - medicine_at
        if gap == timedelta(0):
            when = "at the same time as"
        else:
            when = f"{_gap_text(gap)} {'after' if gap > timedelta(0) else 'before'}"
        medicine = self.medicine_dose.medicine
        return (
            f"Magnesium ({self.magnesium_dose.product_name}, {show(self.magnesium_dose.elemental_mg, 'mg')}, "
            f"{magnesium_at:%a %-d %b %H:%M}) was taken {when} {medicine.name} ({medicine_at:%a %-d %b %H:%M}): "
            f"{self.spacing.advice}. {TALK_IT_OVER}"
        )


def timing_notes(profile, first, last):
    """The TimingNotes of the days from `first` to `last` (in the person's zone) in at most two queries: every pair
    of a magnesium dose and a dose of a medicine that needs spacing, too close together, at least one of them on
    those days. A pair across midnight is a note on both days."""
    zone = profile.zone
    try:
        since = datetime.combine(first, time(0), zone) - WIDEST_SPACING
    except OverflowError:  # the first day of the calendar has nothing before it
        since = datetime.min.replace(tzinfo=UTC)
    try:
        until = datetime.combine(last + timedelta(days=1), time(0), zone) + WIDEST_SPACING
    except OverflowError:  # nor the last anything after it
        until = datetime.max.replace(tzinfo=UTC)
    between = {"user": profile.user_id, "since": since, "until": until}
    medicine_doses = SPACED_MEDICINE_DOSES.objects(**between)
    if not medicine_doses:
        return []
    magnesium_doses = MAGNESIUM_DOSES.objects(**between)
    # Each magnesium dose is held only against the medicine doses within the widest window of it (they are in time
    # order), not against every one: a three-year report with a daily antibiotic stays linear.
    medicine_times = [medicine_dose.taken_at for medicine_dose in medicine_doses]
    return [
        TimingNote(magnesium_dose, medicine_dose, zone)
        for magnesium_dose in magnesium_doses
        for medicine_dose in medicine_doses[
            bisect_left(medicine_times, magnesium_dose.taken_at - WIDEST_SPACING):
            bisect_right(medicine_times, magnesium_dose.taken_at + WIDEST_SPACING)
        ]
        if (first <= magnesium_dose.date <= last or first <= medicine_dose.date <= last)
        and SPACING[medicine_dose.medicine.kind].too_close(magnesium_dose.taken_at, medicine_dose.taken_at)
    ]


def notes_for_dose(profile, dose):
    """The TimingNotes of one magnesium or medicine dose just logged, for the message that confirms it."""
    return [note for note in timing_notes(profile, dose.date, dose.date)
            if dose in (note.magnesium_dose, note.medicine_dose)]


@dataclass(frozen=True)
class UsualTap:
    """A button of the day page: this medicine at one of its usual times, and whether that dose is logged."""

    medicine: Medicine
    at: str  # "HH:MM", local
    logged: bool


def usual_taps(medicines, doses, zone):
    """The day page's one-tap buttons for these medicines, from that day's MedicineDoses."""
    logged = {(dose.medicine_id, f"{dose.taken_at.astimezone(zone):%H:%M}") for dose in doses}
    return [UsualTap(medicine, at, (medicine.pk, at) in logged)
            for medicine in medicines for at in medicine.usual_times]
