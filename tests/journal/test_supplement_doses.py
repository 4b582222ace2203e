from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from journal.models import Profile, SupplementDose
from tests.builders import log_dose, make_product

ADD_URL = reverse("journal:dose_add")
UL_WARNING = "above the upper limit of 350 mg a day for you"
pytestmark = pytest.mark.usefixtures("frozen_now")


@pytest.fixture
def glycinate(user):
    return make_product(user)  # 500 mg magnesium glycinate: 70.50 mg elemental per capsule


def dose_data(product, **changes):
    return {"product": product.pk, "units": "2", "taken_at": "2026-03-14T08:15"} | changes


def test_it_logs_a_dose_with_a_snapshot_of_the_product(logged_in_client, user, glycinate):
    response = logged_in_client.post(ADD_URL, dose_data(glycinate), follow=True)
    assertContains(response, "Logged 141 mg elemental magnesium")
    dose = SupplementDose.objects.get(user=user)
    assert (dose.units, dose.elemental_mg, dose.product_name, dose.form) == (
        Decimal("2"), Decimal("141.00"), "Acme Magnesium glycinate", "glycinate")
    assert dose.date == date(2026, 3, 14)


def test_the_time_typed_is_the_users_local_time(logged_in_client, user, glycinate):
    Profile.objects.create(user=user, time_zone="America/New_York")
    logged_in_client.post(ADD_URL, dose_data(glycinate, taken_at="2026-03-14T23:30"))
    dose = SupplementDose.objects.get(user=user)
    assert dose.taken_at == datetime(2026, 3, 15, 3, 30, tzinfo=UTC)
    assert dose.date == date(2026, 3, 14)
    response = logged_in_client.get(reverse("journal:dose_edit", args=[dose.pk]))
    assertContains(response, 'value="2026-03-14T23:30"')
    # The day page lists it at that time too, on that day (03:30 the next day in UTC).
    day_page = logged_in_client.get(reverse("journal:day", args=[date(2026, 3, 14)]))
    assertContains(day_page, '<td class="tabular">23:30</td>')


def test_the_form_proposes_now_or_the_day_asked_for(logged_in_client, user, glycinate):
    Profile.objects.create(user=user, time_zone="Asia/Tokyo")
    local_now = timezone.now().astimezone(Profile.objects.get(user=user).zone)
    assertContains(logged_in_client.get(ADD_URL), f'value="{local_now:%Y-%m-%d}T')
    assertContains(logged_in_client.get(ADD_URL + "?date=2026-02-01"), 'value="2026-02-01T')
    assertContains(logged_in_client.get(ADD_URL + "?date=2026-02-30"), f'value="{local_now:%Y-%m-%d}T')


def test_another_users_product_is_refused(logged_in_client, other_user, glycinate):
    theirs = make_product(other_user, name="Their own")
    response = logged_in_client.post(ADD_URL, dose_data(theirs))
    assertContains(response, "Select a valid choice")
    assertNotContains(response, "Their own")
    assert not SupplementDose.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"units": "0"}, "greater than or equal to 0.01"),
        ({"units": "-1"}, "greater than or equal to 0.01"),
        ({"units": "101"}, "less than or equal to 100"),
        ({"units": "two"}, "Enter a number."),
        ({"taken_at": "1899-12-31T12:00"}, "Enter a date from 1900 on."),
        ({"taken_at": "yesterday"}, "Enter a valid date/time."),
        ({"taken_at": "2026-11-30T12:00"}, "more than a day ahead"),  # two days from now
        ({"product": "999999"}, "Select a valid choice"),
    ],
)
def test_it_refuses_bad_input_and_saves_nothing(logged_in_client, glycinate, changes, message):
    response = logged_in_client.post(ADD_URL, dose_data(glycinate) | changes)
    assertContains(response, message)
    assert not SupplementDose.objects.exists()


def test_a_dose_over_ten_grams_elemental_is_refused(logged_in_client, user):
    oxide = make_product(user, form="oxide", label_compound_mg=None, label_elemental_mg=Decimal("4000"))
    response = logged_in_client.post(ADD_URL, dose_data(oxide, units="3"))
    assertContains(response, "That is 12000.00 mg of elemental magnesium in one dose, over the 10,000 mg")
    assert not SupplementDose.objects.exists()


def test_it_warns_when_the_days_supplements_exceed_the_upper_limit(logged_in_client, glycinate):
    first = logged_in_client.post(ADD_URL, dose_data(glycinate, units="2"), follow=True)  # 141 mg
    assertNotContains(first, UL_WARNING)
    second = logged_in_client.post(ADD_URL, dose_data(glycinate, units="3"), follow=True)  # +211.50 = 352.50 mg
    assertContains(second, "On 14 Mar 2026 your supplements gave 353 mg of magnesium, " + UL_WARNING)
    assertContains(second, "not from food")
    assertContains(second, "Diarrhoea is usually the first sign")
    assert SupplementDose.objects.count() == 2  # a warning, not a block


def test_a_child_is_warned_at_the_childs_upper_limit(logged_in_client, user, glycinate):
    Profile.objects.create(user=user, birth_date=date(2023, 1, 1), sex="female")  # 3 years old on 2026-03-14
    response = logged_in_client.post(ADD_URL, dose_data(glycinate, units="1"), follow=True)  # 70.50 mg
    assertContains(response, "above the upper limit of 65 mg a day for you")


def test_editing_a_dose_takes_the_products_figures_again(logged_in_client, user, glycinate):
    dose = log_dose(user, product=glycinate, units="1")
    response = logged_in_client.post(reverse("journal:dose_edit", args=[dose.pk]), dose_data(glycinate, units="4"))
    assert response.status_code == 302
    dose.refresh_from_db()
    assert (dose.units, dose.elemental_mg) == (Decimal("4"), Decimal("282.00"))


def test_moving_a_dose_keeps_the_figures_it_was_logged_with(logged_in_client, user, glycinate):
    dose = log_dose(user, product=glycinate, units="2")  # 141.00 mg at 500 mg glycinate
    glycinate.label_elemental_mg = Decimal("100")  # the label changed since
    glycinate.save()
    data = dose_data(glycinate, taken_at="2026-03-14T21:30")  # same product and units, later time
    assert logged_in_client.post(reverse("journal:dose_edit", args=[dose.pk]), data).status_code == 302
    dose.refresh_from_db()
    assert (dose.units, dose.elemental_mg, dose.local_taken_at.hour) == (Decimal("2"), Decimal("141.00"), 21)


def test_a_dose_whose_product_was_deleted_must_choose_one_again(logged_in_client, user, glycinate):
    dose = log_dose(user, product=glycinate, units="2")
    other = make_product(user, name="Magnesium citrate", form="citrate", label_compound_mg=Decimal("1000"))
    glycinate.delete()
    response = logged_in_client.get(reverse("journal:dose_edit", args=[dose.pk]))
    assertContains(response, '<option value="" selected>Choose a product</option>', html=True)
    response = logged_in_client.post(reverse("journal:dose_edit", args=[dose.pk]), dose_data(other) | {"product": ""})
    assertContains(response, "This field is required.")
    dose.refresh_from_db()
    assert (dose.product_name, dose.elemental_mg) == ("Acme Magnesium glycinate", Decimal("141.00"))


def test_it_deletes_a_dose(logged_in_client, user, glycinate):
    dose = log_dose(user, product=glycinate)
    logged_in_client.post(reverse("journal:dose_delete", args=[dose.pk]))
    assert not SupplementDose.objects.exists()


@pytest.mark.parametrize(("name", "method"), [("journal:dose_edit", "get"), ("journal:dose_edit", "post"),
                                              ("journal:dose_delete", "post")])
def test_another_users_dose_is_a_404(logged_in_client, other_user, name, method):
    dose = log_dose(other_user, product=make_product(other_user))
    response = getattr(logged_in_client, method)(reverse(name, args=[dose.pk]), dose_data(dose.product, units="9"))
    assert response.status_code == 404
    dose.refresh_from_db()
    assert dose.units == Decimal("1")


def test_without_products_the_form_leads_to_adding_one_and_back(logged_in_client):
    response = logged_in_client.get(ADD_URL, {"date": "2026-11-20", "next": "/day/2026-11-20/"})
    back = "/supplements/doses/add/%3Fdate%3D2026-11-20%26next%3D%252Fday%252F2026-11-20%252F"
    assertContains(response, f'href="/supplements/products/add/?next={back}">Add the product from its label</a>')


def test_a_time_skipped_by_the_clock_change_is_refused_not_a_crash(logged_in_client, user, glycinate):
    Profile.objects.create(user=user, time_zone="America/New_York")
    response = logged_in_client.post(ADD_URL, dose_data(glycinate, taken_at="2026-03-08T02:30"))  # clocks jump 2 -> 3
    assertContains(response, "couldn’t be interpreted in time zone America/New_York")
    assert not SupplementDose.objects.exists()


def test_a_dose_before_1900_on_the_users_calendar_is_refused_west_of_utc(logged_in_client, user, glycinate):
    # 23:00 on 31 December 1899 in Pago Pago (UTC-11:22 then) is already 1 January 1900 in UTC.
    Profile.objects.create(user=user, time_zone="Pacific/Pago_Pago")
    response = logged_in_client.post(ADD_URL, dose_data(glycinate, taken_at="1899-12-31T23:00"))
    assertContains(response, "Enter a date from 1900 on.")
    assert not SupplementDose.objects.exists()
