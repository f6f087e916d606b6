from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from courses.api import CourseError
from scorm.packages import PackageError, package_inspect
from scorm.services import package_course_create, package_create, package_discard, package_process


class Command(BaseCommand):
    help = (
        "Upload a SCORM zip: check it, extract it and print its state; with --course, also make a draft course "
        "holding one module with the package. Exits non-zero when it is refused."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path, help="The SCORM 1.2 or 2004 zip.")
        parser.add_argument(
            "--course",
            metavar="TITLE",
            help="Also create a draft course of this title with one module holding the package.",
        )

    def handle(self, *args: Any, file: Path, course: str | None = None, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        with file.open("rb") as stream:
            # Checked before anything is stored, so a refused package leaves no row and no file behind.
            try:
                package_inspect(stream)
            except PackageError as error:
                raise CommandError(f"{file.name}: refused: {error}") from None
            stream.seek(0)
            package = package_create(upload=File(stream, name=file.name))
        package = package_process(package.pk)
        if package.status != package.Status.READY:
            summary = package.state_summary
            package_discard(package_id=package.pk)  # what only extraction found (a lying size) is not kept either
            raise CommandError(f"{file.name}: {summary}")
        self.stdout.write(f"{file.name}: {package.state_summary}")
        for sco in package.scos:
            self.stdout.write(f"{'  ' * (sco['depth'] + 1)}- {sco['title']} ({sco['launch']})")
        if course is not None:
            try:
                created = package_course_create(package=package, title=course)
            except CourseError as error:
                raise CommandError(str(error)) from None
            self.stdout.write(f"Course (draft, to review and publish in the CMS): {created.title} ({created.url_path})")
