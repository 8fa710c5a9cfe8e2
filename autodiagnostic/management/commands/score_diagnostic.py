"""Calcule un diagnostic depuis un fichier de réponses (questionnaires papier des ateliers)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from autodiagnostic import presentation, scoring, selectors
from autodiagnostic.enums import Profil
from autodiagnostic.models import Questionnaire


def _modele(spec: scoring.QuestionnaireSpec) -> dict:
    """Le fichier de réponses vierge : par code, le type, l'obligation et les valeurs admises."""
    modele = {}
    for q in spec.questions:
        if q.type in scoring.TYPES_CHOIX:
            valeurs: object = [c.code for c in q.choix]
        elif q.type == scoring.TYPE_UNITE:
            # Une seule unité pour toutes les ressources ; vide : euros.
            valeurs = list(scoring.UNITES)
        elif q.type == "echelle":
            valeurs = {"min": 1, "max": 4}
        elif q.type == "pourcentage":
            valeurs = {"min": 0, "max": 100}
        elif q.type == "montant":
            valeurs = {"min": 0, "max": int(scoring.MONTANT_MAXIMUM)}
        else:
            valeurs = None
        modele[q.code] = {
            "libelle": q.libelle,
            "type": q.type,
            "obligatoire": q.obligatoire,
            "valeurs": valeurs,
            "valeur": [] if q.type == "choix_multiple" else None,
        }
    return modele


class Command(BaseCommand):
    help = (
        "Calcule le résultat d'un autodiagnostic à partir d'un fichier JSON de réponses "
        "indexées par code de question, et l'affiche en JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("fichier", nargs="?", help="Fichier JSON des réponses.")
        parser.add_argument(
            "--profil",
            default=Profil.ASSOCIATION,
            help="Variante du questionnaire (par défaut : association).",
        )
        parser.add_argument(
            "--modele",
            action="store_true",
            help="Affiche le fichier de réponses vierge de la version publiée.",
        )
        parser.add_argument("--pdf", metavar="SORTIE.pdf", help="Écrit aussi la fiche PDF.")

    def handle(self, *args, fichier=None, profil, modele, pdf=None, **options):
        if profil not in Profil.values:
            raise CommandError(
                f"Profil inconnu : « {profil} ». Profils : {', '.join(Profil.values)}."
            )
        try:
            questionnaire = selectors.questionnaire_publie(profil)
        except Questionnaire.DoesNotExist as exc:
            raise CommandError(f"Aucune version publiée pour le profil « {profil} ».") from exc
        spec = selectors.spec_questionnaire(questionnaire)
        if modele:
            self._ecrire(_modele(spec))
            return
        if not fichier:
            raise CommandError("Indiquez le fichier JSON des réponses (ou --modele).")
        reponses = self._lire(fichier)
        try:
            resultat = scoring.score(spec, reponses)
        except scoring.ErreurValidation as exc:
            lignes = [f"  - {code} : {' '.join(msgs)}" for code, msgs in exc.erreurs.items()]
            raise CommandError("Réponses invalides :\n" + "\n".join(lignes)) from exc
        self._ecrire(presentation.resultat_json(resultat))
        if pdf:
            from autodiagnostic.fiche import ecrire_pdf

            contexte = presentation.contexte_resultat(
                resultat=resultat, organisation_nom="", date=timezone.localtime()
            )
            ecrire_pdf(contexte, pdf)
            self.stderr.write(f"Fiche PDF écrite : {pdf}")

    def _lire(self, fichier: str) -> dict:
        chemin = Path(fichier)
        try:
            texte = chemin.read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise CommandError(f"Fichier introuvable : {fichier}") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Lecture impossible de {fichier} : {exc}") from exc
        try:
            donnees = json.loads(texte)
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"Le fichier {fichier} n'est pas un JSON valide "
                f"(ligne {exc.lineno}, colonne {exc.colno})."
            ) from exc
        if not isinstance(donnees, dict):
            raise CommandError(
                "Le fichier doit contenir un objet JSON dont les clés sont les codes des questions."
            )
        # Le fichier vierge (--modele) peut être rempli sur place : on lit alors « valeur ».
        return {
            code: (valeur.get("valeur") if isinstance(valeur, dict) else valeur)
            for code, valeur in donnees.items()
        }

    def _ecrire(self, donnees: dict) -> None:
        self.stdout.write(json.dumps(donnees, ensure_ascii=False, indent=2))
