from django.core.management.base import BaseCommand, CommandError

from webinaires import dates, services


class Command(BaseCommand):
    help = (
        "Crée un cycle de webinaires : un par mois, le troisième jeudi, 13 h – 14 h 30 "
        "(heure de Paris), en brouillon sauf avec --publier. Idempotent ; un mois déjà "
        "couvert par un autre cycle est signalé et laissé tel quel. Affiche le début de chaque "
        "webinaire du cycle en ISO 8601 ; le compte rendu en français va sur la sortie d'erreur."
    )

    def add_arguments(self, parser):
        parser.add_argument("--debut", required=True, help="Premier mois, AAAA-MM (ex. 2020-10)")
        parser.add_argument("--fin", required=True, help="Dernier mois, AAAA-MM (ex. 2021-10)")
        parser.add_argument("--titre", default="", help="Titre du cycle (facultatif)")
        parser.add_argument(
            "--publier",
            action="store_true",
            help="Publier les webinaires créés et les brouillons du cycle (sinon : brouillons, "
            "ni publics ni annoncés aux abonnés, à publier depuis l'administration).",
        )

    def handle(self, *args, debut, fin, titre, publier, **options):
        try:
            premier, dernier = dates.lire_mois(debut), dates.lire_mois(fin)
            bilan = services.cycle_creer(debut=premier, fin=dernier, titre=titre, publier=publier)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        for webinaire in bilan.webinaires:
            self.stdout.write(webinaire.debut.astimezone(dates.PARIS).isoformat())
        self.stderr.write(f"{bilan.cycle} :")
        for ligne in bilan.compte_rendu():
            self.stderr.write(f"  {ligne}", style_func=self.style.SUCCESS)
        for ligne in bilan.alertes():
            self.stderr.write(f"  {ligne}", style_func=self.style.WARNING)
