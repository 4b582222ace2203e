from datetime import date, timedelta
from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from journal.forms.share import ShareLinkForm
from journal.models import Profile
from tests.builders import (
    log_dose,
    log_medicine_dose,
    make_food,
    make_medicine,
    make_product,
    run_stand_test,
    write_note,
)

MONDAY = date(2026, 11, 2)
CALM = "Calm Mg glycinate"


@pytest.fixture
def two_weeks(woman_of_40, log_food, pumpkin_seeds, spinach):
    """Week 1: three days of 1 oz pumpkin seeds (167.83 mg, shown as 168). Week 2: two days of 1 cup (763.68 mg,
    shown as 764) and a dose of 400 mg; a dose of 141 mg on a day without food."""
    for n in range(3):
        log_food(pumpkin_seeds, 1, "1 oz", day=MONDAY + timedelta(days=n))
    for n in (7, 8):
        log_food(pumpkin_seeds, 1, "1 cup", day=MONDAY + timedelta(days=n))
    log_dose(woman_of_40, MONDAY + timedelta(days=8), elemental_mg="400", name=CALM)  # above the 350 mg upper limit
    log_dose(woman_of_40, MONDAY + timedelta(days=10), elemental_mg="141", name=CALM)  # a day with no food logged
    write_note(woman_of_40, MONDAY, dizziness=6, fatigue=4, anxiety=2, heart_rate_lying=62, heart_rate_standing=104,
               text="Dizzy on standing after breakfast")
    write_note(woman_of_40, MONDAY + timedelta(days=7), dizziness=3, fatigue=4, anxiety=2)
    return woman_of_40


def get_report(client, start="2026-11-02", end="2026-11-15"):
    return client.get("/report/", {"start": start, "end": end})


def test_report_sums_up_the_period_week_by_week(logged_in_client, two_weeks):
    response = get_report(logged_in_client)
    period = response.context["report"].period
    assert (len(period.days), len(period.counted), period.goal_met_days, period.days_above_upper_limit) == (14, 5, 2, 1)
    # (3 x 168 + 764 + (764 + 400)) / 5 days that count = 2,432 / 5 = 486.4
    assert period.mean_total_mg == Decimal("486")
    first, second = period.weeks()
    assert (first.first, len(first.counted), first.mean_total_mg) == (MONDAY, 3, Decimal("168"))
    # Week 2: food (764 + 764) / 2, supplements (0 + 400) / 2, total (764 + 1,164) / 2; the dose-only day is out.
    assert (len(second.counted), second.mean_food_mg, second.mean_supplement_mg, second.mean_total_mg) == (
        2, Decimal("764"), Decimal("200"), Decimal("964")
    )
    assert (first.score_mean("dizziness"), second.score_mean("dizziness")) == (Decimal("6.0"), Decimal("3.0"))
    # Food (504 + 1,528) / 5 = 406.4, supplements 400 / 5 = 80; 2,432 of 5 x 320 mg is 152% of the goal.
    assertContains(response, "Magnesium: <strong>486 mg</strong> a day on average\n"
                             "  (food 406 mg, supplements 80 mg),\n  152% of the goal, over the 5 days that count;")
    assertContains(response, "the goal was reached on 2 of 5 (40%)")
    assertContains(response, "8 days (nothing logged); 1 day (no food logged)")
    assertContains(response, "<td class=\"text-end\">3 of 7</td>", html=True)
    assertContains(response, "RDA for females 31-50 years")
    assertContains(response, "Supplements went above the upper limit on 1 day.")


def test_report_lists_supplements_and_written_notes(logged_in_client, two_weeks):
    response = get_report(logged_in_client)
    assert response.context["report"].supplements == [{
        "product_name": "Calm Mg glycinate", "form": "glycinate", "form_label": "Glycinate (bisglycinate)",
        "doses": 2, "elemental_mg": Decimal("541.00"),
    }]
    assertContains(response, "541 mg")
    assertContains(response, "Dizzy on standing after breakfast")
    assertContains(response, "62 lying, 104 standing")


def test_report_defaults_to_the_last_four_weeks(logged_in_client, woman_of_40, today):
    period = logged_in_client.get("/report/").context["report"].period
    assert (period.first, period.last, len(period.days)) == (today - timedelta(days=27), today, 28)


def test_report_refuses_a_bad_period_with_a_message(logged_in_client, woman_of_40):
    response = get_report(logged_in_client, start="2026-11-15", end="2026-11-01")
    assert response.context["report"] is None
    assertContains(response, "The end comes before the start.")


def test_the_period_form_shows_each_time_the_dates_asked_for_and_their_message(logged_in_client, woman_of_40):
    """The form is drawn once for each set of values and messages, and never shows an earlier request's."""
    for _ in range(2):
        refused = get_report(logged_in_client, start="2026-11-15", end="2026-11-01")
        assertContains(refused, 'name="start" value="2026-11-15"')
        assertContains(refused, "The end comes before the start.")
        shown = get_report(logged_in_client, start="2026-11-02", end="2026-11-08")
        assertContains(shown, 'name="end" value="2026-11-08"')
        assertNotContains(shown, "The end comes before the start.")


def test_a_form_sent_by_post_is_never_drawn_from_the_kept_html():
    """The share form posts: its HTML holds the request's CSRF token, so it may not come from another request."""
    with pytest.raises(TypeError, match="sent by POST"):
        ShareLinkForm(today=date(2026, 11, 29)).drawn()


def test_report_leaves_out_other_users(logged_in_client, two_weeks, other_user):
    log_dose(other_user, MONDAY, elemental_mg="999", name="Bob's secret magnesium")
    response = get_report(logged_in_client)
    assertNotContains(response, "secret magnesium")
    assert response.context["report"].supplements[0]["elemental_mg"] == Decimal("541.00")


def test_report_runs_a_fixed_number_of_queries(logged_in_client, two_weeks, django_assert_num_queries):
    for n in range(10):
        run_stand_test(two_weeks, MONDAY + timedelta(days=n), standing=[90 + n], stopped_early="unwell")
        alendronate = make_medicine(two_weeks, f"Alendronate {n}")
        log_medicine_dose(two_weeks, alendronate, MONDAY + timedelta(days=n))
        log_dose(two_weeks, MONDAY + timedelta(days=n), elemental_mg=100)
    # Session, user, profile, the ledger's nine (the days' stamps, then eight, over the period and the 7 days before,
    # for the lab results), the supplements, the written notes, the stand tests and their readings, the lab results;
    # the medicines, the timing notes' medicine and magnesium doses, and adherence's four (products with their first
    # dose, supplement days, "no supplements" marks, medicine days); the foods whose figures are missing or estimated.
    with django_assert_num_queries(25):
        get_report(logged_in_client, start="2026-01-01", end="2026-11-15")
    # Again, nothing written since: the days and their figure notes are kept, so the ledger reads only the stamps,
    # the first mark and the doctor's goals.
    with django_assert_num_queries(18):
        get_report(logged_in_client, start="2026-01-01", end="2026-11-15")


def test_report_says_when_totals_are_lower_bounds(logged_in_client, woman_of_40, log_food, pumpkin_seeds):
    mystery = make_food("Tea, herbal, chamomile, brewed", portions=[("1 cup", 237)], magnesium_mg=None)
    log_food(mystery, 1, "1 cup", day=MONDAY)
    log_food(pumpkin_seeds, 1, "1 oz", day=MONDAY)
    response = get_report(logged_in_client)
    assert response.context["report"].period.lower_bound_days == 1
    assertContains(response, "1 day (some foods have no magnesium figure, so the total is only a lower bound)")


def test_the_report_tells_the_doctor_of_kidney_disease_noted_on_the_profile_with_its_source(logged_in_client,
                                                                                           two_weeks):
    assertNotContains(get_report(logged_in_client), 'id="report-kidney"')
    Profile.objects.filter(user=two_weeks).update(kidney_disease=True)
    assertContains(get_report(logged_in_client), (
        "The patient noted chronic kidney disease or reduced kidney function. People with impaired kidney function "
        "are at higher risk of magnesium toxicity, because the kidneys remove excess magnesium (NIH Office of "
        "Dietary Supplements, Magnesium fact sheet for health professionals)."))


def test_what_the_person_typed_reads_as_text_in_the_reports_tables_and_notes(logged_in_client, woman_of_40):
    product = make_product(woman_of_40, name='<b>Mg</b> & "co"', brand="")
    log_dose(woman_of_40, MONDAY, product=product)
    write_note(woman_of_40, MONDAY, text="<script>alert(1)</script>\nthen better")
    response = get_report(logged_in_client)
    assertNotContains(response, "<b>Mg</b>")
    assertNotContains(response, "<script>alert(1)")
    # Its adherence heads the two weeks of the period.
    assertContains(response, '<th scope="rowgroup" rowspan="2" class="fw-normal">'
                             '&lt;b&gt;Mg&lt;/b&gt; &amp; &quot;co&quot;'
                             '<div class="small text-body-secondary">Supplement, from 2 Nov 2026</div></th>')
    assertContains(response, "anxiety 2. &lt;script&gt;alert(1)&lt;/script&gt;<br>then better</p>")


def test_the_report_says_when_it_was_made_in_the_persons_time_zone(logged_in_client, user, frozen_now):
    Profile.objects.create(user=user, time_zone="Pacific/Auckland")  # 13 hours ahead of UTC in November
    assertContains(get_report(logged_in_client), "29 Nov 2026, 01:00 (Pacific/Auckland)")
