"""Static files as WhiteNoise serves them in production, each file's URL worked out once a process."""

from functools import lru_cache

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Every page names a dozen static files ({{ static(...) }}), and working each hashed URL out of the manifest again
    cost a quarter of a millisecond a page (issue 11). The manifest is read once, when the storage is made, so a
    file's URL cannot change while the process runs: each is kept from its first use. A name the manifest lacks
    still raises every time (nothing is kept of a failure)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.url = lru_cache(maxsize=512)(super().url)
