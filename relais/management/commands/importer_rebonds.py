from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from relais import services


class Command(BaseCommand):
    help = (
        "Importe une liste de rebonds (une adresse par ligne, « adresse;plainte » pour une "
        "plainte) dans la liste de suppression des envois."
    )

    def add_arguments(self, parser):
        parser.add_argument("fichier", help="Fichier texte ou CSV (séparateur ;), UTF-8.")

    def handle(self, *args, fichier, **options):
        chemin = Path(fichier)
        if not chemin.is_file():
            raise CommandError(f"Fichier introuvable : {fichier}")
        with chemin.open(encoding="utf-8", errors="replace", newline="") as flux:
            bilan = services.rebonds_importer(lignes=flux, detail=f"import {chemin.name}")
        self.stdout.write(
            f"{bilan.supprimees} adresse(s) supprimée(s) des envois, "
            f"{bilan.ignorees} ligne(s) ignorée(s)."
        )
