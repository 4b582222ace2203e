"""A timing note appears exactly when a magnesium dose falls inside a medicine's spacing window, worked out by hand
from the NIH ODS fact sheet, in the person's own time zone: one minute inside each edge it appears, at the edge it
does not. Bisphosphonates: at least 2 h apart either way. Tetracyclines and quinolones: the antibiotic at least 2 h
before magnesium or 4 to 6 h after it, so magnesium is too close from 6 h before the antibiotic (the far end) to 2 h
after it, both edges exclusive."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from journal.medicines import SOURCE, timing_notes
from journal.models import Medicine, Profile
from tests.builders import log_dose, log_medicine_dose, make_medicine, salt_tablet

NEW_YORK = ZoneInfo("America/New_York")
DAY = date(2026, 11, 20)  # a Friday, three weeks after the clocks went back: New York is at UTC-5 all day


def at(clock, day=DAY):
    """A moment on `day` at `clock` ("HH:MM"), New York time."""
    hours, minutes = map(int, clock.split(":"))
    return datetime(day.year, day.month, day.day, hours, minutes, tzinfo=NEW_YORK)


@pytest.fixture
def new_yorker(user, frozen_now):
    profile = Profile.for_user(user)
    profile.time_zone = "America/New_York"
    profile.save()
    return profile


def notes_for(profile, medicine_kind, medicine_at, magnesium_at, day=DAY):
    medicine = make_medicine(profile.user, kind=medicine_kind)
    log_medicine_dose(profile.user, medicine, taken_at=medicine_at)
    log_dose(profile.user, elemental_mg=200, taken_at=magnesium_at)
    return timing_notes(profile, day, day)


@pytest.mark.parametrize(("magnesium", "too_close"), [
    ("06:00", False),  # exactly 2 h before the 08:00 alendronate: the edge is clear
    ("06:01", True),  # 1 h 59 min before
    ("08:00", True),
    ("09:59", True),  # 1 h 59 min after
    ("10:00", False),  # exactly 2 h after
])
def test_a_bisphosphonate_wants_two_hours_either_side(new_yorker, magnesium, too_close):
    notes = notes_for(new_yorker, Medicine.Kind.BISPHOSPHONATE, at("08:00"), at(magnesium))
    assert len(notes) == (1 if too_close else 0)


@pytest.mark.parametrize("kind", [Medicine.Kind.TETRACYCLINE, Medicine.Kind.QUINOLONE])
@pytest.mark.parametrize(("magnesium", "too_close"), [
    ("08:00", False),  # exactly 6 h before the 14:00 antibiotic: it is then taken 6 h after magnesium
    ("08:01", True),  # 5 h 59 min before: inside the "4 to 6 hours after" the source gives
    ("10:00", True),  # 4 h before: within the range, so noted
    ("14:00", True),
    ("15:59", True),  # 1 h 59 min after: the antibiotic was not taken 2 h before magnesium
    ("16:00", False),  # exactly 2 h after
])
def test_an_antibiotic_wants_magnesium_six_hours_after_or_two_hours_before(new_yorker, kind, magnesium, too_close):
    notes = notes_for(new_yorker, kind, at("14:00"), at(magnesium))
    assert len(notes) == (1 if too_close else 0)


@pytest.mark.parametrize(("magnesium", "too_close"), [("19:00", False), ("19:01", True)])
def test_a_pair_across_midnight_is_a_note_on_both_days(new_yorker, magnesium, too_close):
    """Magnesium on Friday evening, doxycycline at 01:00 on Saturday. In UTC both are on Saturday (19:01 in New
    York is 00:01 UTC): the Friday note shows that the days are the person's."""
    saturday = DAY + timedelta(days=1)
    notes_for(new_yorker, Medicine.Kind.TETRACYCLINE, at("01:00", saturday), at(magnesium))
    for day in (DAY, saturday):
        assert len(timing_notes(new_yorker, day, day)) == (1 if too_close else 0)
    assert timing_notes(new_yorker, DAY + timedelta(days=2), DAY + timedelta(days=2)) == []


@pytest.mark.parametrize("kind", [
    Medicine.Kind.LOOP_DIURETIC, Medicine.Kind.THIAZIDE_DIURETIC, Medicine.Kind.POTASSIUM_SPARING_DIURETIC,
    Medicine.Kind.PPI_LONG_TERM, Medicine.Kind.OTHER,
])
def test_no_note_for_a_medicine_outside_the_list_even_at_the_same_minute(new_yorker, kind):
    assert notes_for(new_yorker, kind, at("08:00"), at("08:00")) == []


def test_no_note_for_a_supplement_without_magnesium(new_yorker):
    medicine = make_medicine(new_yorker.user, kind=Medicine.Kind.QUINOLONE)
    log_medicine_dose(new_yorker.user, medicine, taken_at=at("08:00"))
    tablet = salt_tablet(new_yorker.user)
    log_dose(new_yorker.user, product=tablet, taken_at=at("08:30"))
    assert timing_notes(new_yorker, DAY, DAY) == []


def test_the_note_gives_both_times_the_gap_and_the_sources_spacing(new_yorker):
    [note] = notes_for(new_yorker, Medicine.Kind.QUINOLONE, at("14:00"), at("10:30"))
    assert note.text == (
        "Magnesium (Magnesium glycinate, 200 mg, Fri 20 Nov 10:30) was taken 3 h 30 min before Alendronate "
        "(Fri 20 Nov 14:00): the fact sheet says to take quinolone antibiotics at least 2 hours before or 4 to 6 "
        "hours after a magnesium-containing supplement, as magnesium can bind it into a form the body does not "
        "absorb. Something to talk over with your doctor or pharmacist."
    )


def test_a_day_reads_its_notes_in_two_queries_however_many_doses(new_yorker, django_assert_num_queries):
    medicine = make_medicine(new_yorker.user, kind=Medicine.Kind.BISPHOSPHONATE)
    for hour in range(6, 12):
        log_medicine_dose(new_yorker.user, medicine, taken_at=at(f"{hour:02d}:00"))
        log_dose(new_yorker.user, elemental_mg=100, taken_at=at(f"{hour:02d}:30"))
    with django_assert_num_queries(2):
        notes = timing_notes(new_yorker, DAY, DAY)
    # Alendronate on the hour from 06:00 to 11:00, magnesium at half past: magnesium at 06:30 is within 2 h of the
    # 06, 07 and 08 o'clock doses (3), 07:30, 08:30 and 09:30 of four each, 10:30 of 09 to 11 (3), 11:30 of 10 and 11.
    assert len(notes) == 3 + 4 + 4 + 4 + 3 + 2


def test_the_day_page_shows_the_note_with_its_source(new_yorker, client):
    notes_for(new_yorker, Medicine.Kind.BISPHOSPHONATE, at("08:00"), at("07:00"))
    client.force_login(new_yorker.user)
    response = client.get(f"/day/{DAY}/")
    assertContains(response, "was taken 1 h before Alendronate")
    assertContains(response, SOURCE)
    assertNotContains(client.get(f"/day/{DAY - timedelta(days=1)}/"), "was taken")
