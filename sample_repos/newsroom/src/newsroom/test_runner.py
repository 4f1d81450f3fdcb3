from pathlib import Path

from django.test.runner import DiscoverRunner

SRC_DIR = Path(__file__).resolve().parent.parent


class SrcDiscoverRunner(DiscoverRunner):
    """`manage.py test` with no labels runs every test under src/."""

    def build_suite(self, test_labels=None, *args, **kwargs):
        return super().build_suite(test_labels or [str(SRC_DIR)], *args, **kwargs)
