"""Which index-updating tasks the suite switches off, and the real ones to switch back on."""

import modelsearch.signal_handlers
import wagtail.signal_handlers


class NotQueued:
    """Stands in for an index-updating task in tests that never read that index."""

    @staticmethod
    def enqueue(*args, **kwargs):
        return None


# Every page, snippet and image saved updates the search index and Wagtail's reference index (the
# admin's "usage" counts): about a third of the time of a test that builds pathways, more on
# PostgreSQL, where each of those queries is a round trip. Few tests read either index, so both are
# updated only in tests marked `search_index` or `reference_index`; the browser tests and the demo's
# own test update them as `make run` does.
INDEX_TASKS = {
    "search_index": (modelsearch.signal_handlers, "insert_or_update_object_task"),
    "reference_index": (wagtail.signal_handlers, "update_reference_index_task"),
}
REAL_INDEX_TASKS = {marker: getattr(module, name) for marker, (module, name) in INDEX_TASKS.items()}
