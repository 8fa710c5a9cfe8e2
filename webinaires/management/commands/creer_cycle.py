from django.core.management.base import BaseCommand, CommandError

from webinaires import dates, services


class Command(BaseCommand):
    help = (
        "Crée un cycle de webinaires : un par mois, le troisième jeudi, 13 h – 14 h 30 "
        "(heure de Paris). Idempotent ; affiche le début de chaque webinaire en ISO 8601."
    )

    def add_arguments(self, parser):
        parser.add_argument("--debut", required=True, help="Premier mois, AAAA-MM (ex. 2020-10)")
        parser.add_argument("--fin", required=True, help="Dernier mois, AAAA-MM (ex. 2021-10)")
        parser.add_argument("--titre", default="", help="Titre du cycle (facultatif)")

    def handle(self, *args, debut, fin, titre, **options):
        try:
            premier, dernier = dates.lire_mois(debut), dates.lire_mois(fin)
            _cycle, webinaires = services.creer_cycle(debut=premier, fin=dernier, titre=titre)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        for webinaire in webinaires:
            self.stdout.write(webinaire.debut.astimezone(dates.PARIS).isoformat())
