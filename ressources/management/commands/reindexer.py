"""``python manage.py reindexer [GENRE …]`` : reconstruit l'index de recherche."""

from django.core.management.base import BaseCommand, CommandError

from ressources import recherche


class Command(BaseCommand):
    help = (
        "Reconstruit l'index de la recherche plein texte (tous les genres, ou ceux donnés) ; "
        "utile après une modification en masse, qui n'émet pas de signal."
    )

    def add_arguments(self, parser):
        parser.add_argument("genres", nargs="*", help="Genres à réindexer (tous par défaut).")

    def handle(self, *args, genres, **options):
        inconnus = sorted(set(genres) - set(recherche.INDEXEURS))
        if inconnus:
            raise CommandError(
                f"Genre(s) inconnu(s) : {', '.join(inconnus)}. Genres enregistrés : "
                f"{', '.join(sorted(recherche.INDEXEURS))}."
            )
        bilan = recherche.reindexer(genres_=genres or None)
        for genre, nombre in bilan.items():
            self.stdout.write(f"{recherche.libelle_genre(genre)} ({genre}) : {nombre} document(s)")
        self.stdout.write(f"Index reconstruit : {sum(bilan.values())} document(s).")
