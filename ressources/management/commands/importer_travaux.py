"""``python manage.py importer_travaux FICHIER`` : importe des travaux académiques depuis un
fichier BibTeX ou RIS, comme l'import de l'administration."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ressources import travaux


class Command(BaseCommand):
    help = (
        "Importe les travaux académiques d'un fichier BibTeX ou RIS : crée les notices "
        "nouvelles, écarte les doublons et les conflits de DOI, et sort en erreur en nommant "
        "chaque entrée malformée."
    )

    def add_arguments(self, parser):
        parser.add_argument("fichier", help="Fichier .bib ou .ris (UTF-8).")

    def handle(self, *args, fichier, **options):
        chemin = Path(fichier)
        try:
            brut = chemin.read_bytes()
        except OSError as exc:
            raise CommandError(f"Impossible de lire « {fichier} » : {exc.strerror}.") from exc
        try:
            texte = brut.decode("utf-8-sig")
        except UnicodeDecodeError:
            texte = brut.decode("cp1252", errors="replace")
        if "\x00" in texte:
            raise CommandError(f"« {fichier} » n'est pas un fichier texte BibTeX ou RIS.")

        bilan = travaux.import_confirmer(texte=texte)
        self.stdout.write(f"Créés : {len(bilan.nouveaux)}")
        for ligne in bilan.nouveaux:
            self.stdout.write(f"  + {ligne.libelle} : {ligne.travail.titre}")
        self.stdout.write(f"Doublons : {len(bilan.doublons)}")
        for ligne in bilan.doublons:
            self.stdout.write(f"  = {ligne.libelle} : {ligne.message}")
        self.stdout.write(f"Conflits : {len(bilan.conflits)}")
        for ligne in bilan.conflits:
            self.stdout.write(f"  ! {ligne.libelle} : {ligne.message}")
        self.stdout.write(f"Erreurs : {len(bilan.erreurs)}")
        if bilan.erreurs or bilan.conflits:
            details = "\n".join(f"  - {e}" for e in bilan.erreurs)
            details += "".join(f"\n  - {c.libelle} : {c.message}" for c in bilan.conflits)
            raise CommandError(
                f"{len(bilan.erreurs)} entrée(s) malformée(s) et {len(bilan.conflits)} "
                f"conflit(s) non importés :\n{details.strip(chr(10))}"
            )
