"""Démonstration : quelques travaux académiques réels, importés par le même chemin que
l'import de l'équipe (``ressources/donnees/travaux_demo.bib``) ; relancer ne crée aucun
doublon."""

from pathlib import Path

from django.dispatch import receiver
from django.urls import reverse

from programme.demo import demo_chargee

FICHIER = Path(__file__).resolve().parent / "donnees" / "travaux_demo.bib"


@receiver(demo_chargee, dispatch_uid="ressources_demo_travaux")
def importer_travaux_demo(sender, **kwargs) -> list[str]:
    from . import travaux

    bilan = travaux.import_confirmer(texte=FICHIER.read_text(encoding="utf-8"))
    return [
        f"travaux académiques : {len(bilan.nouveaux)} importés, {len(bilan.doublons)} déjà "
        f"présents, sur {reverse('ressources:travaux')}"
    ]
