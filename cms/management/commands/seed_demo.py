from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_PASSWORD


def demo_seeders() -> list[tuple[int, str, Any]]:
    """Each app may have a `demo.py` with `SEED_ORDER` and `seed()`.

    Found by name rather than imported here, so the command sits above every
    app without making `cms` import the apps that build on it.
    """
    seeders = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.demo"
        if config.name.startswith(("django.", "wagtail", "allauth", "modelcluster", "taggit")):
            continue
        if find_spec(module_name) is None:
            continue
        module = import_module(module_name)
        if hasattr(module, "seed"):
            seeders.append((module.SEED_ORDER, config.label, module.seed))
    return sorted(seeders, key=lambda seeder: seeder[0])


class Command(BaseCommand):
    help = "Load the demo content and members. Idempotent: running it again changes nothing."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--allow-production", action="store_true", help="Seed even when DEBUG is off (benchmarks, tests)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError("Refusing to create demo members with a published password while DEBUG is off.")
        members: list[Any] = []
        for _, label, seed in demo_seeders():
            result = seed()
            if label == "accounts":
                members = result
        self.stdout.write(
            self.style.SUCCESS(f"Demo content is ready. Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        )
        for member in members:
            self.stdout.write(f"  {member.role.label:<14} {member.email}")
