"""The plain-text copies of the five IOM notes, kept inside the project.

Seed data cites these notes, the seed tests compare records with their text and the source
pages serve them. They live in ``sources/notes/`` so that a fresh clone holds everything the
site and its tests read: nothing here looks outside the repository.
"""

from pathlib import Path

NOTES_DIR = Path(__file__).resolve().parent / "notes"


def note_path(seed_file: str) -> Path | None:
    """The file of a note by its ``Document.seed_file`` name, or None if there is none.

    Only a plain file name directly inside ``NOTES_DIR`` is accepted, so a value edited in
    the admin cannot point the site at another file.
    """
    if not seed_file or Path(seed_file).name != seed_file:
        return None
    path = NOTES_DIR / seed_file
    return path if path.is_file() else None


def read_note(seed_file: str) -> str:
    """The note's text; FileNotFoundError if the project holds no such note."""
    path = note_path(seed_file)
    if path is None:
        raise FileNotFoundError(f"no note {seed_file!r} in {NOTES_DIR}")
    return path.read_text(encoding="utf-8")
