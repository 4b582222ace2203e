from django.apps import AppConfig


class FoodsConfig(AppConfig):
    name = "foods"

    def ready(self):
        from foods import checks  # noqa: F401 (registers the system check)
