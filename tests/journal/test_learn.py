from django.urls import reverse
from pytest_django.asserts import assertContains

URL = reverse("journal:learn")


def test_it_explains_the_mechanisms(logged_in_client):
    response = logged_in_client.get(URL)
    for topic in ("NMDA receptors", "GABA", "stress (HPA) axis", "POTS"):
        assertContains(response, topic)


def test_it_compares_the_forms_in_a_table(logged_in_client):
    response = logged_in_client.get(URL)
    assertContains(response, '<th scope="col">L-threonate</th>')
    assertContains(response, "Often upsets the stomach")
    assertContains(response, "14.10%")  # glycinate's elemental fraction, from the forms table


def table_row(life_stage, intake, ul):
    return (f'<th scope="row">{life_stage}</th>\n      <td class="text-end tabular">{intake}</td>\n'
            f'      <td class="text-end tabular">{ul}</td>')


def test_the_reference_table_comes_from_the_nih_data(logged_in_client):
    response = logged_in_client.get(URL)
    assertContains(response, table_row("Pregnancy 14-18 years", "400 (RDA)", "350"))
    assertContains(response, table_row("Infants 0-6 months", "30 (AI)", "not established"))
    assertContains(response, table_row("Children 1-3 years", "80 (RDA)", "65"))
    assertContains(response, table_row("Males 14-18 years", "410 (RDA)", "350"))


def test_it_links_to_food_and_gives_the_cautions(logged_in_client):
    response = logged_in_client.get(URL)
    assertContains(response, 'href="/foods/magnesium-rich/"')
    for caution in ("do not replace a doctor's advice", "Kidney disease", "bisphosphonates", "diuretics",
                    "proton-pump inhibitors", "antibiotics"):
        assertContains(response, caution)


def test_it_says_the_threonate_brain_claim_rests_mostly_on_animal_studies(logged_in_client):
    response = logged_in_client.get(URL)
    assertContains(response, "mostly on studies in rats")


def test_it_tells_salt_from_sodium_with_the_working(logged_in_client):
    response = logged_in_client.get(URL)
    assertContains(response, "1 g of salt holds about 393 mg of")
    # 12 g of salt x 0.393 = 4.716 g of sodium.
    assertContains(response, '<td class="text-end tabular">12 g</td><td class="text-end tabular">4,716 mg</td>')


def test_it_gives_the_published_pots_guidance_with_its_source(logged_in_client):
    response = logged_in_client.get(URL)
    assertContains(response, "2 to 3 litres of fluid a")
    assertContains(response, "10 to 12 g of salt (sodium chloride) a day")
    assertContains(response, "Heart Rhythm 2015;12(6):e41-e63")
    assertContains(response, "Can J Cardiol")
