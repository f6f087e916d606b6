"""Import a GIFT or Moodle XML file into the question bank."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from quizzes.bank import FORMATS, GIFT, MOODLE_XML, category_get_or_create_path, questions_import, questions_parse
from quizzes.formats import FormatError

FORMAT_BY_EXTENSION = {".gift": GIFT, ".txt": GIFT, ".xml": MOODLE_XML}
LABEL_LENGTH = 60


class Command(BaseCommand):
    help = (
        "Import questions from a GIFT (.gift, .txt) or Moodle XML (.xml) file into a category of the question bank. "
        "Nothing is stored unless the whole file reads cleanly."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--category",
            required=True,
            help='Category to import into; "A/B" is B inside A. Created if missing.',
        )
        parser.add_argument("--format", choices=FORMATS, help="The file's format, when its extension does not say.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        file_format = options["format"] or FORMAT_BY_EXTENSION.get(path.suffix.lower())
        if file_format is None:
            raise CommandError(
                f"cannot tell the format of {path.name} from its extension: "
                f"use --format {' or --format '.join(FORMATS)} (known extensions: {', '.join(FORMAT_BY_EXTENSION)})"
            )
        category_path = tuple(name.strip() for name in options["category"].split("/"))
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from error

        try:
            parsed = questions_parse(data=data, format=file_format)
            # One transaction: a refused question leaves no new category behind either.
            with transaction.atomic():
                category = category_get_or_create_path(path=category_path)
                questions = questions_import(parsed=parsed, category=category)
        except FormatError as error:
            raise CommandError(f"{path.name}: {error}; nothing was imported") from error
        except ValidationError as error:
            raise CommandError(f"{path.name}: {'; '.join(error.messages)}; nothing was imported") from error
        except ValueError as error:
            raise CommandError(f"{path.name}: {error}; nothing was imported") from error

        for question in questions:
            label = question.name or question.stem[:LABEL_LENGTH]
            self.stdout.write(f"created {question.kind}: {label}")
        self.stdout.write(self.style.SUCCESS(f"{len(questions)} question(s) imported into “{category}”"))
