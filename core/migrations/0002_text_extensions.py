"""unaccent (accents forgiven) and pg_trgm (small typos forgiven) for folding text in sorts and the site search.

Both are trusted extensions (PostgreSQL 13+): a database owner may create them. On SQLite
these operations do nothing; the search registers a Python folding function instead.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0001_groups")]

    operations = [UnaccentExtension(), TrigramExtension()]
