"""Food search. The ranking lives here; views and the importer call into it."""


def reindex(foods):
    """Recompute whatever search data these foods need after they were written in bulk.

    The importer calls this after each import; the search design decides what it does.
    """
