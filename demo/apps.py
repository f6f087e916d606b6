from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content and its loader (`manage.py seed_demo`).

    It sits at the top of the dependency order: it may import every app, and
    no app imports it, so each app's own code is the product only.
    """

    name = "demo"
    verbose_name = "Demo content"
