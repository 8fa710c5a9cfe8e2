from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from envois import services


class Command(BaseCommand):
    help = (
        "Envoie les e-mails dus (annonces, rappels, replays…) à l'instant donné (par défaut : "
        "maintenant), avec la même logique que le beat (exactement une fois, fenêtre de "
        "rattrapage)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--maintenant",
            help="Instant ISO 8601 avec décalage, ex. 2020-11-18T12:00+01:00",
        )

    def handle(self, *args, maintenant=None, **options):
        instant = None
        if maintenant:
            try:
                instant = datetime.fromisoformat(maintenant)
            except ValueError as exc:
                raise CommandError(
                    f"Instant invalide « {maintenant} » : attendu par ex. 2020-11-18T12:00+01:00."
                ) from exc
            if timezone.is_naive(instant):
                raise CommandError("Précisez le décalage horaire, par ex. +01:00.")
        bilan = services.traiter(maintenant=instant)
        self.stdout.write(
            f"{bilan['reserves']} envoi(s) réservé(s), {bilan['envoyes']} envoyé(s), "
            f"{bilan['manques']} manqué(s)."
        )
