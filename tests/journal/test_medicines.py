"""A person's medicines: added, edited, stopped and deleted; each dose logged in one tap at a usual time or at any
time; the timing note in the message that confirms a dose; another person's medicine is a 404."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from journal.medicines import SOURCE
from journal.models import DayMark, Medicine, MedicineDose, Profile
from tests.builders import log_dose, log_medicine_dose, make_medicine, make_product

pytestmark = pytest.mark.usefixtures("frozen_now")  # Saturday 28 November 2026, 12:00 UTC
TODAY = date(2026, 11, 28)
SPACING_NOTE = "Something to talk over with your doctor or pharmacist."


def medicine_data(**changes):
    return {"name": "Doxycycline", "kind": "tetracycline", "dose": "100 mg capsule", "usual_times": "20:00, 8:00",
            "started_on": "2026-11-20", "stopped_on": ""} | changes


def test_it_adds_a_medicine_with_its_usual_times_in_order(logged_in_client, user):
    response = logged_in_client.post(reverse("journal:medicine_add"), medicine_data(), follow=True)
    assertContains(response, "Saved Doxycycline 100 mg capsule.")
    medicine = Medicine.objects.get(user=user)
    assert (medicine.kind, medicine.usual_times, medicine.started_on, medicine.stopped_on) == (
        "tetracycline", ["08:00", "20:00"], date(2026, 11, 20), None)
    assertContains(response, "Usually at 08:00, 20:00")
    assertContains(response, "needs spacing from magnesium doses")


@pytest.mark.parametrize(("changes", "message"), [
    ({"usual_times": "8 o'clock"}, "is not a time of day"),
    ({"usual_times": "25:00"}, "“25:00” is not a time of day"),
    ({"usual_times": "1:00 2:00 3:00 4:00 5:00 6:00 7:00"}, "at most 6 usual times"),
    ({"stopped_on": "2026-11-19"}, "The stop date comes before the start date"),
    ({"started_on": "1899-12-31"}, "Enter a date from 1900 on."),
    ({"kind": "antacid"}, "Select a valid choice"),
    ({"name": ""}, "This field is required"),
    ({"name": "x" * 121}, "at most 120 characters"),
])
def test_bad_input_is_refused_with_a_message_and_nothing_saved(logged_in_client, changes, message):
    response = logged_in_client.post(reverse("journal:medicine_add"), medicine_data(**changes))
    assertContains(response, message)
    assert not Medicine.objects.exists()


def test_editing_gives_a_stop_date(logged_in_client, user):
    medicine = make_medicine(user, "Doxycycline", kind="tetracycline", usual_times=["08:00"])
    url = reverse("journal:medicine_edit", args=[medicine.pk])
    assertContains(logged_in_client.get(url), 'value="08:00"')
    logged_in_client.post(url, medicine_data(usual_times="08:00", started_on="2026-01-01", stopped_on="2026-11-27"))
    medicine.refresh_from_db()
    assert medicine.stopped_on == date(2026, 11, 27)
    assertNotContains(logged_in_client.get("/today/"), "Took Doxycycline")  # stopped yesterday


def test_deleting_a_medicine_deletes_its_doses(logged_in_client, user):
    medicine = make_medicine(user)
    log_medicine_dose(user, medicine, TODAY)
    response = logged_in_client.post(reverse("journal:medicine_delete", args=[medicine.pk]), follow=True)
    assertContains(response, "Deleted Alendronate 70 mg tablet and the doses of it you logged.")
    assert not Medicine.objects.exists() and not MedicineDose.objects.exists()


@pytest.mark.parametrize(("name", "method"), [
    ("journal:medicine_edit", "get"), ("journal:medicine_edit", "post"), ("journal:medicine_delete", "post"),
])
def test_another_users_medicine_is_not_found(logged_in_client, other_user, name, method):
    theirs = make_medicine(other_user)
    response = getattr(logged_in_client, method)(reverse(name, args=[theirs.pk]), medicine_data())
    assert response.status_code == 404
    assert Medicine.objects.get(pk=theirs.pk).name == "Alendronate"


@pytest.mark.parametrize(("name", "method"), [
    ("journal:medicine_dose_edit", "get"), ("journal:medicine_dose_edit", "post"),
    ("journal:medicine_dose_delete", "post"),
])
def test_another_users_medicine_dose_is_not_found(logged_in_client, other_user, name, method):
    dose = log_medicine_dose(other_user, make_medicine(other_user), TODAY)
    response = getattr(logged_in_client, method)(reverse(name, args=[dose.pk]), {})
    assert response.status_code == 404
    assert MedicineDose.objects.filter(pk=dose.pk).exists()


def test_another_users_medicine_cannot_be_tapped(logged_in_client, other_user):
    theirs = make_medicine(other_user, usual_times=["08:00"])
    response = logged_in_client.post(reverse("journal:medicine_usual_dose", args=[TODAY]),
                                     {"medicine": theirs.pk, "at": "08:00"}, follow=True)
    assertContains(response, "Select a valid choice")
    assert not MedicineDose.objects.exists()


def test_one_tap_logs_the_usual_dose_once_however_often_it_is_tapped(logged_in_client, user):
    Profile.objects.create(user=user, time_zone="America/New_York")
    medicine = make_medicine(user, "Doxycycline", kind="tetracycline", dose="100 mg", usual_times=["06:00"])
    day_page = logged_in_client.get("/today/")
    assertContains(day_page, "Took Doxycycline 100 mg at 06:00")
    url = reverse("journal:medicine_usual_dose", args=[TODAY])
    response = logged_in_client.post(url, {"medicine": medicine.pk, "at": "06:00"}, follow=True)
    assertContains(response, "Logged: Doxycycline 100 mg at 06:00.")
    assertContains(response, 'aria-pressed="true"')
    response = logged_in_client.post(url, {"medicine": medicine.pk, "at": "06:00"}, follow=True)
    assertContains(response, "Already logged: Doxycycline 100 mg at 06:00.")
    dose = MedicineDose.objects.get()
    assert (dose.taken_at, dose.date) == (datetime(2026, 11, 28, 11, 0, tzinfo=UTC), TODAY)  # 06:00 New York


def test_a_tap_on_a_day_to_come_or_before_the_medicine_started_is_refused(logged_in_client, user):
    medicine = make_medicine(user, usual_times=["08:00"], started_on=date(2026, 11, 1))
    for day, message in [(date(2026, 11, 29), "A day still to come cannot have doses"),
                         (date(2026, 10, 31), "was not being taken on this day")]:
        response = logged_in_client.post(reverse("journal:medicine_usual_dose", args=[day]),
                                         {"medicine": medicine.pk, "at": "08:00"}, follow=True)
        assertContains(response, message)
    assert not MedicineDose.objects.exists()


def test_a_usual_time_still_to_come_today_is_refused_until_it_comes(logged_in_client, user):
    # Noon in London: the 08:00 dose can be tapped, the 20:00 one not yet (it would count as taken before it was).
    Profile.objects.create(user=user, time_zone="Europe/London")
    medicine = make_medicine(user, "Doxycycline", kind="tetracycline", usual_times=["08:00", "20:00"])
    url = reverse("journal:medicine_usual_dose", args=[TODAY])
    response = logged_in_client.post(url, {"medicine": medicine.pk, "at": "20:00"}, follow=True)
    assertContains(response, "It is not 20:00 yet: tap once Doxycycline is taken")
    assert not MedicineDose.objects.exists()
    logged_in_client.post(url, {"medicine": medicine.pk, "at": "08:00"})
    logged_in_client.post(url, {"medicine": medicine.pk, "at": "12:00"})  # now itself is no longer to come
    assert sorted(f"{dose.taken_at:%H:%M}" for dose in MedicineDose.objects.all()) == ["08:00", "12:00"]


def test_the_tap_says_when_magnesium_was_taken_too_close(logged_in_client, user):
    medicine = make_medicine(user, "Ciprofloxacin", kind="quinolone", dose="500 mg", usual_times=["09:00"])
    log_dose(user, elemental_mg=200, taken_at=datetime(2026, 11, 28, 7, 0, tzinfo=UTC))  # 07:00 (UTC is the zone)
    response = logged_in_client.post(reverse("journal:medicine_usual_dose", args=[TODAY]),
                                     {"medicine": medicine.pk, "at": "09:00"}, follow=True)
    assertContains(response, "was taken 2 h before Ciprofloxacin (Sat 28 Nov 09:00)")
    assertContains(response, SPACING_NOTE)


def test_logging_magnesium_says_it_was_too_close_to_a_bisphosphonate(logged_in_client, user):
    alendronate = make_medicine(user)
    log_medicine_dose(user, alendronate, taken_at=datetime(2026, 11, 28, 8, 0, tzinfo=UTC))
    product = make_product(user)
    data = {"product": product.pk, "units": "1", "taken_at": "2026-11-28T09:59"}
    response = logged_in_client.post(reverse("journal:dose_add"), data, follow=True)
    assertContains(response, "was taken 1 h 59 min after Alendronate (Sat 28 Nov 08:00)")
    assertContains(response, "the fact sheet says to take them at least 2 hours apart")
    data["taken_at"] = "2026-11-28T10:00"
    assertNotContains(logged_in_client.post(reverse("journal:dose_add"), data, follow=True), "was taken 2 h after")


def test_a_dose_logged_at_any_time_and_its_double_is_refused(logged_in_client, user):
    medicine = make_medicine(user)
    url = reverse("journal:medicine_dose_add")
    data = {"medicine": medicine.pk, "taken_at": "2026-11-27T07:30"}
    assertContains(logged_in_client.post(url, data, follow=True), "Logged Alendronate 70 mg tablet at 07:30")
    assertContains(logged_in_client.post(url, data), "is already logged")
    assert MedicineDose.objects.get().date == date(2026, 11, 27)
    assertContains(logged_in_client.post(url, {**data, "taken_at": "2026-11-30T07:30"}), "more than a day ahead")


def test_kidney_disease_puts_the_doctor_directs_sentence_beside_supplements(logged_in_client, user):
    pages = ["/today/", reverse("journal:supplements"), reverse("journal:product_add"), reverse("journal:dose_add")]
    for page in pages:
        assertNotContains(logged_in_client.get(page), "take magnesium supplements only as your doctor directs")
    response = logged_in_client.post(reverse("journal:profile"), {
        "time_zone": "UTC", "kidney_disease": "on", "fluid_target_unit": "L", "sodium_target_as": "salt",
    }, follow=True)
    assert Profile.objects.get(user=user).kidney_disease
    assertContains(response, "I have chronic kidney disease or reduced kidney function")
    for page in pages:
        response = logged_in_client.get(page)
        assertContains(response, "take magnesium supplements only as your doctor directs. The kidneys remove "
                                 "excess magnesium from the body")
        assertContains(response, SOURCE)


def test_the_profile_names_medicines_that_change_magnesium(logged_in_client, user):
    make_medicine(user, "Furosemide", kind="loop_diuretic", dose="40 mg")
    make_medicine(user, "Spironolactone", kind="potassium_sparing")
    make_medicine(user, "Omeprazole", kind="ppi_long_term", stopped_on=date(2026, 6, 1))  # stopped: not named
    make_medicine(user, "Midodrine", kind="other")
    response = logged_in_client.get(reverse("journal:profile"))
    assertContains(response, "Furosemide: Taken for a long time, loop diuretics can increase the loss of magnesium "
                             "in urine and lower the body&#39;s magnesium.")
    assertContains(response, "Spironolactone: Potassium-sparing diuretics reduce the loss of magnesium in urine, so "
                             "they can raise the body&#39;s magnesium.")
    assertNotContains(response, "Omeprazole")
    assertNotContains(response, "Midodrine")
    assertContains(response, SPACING_NOTE)
    assertContains(response, SOURCE)


def test_the_medicines_page_gives_the_spacing_windows_and_their_source(logged_in_client):
    response = logged_in_client.get(reverse("journal:medicines"))
    assertContains(response, "<dt>Bisphosphonate (such as alendronate)</dt>\n    <dd>Magnesium taken less than 2 h "
                             "before it or less than 2 h after it. Magnesium can lower the absorption")
    assertContains(response, "Magnesium taken less than 6 h before it or less than 2 h after it.", count=2)
    assertContains(response, SOURCE)


def test_a_day_without_medicines_is_marked_in_one_tap_and_taken_back(logged_in_client, user):
    make_medicine(user, usual_times=["08:00"])
    assertContains(logged_in_client.get("/today/"), 'aria-pressed="false">No medicines today</button>', html=False)
    url = reverse("journal:day_marks", args=[TODAY])
    response = logged_in_client.post(url, {"no_medicines": "true"}, follow=True)
    assertContains(response, "Noted: no medicines on this day.")
    assertContains(response, 'aria-pressed="true">&check; No medicines today</button>', html=False)
    assert DayMark.objects.get(user=user, date=TODAY).no_medicines
    logged_in_client.post(url, {"no_medicines": "false"})
    assert not DayMark.objects.get(user=user, date=TODAY).no_medicines


def test_the_medicines_page_runs_a_fixed_number_of_queries(logged_in_client, user, django_assert_num_queries):
    for n in range(20):
        medicine = make_medicine(user, f"Medicine {n}", kind="loop_diuretic" if n % 2 else "quinolone")
        log_medicine_dose(user, medicine, TODAY)
    # Session, user, profile, the medicines, the recent doses with their medicines.
    with django_assert_num_queries(5):
        response = logged_in_client.get(reverse("journal:medicines"))
    assertContains(response, "needs spacing from magnesium doses", count=10)
