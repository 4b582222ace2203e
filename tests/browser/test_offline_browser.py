"""Without a connection a one-tap drink, usual dose, recent food or medicine is kept on the phone, listed as
waiting, and sent once when the connection returns; a page that cannot be fetched shows the offline page from the
service worker."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from journal.models import Drink, MealEntry, MedicineDose, Profile, SupplementDose
from tests.browser.test_supplements_browser import log_in
from tests.builders import log_dose, log_food, make_medicine, make_product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_glass_tapped_offline_waits_on_the_phone_and_is_added_once_back_online(page, user, client, frozen_now):
    Profile.objects.create(user=user, birth_date=date(1990, 5, 1), sex="female", time_zone="UTC")
    log_in(page, user.username)
    waiting = page.locator("#offline-queue")
    expect(waiting).to_be_hidden()

    page.context.set_offline(True)
    page.get_by_role("button", name="+ Glass of water, 250 ml").click()
    expect(waiting).to_contain_text("Waiting to send: 250 ml of water")
    assert page.url.endswith("/today/")  # the page stayed; nothing reached the server
    assert not Drink.objects.exists()

    page.context.set_offline(False)
    expect(page.get_by_text("Added 250 ml of water.")).to_be_visible()  # the page reloads with the server's word
    expect(waiting).to_be_hidden()
    drink = Drink.objects.get()
    assert (drink.user, drink.date, drink.ml, drink.kind) == (user, date(2026, 11, 28), 250, "water")
    assert page.evaluate("localStorage.getItem('mgtracker-offline-queue')") == "[]"

    # The same entry arriving again (a reply lost on the way back) adds nothing.
    client.force_login(user)
    for _ in range(2):
        client.post("/day/2026-11-28/drinks/", {"kind": "water", "ml": "250", "idempotency_key": drink.idempotency_key})
    assert Drink.objects.count() == 1


def test_two_glasses_tapped_offline_are_two_drinks_and_online_taps_are_sent_as_before(page, user, frozen_now):
    Profile.objects.create(user=user, birth_date=date(1990, 5, 1), sex="female", time_zone="UTC")
    log_in(page, user.username)
    page.context.set_offline(True)
    page.get_by_role("button", name="+ Glass of water, 250 ml").click()
    page.get_by_role("button", name="+ Bottle of water, 500 ml").click()
    page.get_by_role("button", name="+ Glass of water, 250 ml").click()
    expect(page.locator("#offline-queue li")).to_have_text(
        ["Waiting to send: 250 ml of water", "Waiting to send: 500 ml of water", "Waiting to send: 250 ml of water"]
    )
    page.context.set_offline(False)
    expect(page.locator("#offline-queue")).to_be_hidden()
    expect(page.locator("[aria-labelledby=drinks-heading] .list-group-item")).to_have_count(3)
    assert sorted(Drink.objects.values_list("ml", flat=True)) == [250, 250, 500]

    page.get_by_role("button", name="+ Glass of water, 250 ml").click()  # online: sent as any form
    page.wait_for_url("**/day/2026-11-28/")
    expect(page.get_by_text("Added 250 ml of water.")).to_be_visible()
    assert Drink.objects.count() == 4 and Drink.objects.filter(idempotency_key__isnull=True).count() == 0


def test_a_page_that_cannot_be_fetched_shows_the_offline_page(page, user):
    log_in(page, user.username)
    assert page.evaluate("navigator.serviceWorker.ready.then(registration => registration.scope)") == (
        page.url.removesuffix("today/")
    )
    page.context.set_offline(True)
    page.goto("/week/")
    expect(page.get_by_role("heading", name="You are offline")).to_be_visible()
    expect(page.get_by_text("Today lists what is still waiting to send")).to_be_visible()


def test_what_waits_is_sent_when_today_next_opens_even_after_logging_in_again(page, user, frozen_now):
    Profile.objects.create(user=user, birth_date=date(1990, 5, 1), sex="female", time_zone="UTC")
    log_in(page, user.username)
    context = page.context
    context.set_offline(True)
    page.get_by_role("button", name="+ Bottle of water, 500 ml").click()
    expect(page.locator("#offline-queue")).to_contain_text("Waiting to send: 500 ml of water")
    page.close()  # the phone put away before the connection came back
    context.set_offline(False)
    context.clear_cookies()  # the session ended meanwhile: a new log-in, a new CSRF token

    later = context.new_page()
    log_in(later, user.username)  # lands on Today, which sends what waits with this session's token
    expect(later.get_by_text("Added 500 ml of water.")).to_be_visible()
    expect(later.locator("#offline-queue")).to_be_hidden()
    assert list(Drink.objects.values_list("ml", flat=True)) == [500]


YESTERDAY = date(2026, 11, 27)  # the day before frozen_now


def test_a_usual_dose_and_a_recent_food_tapped_offline_wait_and_are_logged_once_back_online(
    page, user, pumpkin_seeds, frozen_now
):
    Profile.objects.create(user=user, birth_date=date(1990, 5, 1), sex="female", time_zone="UTC")
    log_dose(user, YESTERDAY, product=make_product(user), units="2")  # 70.50 mg elemental a capsule
    log_food(user, pumpkin_seeds, "0.5", YESTERDAY, portion="1 cup")
    log_in(page, user.username)
    waiting = page.locator("#offline-queue")

    page.clock.set_fixed_time("2026-11-28T08:15:00Z")  # the phone's time of the taps, hours before they are sent
    page.context.set_offline(True)
    page.get_by_role("button", name="Take Acme Magnesium glycinate").click()
    page.locator("[aria-labelledby=recent-foods-heading]").get_by_role("button", name=pumpkin_seeds.name).click()
    expect(waiting.locator("li")).to_have_text([
        "Waiting to send: Acme Magnesium glycinate, 2 × capsule",
        f"Waiting to send: {pumpkin_seeds.name}, 0.5 × 1 cup (64.5 g)",
    ])
    assert page.url.endswith("/today/")
    assert not SupplementDose.objects.filter(date=date(2026, 11, 28)).exists()
    assert not MealEntry.objects.filter(date=date(2026, 11, 28)).exists()

    page.context.set_offline(False)
    expect(page.get_by_text("Logged 141 mg elemental magnesium")).to_be_visible()  # 2 x 70.50 mg
    expect(page.get_by_text(f"Logged {pumpkin_seeds.name}, 0.5 × 1 cup (64.5 g).")).to_be_visible()
    expect(waiting).to_be_hidden()
    dose = SupplementDose.objects.get(date=date(2026, 11, 28))
    assert (dose.user, dose.units, dose.elemental_mg) == (user, Decimal("2.00"), Decimal("141.00"))
    assert dose.taken_at == datetime(2026, 11, 28, 8, 15, tzinfo=UTC)  # when tapped, not when sent (noon)
    # Half a cup, 64.5 g x 592 mg/100 g = 381.84 mg, in the meal of the hour (noon: lunch).
    entry = MealEntry.objects.get(date=date(2026, 11, 28))
    assert (entry.user, entry.grams, entry.magnesium_mg, entry.meal) == (
        user, Decimal("64.50"), Decimal("381.84"), "lunch"
    )
    expect(page.locator("section[aria-labelledby=meal-lunch]")).to_contain_text("382 mg")


def test_a_recent_food_tapped_offline_on_the_log_form_waits_and_today_sends_it(page, user, pumpkin_seeds, frozen_now):
    Profile.objects.create(user=user, birth_date=date(1990, 5, 1), sex="female", time_zone="UTC")
    log_food(user, pumpkin_seeds, "0.5", YESTERDAY, portion="1 cup")
    log_in(page, user.username)
    page.get_by_role("link", name="Add to snack").click()
    page.wait_for_url("**/meals/add/**")
    context = page.context
    context.set_offline(True)
    page.locator("form.one-tap").get_by_role("button", name=pumpkin_seeds.name).click()
    expect(page.locator("#offline-queue")).to_contain_text(f"Waiting to send: {pumpkin_seeds.name}, 0.5 × 1 cup")
    assert not MealEntry.objects.filter(date=date(2026, 11, 28)).exists()
    page.close()  # put away before the connection came back

    context.set_offline(False)
    today = context.new_page()
    today.goto("/today/")  # Today sends what waits, whichever page it was tapped on
    expect(today.get_by_text(f"Logged {pumpkin_seeds.name}, 0.5 × 1 cup (64.5 g).")).to_be_visible()
    expect(today.locator("#offline-queue")).to_be_hidden()
    entry = MealEntry.objects.get(date=date(2026, 11, 28))
    assert (entry.meal, entry.magnesium_mg) == ("snack", Decimal("381.84"))


def test_a_medicine_tapped_twice_offline_is_one_dose_back_online(page, user, frozen_now):
    Profile.objects.create(user=user, birth_date=date(1990, 5, 1), sex="female", time_zone="UTC")
    make_medicine(user, usual_times=["08:00"])
    log_in(page, user.username)

    page.context.set_offline(True)
    for _ in range(2):  # the second tap, unsure the first was taken, is a second entry on the phone
        page.get_by_role("button", name="Took Alendronate 70 mg tablet at 08:00").click()
    expect(page.locator("#offline-queue li")).to_have_text(["Waiting to send: Alendronate 70 mg tablet at 08:00"] * 2)
    assert not MedicineDose.objects.exists()

    page.context.set_offline(False)
    expect(page.get_by_text("Already logged: Alendronate 70 mg tablet at 08:00.")).to_be_visible()
    expect(page.locator("#offline-queue")).to_be_hidden()
    dose = MedicineDose.objects.get()  # one medicine at one time is one dose however often it is sent
    assert (dose.user, dose.date, f"{dose.taken_at:%H:%M}") == (user, date(2026, 11, 28), "08:00")
    took = page.get_by_role("button", name="✓ Took Alendronate 70 mg tablet at 08:00")
    expect(took).to_have_attribute("aria-pressed", "true")
