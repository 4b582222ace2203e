"""The Foods page: a search box with type-ahead, and the ways to magnesium-rich foods and the user's own."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from foods.models import Food
from tests.builders import make_food

pytestmark = pytest.mark.django_db


def test_it_offers_search_with_type_ahead_and_links(logged_in_client, user):
    make_food("Alice's granola", source=Food.Source.CUSTOM, owner=user)
    response = logged_in_client.get(reverse("foods:list"))
    assertContains(response, f'action="{reverse("foods:search")}"')
    assertContains(response, f'data-food-search="{reverse("foods:search")}"')
    assertContains(response, "js/food-search.js")
    assertContains(response, f'href="{reverse("foods:rich")}"')
    assertContains(response, "My foods (1)")
    assertContains(response, f'href="{reverse("foods:custom_add")}"')
