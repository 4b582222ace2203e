"""`manage.py soak` stays bounded: it refuses more clients or seconds than it allows."""

import pytest
from django.core.management import CommandError, call_command


@pytest.mark.parametrize(("clients", "seconds"), [(0, 5), (101, 5), (5, 0), (5, 601)])
def test_it_refuses_counts_and_times_out_of_bounds(db, clients, seconds):
    with pytest.raises(CommandError, match="Use 1-100 clients and 1-600 seconds"):
        call_command("soak", clients=clients, seconds=seconds)
