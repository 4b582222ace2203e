"""The stand test's history and chart: every heart-rate rise on record, from stand tests and symptom notes."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from journal.models import StandTest, SymptomNote


@dataclass(frozen=True)
class Rise:
    """One heart-rate rise on standing, from a stand test (the peak over the supine mean) or a symptom note."""

    date: date
    moment: datetime  # in the person's zone
    lying_bpm: Decimal  # the supine mean of a test, the one lying reading of a note
    standing_bpm: int  # the highest standing reading of a test, the one of a note
    rise_bpm: Decimal | None
    criterion_bpm: int
    test: StandTest | None = None
    note: SymptomNote | None = None

    @property
    def reaches_criterion(self):
        return self.rise_bpm is not None and self.rise_bpm >= self.criterion_bpm


def rises_of(profile):
    """Every stand test and every symptom note with both heart rates, newest first, in three queries."""
    rises = []
    for test in StandTest.objects.of(profile.user_id):
        results = test.results
        peak = results.peak
        rises.append(Rise(
            test.date, test.local_started_at, results.baseline_bpm, peak and peak.heart_rate, results.rise_bpm,
            results.rise_criterion_bpm, test=test,
        ))
    notes = SymptomNote.objects.filter(
        user=profile.user_id, heart_rate_lying__isnull=False, heart_rate_standing__isnull=False,
    ).select_related("user__profile")
    for note in notes:
        rises.append(Rise(
            note.date, note.local_recorded_at, Decimal(note.heart_rate_lying), note.heart_rate_standing,
            Decimal(note.heart_rate_rise), SymptomNote.orthostatic_rise_bpm(profile.age(note.date)), note=note,
        ))
    return sorted(rises, key=lambda rise: rise.moment, reverse=True)


def chart_of(test):
    """The test's readings for static/js/stand-test.js: one point per reading, None where no pressure was taken."""
    readings = [*test.supine, *test.standing]
    return {
        "labels": [
            f"Lying {reading.minute}" if reading in test.supine else f"Minute {reading.minute}" for reading in readings
        ],
        "heart_rate": [reading.heart_rate for reading in readings],
        "systolic": [reading.systolic for reading in readings],
        "diastolic": [reading.diastolic for reading in readings],
    }
