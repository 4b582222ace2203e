"""The stand test: entered by hand, its results worked out with their working, its bounds, its owner."""

from datetime import date

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from journal.models import Profile, StandReading, StandTest
from tests.builders import run_stand_test

ADD_URL = reverse("journal:stand_add")
pytestmark = pytest.mark.usefixtures("frozen_now")

# Lying: 70 bpm 120/80 and 75 bpm 118/78. Standing, minutes 1 to 10, blood pressure in the first four minutes and at 6.
SUPINE = [(70, 120, 80), (75, 118, 78)]
STANDING = [(95, 110, 75), (98, 99, 70), (101, 104, 72), (100, 108, 74), 102, (103, 95, 66), 99, 97, 96, 94]


def form_data(supine=SUPINE, standing=STANDING, **changes):
    data = {"started_at": "2026-11-27T08:15", "tag": "baseline", "stopped_early": "", "text": ""}
    for position, readings in (("supine", supine), ("standing", standing)):
        for minute, reading in enumerate(readings, start=1):
            heart_rate, systolic, diastolic = reading if isinstance(reading, tuple) else (reading, "", "")
            data |= {f"{position}_{minute}_heart_rate": heart_rate, f"{position}_{minute}_systolic": systolic,
                     f"{position}_{minute}_diastolic": diastolic}
    return data | changes


def nothing_saved():
    return not StandTest.objects.exists() and not StandReading.objects.exists()


def test_a_test_entered_by_hand_shows_its_results_with_their_working(logged_in_client, user):
    response = logged_in_client.post(ADD_URL, form_data(symptoms=["dizzy", "legs"]), follow=True)
    assertContains(response, "Saved your stand test of 27 Nov 2026.")
    test = StandTest.objects.get(user=user)
    assert (test.date, test.readings.count(), test.symptoms) == (date(2026, 11, 27), 12, ["dizzy", "legs"])
    # Baseline: (70 + 75) / 2 = 72.5 bpm. Highest standing: 103 bpm at minute 6. Rise: 103 - 72.5 = 30.5 bpm >= 30.
    assertContains(response, "<strong class=\"tabular\">72.5 bpm</strong>:\n    the mean of 70 and 75 bpm", html=False)
    assertContains(response, "<strong class=\"tabular\">103 bpm</strong> at minute 6")
    assertContains(response, "<strong class=\"tabular\">30.5 bpm</strong>:\n    103 − 72.5 bpm", html=False)
    assertContains(response, "The rise reaches 30 bpm, the\n  heart-rate criterion clinicians use for POTS.")
    # Systolic: lying mean (120 + 118) / 2 = 119; lowest in minutes 1-3 is 99 at minute 2: 119 - 99 = 20 >= 20.
    # Diastolic: lying mean (80 + 78) / 2 = 79; lowest in minutes 1-3 is 70 at minute 2: 79 - 70 = 9 < 10.
    assertContains(response, "<strong class=\"tabular\">20.0 mmHg</strong>:\n    lying mean 119.0 mmHg − 99 mmHg at "
                              "minute 2", html=False)
    assertContains(response, "<strong class=\"tabular\">9.0 mmHg</strong>:\n    lying mean 79.0 mmHg − 70 mmHg at "
                              "minute 2", html=False)
    # Over the whole test the lowest are 95/66 at minute 6: 119 - 95 = 24, 79 - 66 = 13.
    assertContains(response, "24.0 mmHg: lowest 95 mmHg at minute 6")
    assertContains(response, "13.0 mmHg: lowest 66 mmHg at minute 6")
    assertContains(response, "the pattern of orthostatic hypotension")
    assertContains(response, "not a diagnosis")
    assertContains(response, "Freeman et al.")
    assertContains(response, "Sheldon et al.")
    assertContains(response, "Symptoms: dizzy or light-headed, legs turning red or purple.")
    assertContains(response, "<th scope=\"row\" class=\"fw-normal\">Minute 6</th><td class=\"text-end\">103</td>"
                              "<td class=\"text-end\">95</td><td class=\"text-end\">66</td>", html=False)
    assertContains(response, 'id="stand-data"')


def test_below_the_thresholds_nothing_is_flagged(logged_in_client, user):
    # Rise: 102 - 72.5 = 29.5 < 30. Systolic: 119 - 100 = 19 < 20; diastolic 79 - 70 = 9 < 10.
    standing = [(95, 110, 75), (98, 100, 70), 101, 102, 100, 99, 99, 97, 96, 94]
    response = logged_in_client.post(ADD_URL, form_data(standing=standing), follow=True)
    assertContains(response, "<strong class=\"tabular\">29.5 bpm</strong>")
    assertContains(response, "The rise stays below 30 bpm")
    assertNotContains(response, "stand-pressure-flag")


def test_from_12_to_19_the_criterion_is_40_bpm(logged_in_client, user):
    Profile.objects.create(user=user, birth_date=date(2010, 5, 1), sex="female")  # 16 on 27 Nov 2026
    response = logged_in_client.post(ADD_URL, form_data(), follow=True)
    assertContains(response, "The rise stays below 40 bpm, the heart-rate\n  criterion clinicians use for POTS "
                              "at ages 12 to 19.")


@pytest.mark.parametrize(("age", "criterion"), [(11, 30), (12, 40), (19, 40), (20, 30), (None, 30)])
def test_the_criterion_follows_the_age_on_the_day(user, age, criterion):
    birth_date = None if age is None else date(2026 - age, 11, 1)
    Profile.objects.create(user=user, birth_date=birth_date)
    test = run_stand_test(user, date(2026, 11, 27), standing=[100])
    assert test.results.rise_criterion_bpm == criterion


@pytest.mark.parametrize(("field", "value", "message"), [
    ("standing_4_heart_rate", "24", "A heart rate is between 25 and 250 bpm: check the reading."),
    ("supine_1_heart_rate", "251", "A heart rate is between 25 and 250 bpm: check the reading."),
    ("standing_1_systolic", "300", "A systolic pressure is between 50 and 299 mmHg: check the reading."),
    ("standing_1_systolic", "49", "A systolic pressure is between 50 and 299 mmHg: check the reading."),
    ("standing_1_diastolic", "19", "A diastolic pressure is between 20 and 299 mmHg: check the reading."),
    ("standing_1_diastolic", "110", "The diastolic pressure (the lower figure) must be below the systolic."),
    ("standing_1_diastolic", "", "Enter both blood pressure figures, systolic and diastolic, or neither."),
    ("standing_2_heart_rate", "", "No heart rate at minute 2: enter every minute, or say why the test stopped early."),
    ("supine_1_heart_rate", "fast", "Enter the heart rate as a whole number."),
])
def test_bad_readings_are_refused_with_a_message_and_nothing_is_saved(logged_in_client, field, value, message):
    response = logged_in_client.post(ADD_URL, form_data(**{field: value}))
    assertContains(response, message)
    assert nothing_saved()


def test_a_pressure_without_its_heart_rate_is_refused(logged_in_client):
    response = logged_in_client.post(ADD_URL, form_data(supine=[(70, 120, 80), ("", 118, 78)]))
    assertContains(response, "Enter the heart rate of this reading too.")
    assert nothing_saved()


def test_a_test_needs_a_heart_rate_lying_down(logged_in_client):
    response = logged_in_client.post(ADD_URL, form_data(supine=[]))
    assertContains(response, "Enter at least one heart rate lying down.")
    assert nothing_saved()


def test_a_test_stopped_early_keeps_the_readings_taken(logged_in_client, user):
    response = logged_in_client.post(ADD_URL, form_data(standing=[95, 112, 131], stopped_early="fainting"), follow=True)
    test = StandTest.objects.get(user=user)
    assert [reading.minute for reading in test.standing] == [1, 2, 3]
    # 131 - 72.5 = 58.5 bpm.
    assertContains(response, "<strong class=\"tabular\">58.5 bpm</strong>")
    assertContains(response, "Stopped early: fainting or about to faint.")


def test_another_reason_to_stop_is_said_in_the_notes(logged_in_client):
    response = logged_in_client.post(ADD_URL, form_data(standing=[95], stopped_early="other"))
    assertContains(response, "Say in the notes why the test stopped.")
    assert nothing_saved()


def test_the_test_goes_on_the_persons_local_day(logged_in_client, user):
    Profile.objects.create(user=user, time_zone="Pacific/Auckland")
    logged_in_client.post(ADD_URL, form_data(started_at="2026-11-28T07:30"))
    assert StandTest.objects.get(user=user).date == date(2026, 11, 28)


def test_editing_a_test_replaces_its_readings(logged_in_client, user):
    test = run_stand_test(user, date(2026, 11, 27), standing=STANDING[:3], stopped_early="unwell")
    response = logged_in_client.post(reverse("journal:stand_edit", args=[test.pk]), form_data(tag="on_treatment"),
                                     follow=True)
    assertContains(response, "Saved your stand test")
    test.refresh_from_db()
    assert (test.tag, test.stopped_early, test.readings.count()) == ("on_treatment", "", 12)


def test_a_refused_edit_keeps_the_old_readings(logged_in_client, user):
    test = run_stand_test(user, date(2026, 11, 27), standing=STANDING)
    logged_in_client.post(reverse("journal:stand_edit", args=[test.pk]), form_data(standing_3_heart_rate="300"))
    assert sorted(test.readings.values_list("heart_rate", flat=True))[-1] == 103


def test_the_edit_form_shows_the_readings(logged_in_client, user):
    test = run_stand_test(user, date(2026, 11, 27), supine=[(70, 120, 80)], standing=[88], stopped_early="unwell")
    response = logged_in_client.get(reverse("journal:stand_edit", args=[test.pk]))
    assertContains(response, 'name="supine_1_systolic" value="120"', html=False)
    assertContains(response, 'name="standing_1_heart_rate" value="88"', html=False)


def test_deleting_a_test_deletes_its_readings(logged_in_client, user):
    test = run_stand_test(user, date(2026, 11, 27), standing=[88], stopped_early="unwell")
    response = logged_in_client.post(reverse("journal:stand_delete", args=[test.pk]), follow=True)
    assertContains(response, "Deleted the stand test of 27 Nov 2026.")
    assert nothing_saved()


@pytest.mark.parametrize(("name", "method"), [
    ("journal:stand_detail", "get"), ("journal:stand_edit", "get"), ("journal:stand_edit", "post"),
    ("journal:stand_delete", "post"),
])
def test_another_persons_test_is_not_found(logged_in_client, other_user, name, method):
    test = run_stand_test(other_user, date(2026, 11, 27), standing=[88], stopped_early="unwell")
    response = getattr(logged_in_client, method)(reverse(name, args=[test.pk]), form_data())
    assert response.status_code == 404
    assert test.readings.count() == 3 and StandTest.objects.get().tag == "baseline"


def test_the_guided_page_posts_the_plain_form_with_the_minute_length_set(logged_in_client, settings):
    settings.STAND_TEST_MINUTE_MS = 750
    response = logged_in_client.get(reverse("journal:stand_guided"))
    assertContains(response, f'action="{ADD_URL}" id="stand-test" data-minute-ms="750"', html=False)
    assertContains(response, 'name="standing_10_heart_rate"', html=False)
    assertContains(response, "heels about 15 cm")
