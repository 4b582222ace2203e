"""Custom foods from a package label: only their owner sees them; figures stored per 100 g, exactly."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertFormError, assertNotContains, assertRedirects

from foods.models import Food
from foods.search import search
from journal.models import MealEntry
from tests.builders import log_food, make_food

pytestmark = pytest.mark.django_db
ADD = reverse("foods:custom_add")
CHECK_LABEL = "Check the label's unit and whether it is per serving."
SUPPLEMENT = "A magnesium supplement is logged under Supplements, not as a food."
BOTH_OR_NEITHER = "Give both the household measure and its weight, or neither."


def label(**changes):
    data = {"name": "Trail mix, pumpkin and cashew", "basis": "100g", "serving_grams": "", "magnesium_mg": "245",
            "potassium_mg": "", "sodium_mg": "", "calcium_mg": "", "energy_kcal": "", "portion_description": "",
            "portion_grams": ""}
    data.update(changes)
    return data


@pytest.fixture
def granola(user):
    return make_food("Alice's granola", source=Food.Source.CUSTOM, owner=user, magnesium_mg="150",
                     portions=[("1 serving (label)", "45"), ("1 cup", "110")])


@pytest.fixture
def bobs_food(other_user):
    return make_food("Bob's protein bar", source=Food.Source.CUSTOM, owner=other_user, magnesium_mg="100")


def test_it_adds_a_food_with_figures_per_100_g(logged_in_client, user):
    response = logged_in_client.post(ADD, label(potassium_mg="600", portion_description="1 handful",
                                                portion_grams="30"), follow=True)
    food = Food.objects.get(owner=user)
    assertRedirects(response, food.get_absolute_url())
    assert (food.source, food.magnesium_mg, food.potassium_mg, food.sodium_mg) == ("custom", 245, 600, None)
    assert [(p.description, p.grams) for p in food.portions.all()] == [("1 handful", 30)]
    assertContains(response, "Saved Trail mix, pumpkin and cashew.")
    assertContains(response, "74 mg")  # 245 mg/100 g x 30 g = 73.5 mg, the half rounded up


def test_it_converts_per_serving_figures_to_per_100_g_and_shows_the_working(logged_in_client, user):
    response = logged_in_client.post(
        ADD, label(basis="serving", serving_grams="30", magnesium_mg="50", energy_kcal="140"), follow=True
    )
    food = Food.objects.get(owner=user)
    assert food.magnesium_mg == Decimal("166.667")  # 50 x 100 / 30, to the stored thousandth
    assert food.energy_kcal == Decimal("466.667")
    assertContains(response, "Magnesium: 50 mg per 30 g serving × 100 ÷ 30 g = 166.667 mg per 100 g")
    assertContains(response, "Energy: 140 kcal per 30 g serving × 100 ÷ 30 g = 466.667 kcal per 100 g")
    assert [(p.description, p.grams) for p in food.portions.all()] == [("1 serving (label)", 30)]
    assertContains(response, "50 mg")  # the serving gives back the label's figure


def test_an_exact_conversion_stays_exact(logged_in_client, user):
    logged_in_client.post(ADD, label(basis="serving", serving_grams="40", magnesium_mg="64"))
    assert Food.objects.get(owner=user).magnesium_mg == Decimal("160")


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"name": ""}, "name", "This field is required."),
        ({"magnesium_mg": "-5"}, "magnesium_mg", "Cannot be negative."),
        ({"sodium_mg": "-1"}, "sodium_mg", "Cannot be negative."),
        ({"magnesium_mg": "1500"}, "magnesium_mg",  # the importer refuses it too
         f"That is 1,500 mg per 100 g; no food has more than 1,000 mg. {CHECK_LABEL} {SUPPLEMENT}"),
        # 50 mg in a 1 g serving is 50 x 100 / 1 = 5,000 mg per 100 g.
        ({"basis": "serving", "serving_grams": "1", "magnesium_mg": "50"}, "magnesium_mg",
         f"That is 5,000 mg per 100 g; no food has more than 1,000 mg. {CHECK_LABEL} {SUPPLEMENT}"),
        ({"energy_kcal": "1200"}, "energy_kcal",
         f"That is 1,200 kcal per 100 g; no food has more than 1,000 kcal. {CHECK_LABEL}"),
        ({"basis": "serving"}, "serving_grams", "Give the serving size in grams: the figures are per serving."),
        ({"serving_grams": "0"}, "serving_grams", "Give a weight above 0 g and at most 5,000 g."),
        ({"serving_grams": "-30"}, "serving_grams", "Give a weight above 0 g and at most 5,000 g."),
        ({"portion_description": "1 bar"}, "portion_grams", BOTH_OR_NEITHER),
        ({"portion_grams": "40"}, "portion_description", BOTH_OR_NEITHER),
        ({"portion_description": "1 bag", "portion_grams": "9000"}, "portion_grams",
         "Give a weight above 0 g and at most 5,000 g."),
        ({"magnesium_mg": "lots"}, "magnesium_mg", "Enter a number."),
    ],
)
def test_bad_label_figures_get_a_message_at_the_field_and_save_nothing(logged_in_client, changes, field, message):
    response = logged_in_client.post(ADD, label(**changes))
    assert response.status_code == 200
    assertFormError(response.context["form"], field, message)
    assert not Food.objects.exists()


# The same bounds as the importer (tests/foods/test_import_checks.py): foods.nutrients.MOST_PER_100_G.
BOUNDS = [("magnesium_mg", "1000"), ("potassium_mg", "53000"), ("sodium_mg", "40000"), ("calcium_mg", "10000"),
          ("energy_kcal", "1000")]


@pytest.mark.parametrize(("field", "most"), BOUNDS)
def test_a_figure_exactly_at_the_bound_is_saved(logged_in_client, user, field, most):
    logged_in_client.post(ADD, label(**{field: most}))
    assert getattr(Food.objects.get(owner=user), field) == Decimal(most)


@pytest.mark.parametrize(("field", "most"), BOUNDS)
def test_a_figure_just_above_the_bound_is_refused(logged_in_client, field, most):
    # A thousandth above is the smallest step the form takes.
    response = logged_in_client.post(ADD, label(**{field: f"{most}.001"}))
    assert response.status_code == 200
    assert response.context["form"].errors[field][0].startswith(f"That is {int(most):,}.001 ")
    assert not Food.objects.exists()


def test_a_per_serving_label_of_pure_fat_is_believed(logged_in_client, user):
    # A 6.1 g serving of oil has 55.02 kcal, printed as 60 (21 CFR 101.9(c)(1)): 60 x 100 / 6.1 = 983.607 kcal.
    logged_in_client.post(ADD, label(name="Olive oil", basis="serving", serving_grams="6.1", magnesium_mg="0",
                                     energy_kcal="60"))
    assert Food.objects.get(owner=user).energy_kcal == Decimal("983.607")


def test_the_edit_form_shows_the_stored_figures(logged_in_client, granola):
    response = logged_in_client.get(reverse("foods:custom_edit", args=[granola.pk]))
    assertContains(response, 'value="Alice&#x27;s granola"')
    assertContains(response, 'value="150.000"')
    assertContains(response, 'value="45.00"')
    assertContains(response, 'value="1 cup"')


def test_editing_replaces_the_figures_and_the_name_is_searchable(logged_in_client, user, granola):
    response = logged_in_client.post(
        reverse("foods:custom_edit", args=[granola.pk]), label(name="Alice's seed granola", magnesium_mg="180")
    )
    assertRedirects(response, granola.get_absolute_url())
    granola.refresh_from_db()
    assert (granola.name, granola.magnesium_mg, granola.portions.count()) == ("Alice's seed granola", 180, 0)
    assert search("seed granola", user) == [granola]


def test_editing_keeps_the_portions_that_meals_point_at(logged_in_client, user, granola):
    cup = granola.portions.get(description="1 cup")
    entry = log_food(user, granola, 1, date(2026, 11, 24), portion="1 cup")  # 110 g, 165 mg
    changes = label(name="Alice's granola", basis="serving", serving_grams="45", magnesium_mg="67.5",
                    portion_description="1 cup", portion_grams="120")
    assertRedirects(logged_in_client.post(reverse("foods:custom_edit", args=[granola.pk]), changes),
                    granola.get_absolute_url())
    entry.refresh_from_db()
    assert entry.portion == cup
    cup.refresh_from_db()
    assert cup.grams == 120
    assert granola.portions.count() == 2


def test_the_label_serving_name_is_not_a_household_measure(logged_in_client, user):
    response = logged_in_client.post(ADD, label(portion_description="1 Serving (label)", portion_grams="40"))
    assertContains(response, "Name the household measure as the label or your kitchen does")
    assert not Food.objects.filter(owner=user).exists()


def test_deleting_keeps_the_meals_logged_with_it(logged_in_client, user, granola):
    log_food(user, granola, 45, date(2026, 11, 24))  # 67.5 mg
    response = logged_in_client.post(reverse("foods:custom_delete", args=[granola.pk]), follow=True)
    assertRedirects(response, reverse("foods:custom_list"))
    assertContains(response, "Deleted Alice&#39;s granola.")
    assert not Food.objects.filter(pk=granola.pk).exists()
    assert MealEntry.objects.get().food_name == "Alice's granola"


def test_delete_needs_a_post(logged_in_client, granola):
    assert logged_in_client.get(reverse("foods:custom_delete", args=[granola.pk])).status_code == 405
    assert Food.objects.filter(pk=granola.pk).exists()


def test_my_foods_lists_only_the_users_own(logged_in_client, granola, bobs_food):
    response = logged_in_client.get(reverse("foods:custom_list"))
    assertContains(response, "Alice&#39;s granola")
    assertContains(response, "1 cup (110 g)")
    assertNotContains(response, "Bob")


@pytest.mark.parametrize(
    "method, url_name",
    [("get", "foods:detail"), ("get", "foods:custom_edit"), ("post", "foods:custom_edit"),
     ("post", "foods:custom_delete")],
)
def test_another_users_custom_food_is_a_404_everywhere(logged_in_client, bobs_food, method, url_name):
    response = getattr(logged_in_client, method)(reverse(url_name, args=[bobs_food.pk]), label())
    assert response.status_code == 404
    bobs_food.refresh_from_db()
    assert bobs_food.name == "Bob's protein bar"


@pytest.mark.parametrize("url_name", ["foods:custom_edit", "foods:custom_delete"])
def test_shared_usda_foods_cannot_be_edited_or_deleted(logged_in_client, url_name):
    spinach = make_food("Spinach, raw", source_id="11457", magnesium_mg="79")
    assert logged_in_client.post(reverse(url_name, args=[spinach.pk]), label()).status_code == 404
    spinach.refresh_from_db()
    assert spinach.name == "Spinach, raw"


def test_my_foods_page_runs_a_fixed_number_of_queries(logged_in_client, user, django_assert_max_num_queries):
    for number in range(20):
        make_food(f"Label food {number}", source=Food.Source.CUSTOM, owner=user, portions=[("1 bar", "40")])
    with django_assert_max_num_queries(4):
        assertContains(logged_in_client.get(reverse("foods:custom_list")), "Label food 19")


def test_a_custom_food_claims_a_source_for_its_label_serving(logged_in_client, user):
    # A label's serving is set from the FDA reference amount (21 CFR 101.9(b)): 100 mg in a 40 g serving is 24%
    # of 420 mg, an excellent source; the 120 g cup (300 mg) is no claim's basis.
    response = logged_in_client.post(ADD, label(basis="serving", serving_grams="40", magnesium_mg="100",
                                                portion_description="1 cup", portion_grams="120"), follow=True)
    food = Food.objects.get(owner=user)
    assert food.typical_portion.description == "1 serving (label)"
    assertContains(response, "300 mg")  # 100 mg/40 g x 120 g
    assertContains(response, "Excellent source", count=1)
    assertContains(response, "the serving on the label")


# Most labels give no magnesium (21 CFR 101.9(c)(8)(ii): it is listed only when the maker chooses to).
MUESLI_BAR = {"name": "Muesli bar, apricot", "basis": "serving", "serving_grams": "40", "magnesium_mg": "",
              "energy_kcal": "180", "sodium_mg": "60", "portion_description": "1 bar", "portion_grams": "40"}

GRANOLA_BAR = {**MUESLI_BAR, "name": "Granola bar, apricot"}


@pytest.fixture
def granola_bars(db):
    """Two USDA foods a search for "granola bar" finds, with figures as this test gives them: a basic one and a
    branded one (its capitalised brand makes it so)."""
    basic = make_food("Snacks, granola bars, hard, plain", source_id="19020", category="Snacks", magnesium_mg=98,
                      potassium_mg=336, sodium_mg=294)
    branded = make_food("Snacks, granola bar, QUAKER, chewy", source_id="19801", category="Snacks",
                        magnesium_mg=45, potassium_mg=300)
    return basic, branded


def test_a_label_without_magnesium_is_saved_with_no_data(logged_in_client, user):
    form_page = logged_in_client.get(ADD)
    assertContains(form_page, "Leave a figure blank when the label does not give it")
    response = logged_in_client.post(ADD, label(**MUESLI_BAR), follow=True)
    food = Food.objects.get(owner=user)
    assert (food.magnesium_mg, food.water_g, food.sodium_mg, food.estimated_figures) == (None, None, 150, "")
    assert food.estimated_from is None
    # The food page: magnesium per 100 g and per bar (and so its share of the goal) is "no data", never 0 mg.
    assertContains(response, '<tr><th scope="row">Magnesium</th><td class="text-end tabular">no data</td>')
    no_data = '<td class="text-end tabular">no data</td>'
    assertContains(response, f'1 bar <span class="text-body-secondary">(40 g)</span>\n        </th>\n'
                             f'      {no_data}\n      {no_data}')
    assertNotContains(response, "estimated from")
    assertContains(logged_in_client.get(reverse("foods:custom_list")), "Magnesium no data per 100 g")


def test_similar_usda_foods_are_offered_basic_first_and_nothing_is_saved(logged_in_client, user, granola_bars):
    basic, branded = granola_bars
    response = logged_in_client.post(ADD, label(**GRANOLA_BAR, suggest="1"))
    assert response.status_code == 200
    assert not Food.objects.filter(owner=user).exists()
    offered = response.context["form"].fields["estimate_from"].choices
    assert offered == [
        ("", "No estimate: figures left blank stay unknown"),
        (basic.pk, "USDA SR28 NDB 19020 Snacks, granola bars, hard, plain: 98 mg magnesium per 100 g"),
        (branded.pk, "USDA SR28 NDB 19801 Snacks, granola bar, QUAKER, chewy: 45 mg magnesium per 100 g"),
    ]
    assertContains(response, 'value="180"')  # what was typed so far stays in the form


@pytest.mark.parametrize("estimate_from", ["²", "٣", "99999999999999999999", "-4", "x"])
def test_a_similar_food_that_cannot_be_one_is_ignored_not_a_server_error(logged_in_client, user, granola_bars,
                                                                         estimate_from):
    response = logged_in_client.post(ADD, label(**GRANOLA_BAR, suggest="1", estimate_from=estimate_from))
    assert response.status_code == 200
    assert len(response.context["form"].fields["estimate_from"].choices) == 3  # "no estimate" and the two bars
    assert not Food.objects.filter(owner=user).exists()


def test_an_estimate_records_the_usda_food_it_came_from(logged_in_client, user, granola_bars):
    basic, _ = granola_bars
    response = logged_in_client.post(ADD, label(**GRANOLA_BAR, estimate_from=basic.pk,
                                                estimated_figures=["magnesium_mg", "potassium_mg", "sodium_mg"]),
                                     follow=True)
    food = Food.objects.get(owner=user)
    # Magnesium and potassium are the USDA food's per 100 g; sodium is the label's (60 mg x 100 / 40 g = 150 mg).
    assert (food.magnesium_mg, food.potassium_mg, food.sodium_mg) == (98, 336, 150)
    assert (food.estimated_figures, food.estimated_from) == ("magnesium_mg potassium_mg", basic)
    assert food.estimated_from_citation == "USDA SR28 NDB 19020 Snacks, granola bars, hard, plain"
    assertContains(response, "estimated from USDA SR28 NDB 19020 Snacks, granola bars, hard, plain", count=2)
    assertContains(response, "39 mg")  # one 40 g bar: 98 mg/100 g x 40 g = 39.2 mg
    assertContains(logged_in_client.get(reverse("foods:custom_list")), "Magnesium 98 mg per 100 g (estimated)")


def test_a_figure_typed_from_the_label_wins_over_an_estimate(logged_in_client, user, granola_bars):
    basic, _ = granola_bars
    response = logged_in_client.post(ADD, label(**{**GRANOLA_BAR, "magnesium_mg": "20"}, estimate_from=basic.pk,
                                                estimated_figures=["magnesium_mg", "water_g"]), follow=True)
    food = Food.objects.get(owner=user)
    assert (food.magnesium_mg, food.estimated_figures, food.estimated_from) == (50, "", None)  # 20 x 100 / 40
    assertContains(response, "Magnesium: the label&#39;s figure is kept; what you type wins over an estimate.")
    assertContains(response, "Water: Snacks, granola bars, hard, plain has no figure either, so it stays unknown.")


def test_an_estimate_needs_a_food_offered_and_a_figure_ticked(logged_in_client, user, granola_bars, bobs_food):
    basic, _ = granola_bars
    response = logged_in_client.post(ADD, label(**GRANOLA_BAR, estimate_from=basic.pk))
    assertFormError(response.context["form"], "estimated_figures",
                    "Tick the figures to estimate from the food you chose.")
    # Another user's food, or a USDA food the name did not find, is not among the choices.
    for other in (bobs_food, make_food("Spinach, raw", source_id="11457", magnesium_mg=79)):
        response = logged_in_client.post(ADD, label(**GRANOLA_BAR, estimate_from=other.pk,
                                                    estimated_figures=["magnesium_mg"]))
        assert "estimate_from" in response.context["form"].errors
    assert not Food.objects.filter(owner=user).exists()


def test_editing_an_estimated_food_offers_the_estimate_again_and_can_drop_it(logged_in_client, user, granola_bars):
    basic, _ = granola_bars
    logged_in_client.post(ADD, label(**GRANOLA_BAR, estimate_from=basic.pk,
                                     estimated_figures=["magnesium_mg"]))
    food = Food.objects.get(owner=user)
    edit = reverse("foods:custom_edit", args=[food.pk])
    form = logged_in_client.get(edit).context["form"]
    # The estimate is not the label's figure: its field is blank, the estimate chosen below.
    assert (form.initial["magnesium_mg"], form.initial["estimate_from"]) == (None, basic.pk)
    logged_in_client.post(edit, label(**GRANOLA_BAR, estimate_from=""))
    food.refresh_from_db()
    assert (food.magnesium_mg, food.estimated_figures, food.estimated_from_citation) == (None, "", "")


def test_an_estimate_stays_traceable_when_its_usda_food_is_withdrawn(logged_in_client, user, granola_bars):
    basic, _ = granola_bars
    logged_in_client.post(ADD, label(**GRANOLA_BAR, estimate_from=basic.pk, estimated_figures=["magnesium_mg"]))
    basic.delete()
    food = Food.objects.get(owner=user)
    assert (food.estimated_from, food.magnesium_mg) == (None, 98)
    assertContains(logged_in_client.get(food.get_absolute_url()),
                   "estimated from USDA SR28 NDB 19020 Snacks, granola bars, hard, plain")
