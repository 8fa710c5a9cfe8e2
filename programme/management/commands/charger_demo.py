"""Charge un petit jeu de démonstration, clairement étiqueté « [Démo] ».

Idempotent : relancer la commande ne crée aucun doublon. Les autres applications ajoutent
leurs propres données de démonstration via le signal ``demo_chargee``.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from programme import demo


class Command(BaseCommand):
    help = "Charge les données de démonstration et le compte équipe de démonstration."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Autorise le chargement même lorsque DEBUG est désactivé.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Refusé : DEBUG est désactivé (production ?). Ajoutez --force si c'est voulu."
            )
        with transaction.atomic():
            bilan = demo.charger()
        for ligne in bilan:
            self.stdout.write(f"  {ligne}")
        self.stdout.write(self.style.SUCCESS("Données de démonstration chargées."))
        from programme.models import Utilisateur

        secours = demo.double_authentification(Utilisateur.objects.get(email=demo.STAFF_EMAIL))
        self.stdout.write(
            "Compte équipe de démonstration (administration : /admin/) :\n"
            f"  e-mail : {demo.STAFF_EMAIL}\n  mot de passe : {demo.STAFF_MOT_DE_PASSE}\n"
            "  double authentification : secret TOTP à ajouter dans une application "
            f"d'authentification {demo.STAFF_SECRET_TOTP}\n"
            f"  ou, une seule fois, le code de secours : {secours}"
        )
