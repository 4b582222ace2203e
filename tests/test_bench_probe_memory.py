"""The search-at-scale probe counts the memory of the worker it runs in, not that of the bench that started it."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

CHILD = (
    "import django; django.setup(); "
    "from mgtracker.bench.scale import _rss_mb; print(_rss_mb())"
)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="VmHWM is Linux's")
def test_a_probe_started_from_a_big_process_reports_its_own_memory():
    parent_mb = 300
    ballast = bytearray(parent_mb * 2**20)
    ballast[::4096] = b"\x01" * len(ballast[::4096])  # every page resident
    child = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, check=True,
                           cwd=settings.BASE_DIR)
    child_mb = float(child.stdout.strip().splitlines()[-1])
    assert 10 < child_mb < parent_mb  # Django alone, some tens of MB; getrusage would say the parent's 300 and more
    del ballast
