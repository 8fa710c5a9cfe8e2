"""Banc d'essai des fiches repères PDF.

Objectifs (issue 4), mesurés dans un même processus chaud, sur une base de test créée pour
l'occasion (migrations et contenu de référence) :

1. rendre la fiche personnalisée prend au plus 2 × le temps d'un document WeasyPrint minimal
   d'une page (même feuille d'impression, même police : le plancher de WeasyPrint) ; deux
   repères situent cet objectif : le graphique SVG seul, et le plancher du contenu (les mêmes
   mots en paragraphes nus, plus le graphique), qu'aucune mise en page ne peut battre ;
2. le deuxième téléchargement d'une fiche, servi depuis le stockage, est au moins 50 × plus
   rapide que le premier, qui la rend (requête complète, Celery en mode eager).

Lancement : ``.venv/bin/python tests/bench/bench_fiches.py`` (``DATABASE_URL`` et
``REDIS_URL`` facultatifs). Sort en erreur si un objectif n'est pas atteint.
"""

import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(RACINE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rameau.settings")

OBJECTIF_RENDU = 2.0
OBJECTIF_STOCKAGE = 50.0
REPETITIONS = 9

MINIMAL = (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Minimal</title>'
    '<link rel="stylesheet" href="fiche.css"></head><body><p>Bonjour.</p></body></html>'
)
RESSOURCES = {
    "ressources.cotisations": 5000,
    "ressources.ventes": 60000,
    "ressources.subventions": 20000,
    "ressources.dons": 15000,
}


def _mediane(fonction, repetitions=REPETITIONS) -> float:
    durees = []
    for _ in range(repetitions):
        debut = time.perf_counter()
        fonction()
        durees.append(time.perf_counter() - debut)
    return statistics.median(durees)


def _diagnostic(nom: str):
    from autodiagnostic import services

    diagnostic = services.diagnostic_creer(profil="association", organisation_nom=nom)
    questions = list(diagnostic.questionnaire.questions.prefetch_related("choix"))
    donnees = {q.code: 2 for q in questions if q.type == "echelle"}
    donnees.update(RESSOURCES, **{"besoin.prioritaire": "experimenter"})
    assert (
        services.reponses_enregistrer(diagnostic=diagnostic, questions=questions, donnees=donnees)
        == {}
    )
    services.diagnostic_terminer(diagnostic=diagnostic)
    return diagnostic


def _paragraphes_nus(html: str) -> str:
    """Le texte visible du corps de la fiche, une ligne source par paragraphe ``<p>``."""
    from html import escape, unescape

    from django.utils.html import strip_tags

    corps = html.split("<body>", 1)[1].split("</body>", 1)[0]
    corps = re.sub(r"<svg.*?</svg>", "", corps, flags=re.S)
    lignes = (" ".join(ligne.split()) for ligne in unescape(strip_tags(corps)).splitlines())
    return "".join(f"<p>{escape(ligne)}</p>" for ligne in lignes if ligne)


def mesurer() -> list[str]:
    from django.test import Client
    from django.utils import timezone

    from autodiagnostic import fiche, presentation
    from ressources import pdf

    echecs = []

    # 1. Rendu de la fiche personnalisée contre le document minimal.
    diagnostic = _diagnostic("Banc d'essai — rendu")
    contexte = presentation.contexte_resultat(
        resultat=presentation.resultat_moteur(diagnostic.resultat),
        organisation_nom=diagnostic.organisation_nom,
        date=timezone.localtime(diagnostic.resultat.calcule_le),
    )
    html = fiche.rendre_html(contexte)
    pdf.rendre_pdf(html)  # processus chaud : import, polices, feuille de style
    pdf.rendre_pdf(MINIMAL)
    minimal = _mediane(lambda: pdf.rendre_pdf(MINIMAL))
    personnalisee = _mediane(lambda: pdf.rendre_pdf(html))
    ratio = personnalisee / minimal
    print(
        f"Rendu : fiche personnalisée {personnalisee * 1000:.1f} ms, document minimal "
        f"{minimal * 1000:.1f} ms → ratio {ratio:.2f} (objectif ≤ {OBJECTIF_RENDU:g})"
    )
    # Pour situer l'objectif : le seul graphique M1–M7 (le même SVG que la page de résultat),
    # sur une page avec la même feuille d'impression.
    graphique = MINIMAL.replace("<p>Bonjour.</p>", contexte["svg"])
    pdf.rendre_pdf(graphique)
    seul = _mediane(lambda: pdf.rendre_pdf(graphique))
    print(f"  (repère : le graphique SVG seul {seul * 1000:.1f} ms → ratio {seul / minimal:.2f})")
    # Le plancher du contenu : les mots de la fiche en simples paragraphes, sans tableau,
    # encadré ni en-tête courant, plus le graphique. Aucune mise en page de ce contenu ne
    # peut rendre plus vite ; si ce plancher dépasse déjà l'objectif, l'objectif est hors
    # d'atteinte pour le contenu que demande l'issue.
    nu = MINIMAL.replace("<p>Bonjour.</p>", contexte["svg"] + _paragraphes_nus(html))
    pdf.rendre_pdf(nu)
    plancher = _mediane(lambda: pdf.rendre_pdf(nu))
    print(
        f"  (repère : plancher du contenu — mêmes mots en paragraphes nus + graphique — "
        f"{plancher * 1000:.1f} ms → ratio {plancher / minimal:.2f})"
    )
    if ratio > OBJECTIF_RENDU:
        echecs.append(f"rendu {ratio:.2f} × le document minimal > {OBJECTIF_RENDU:g}")

    # 2. Premier téléchargement (rendu) contre le deuxième (stockage), requêtes complètes.
    client = Client()
    premiers, seconds = [], []
    for i in range(5):
        url = f"/autodiagnostic/{_diagnostic(f'Banc d’essai n°{i}').jeton}/fiche.pdf"
        debut = time.perf_counter()
        reponse = client.get(url)  # Celery eager : le rendu a lieu après le commit
        reponse = client.get(url) if reponse["Content-Type"] != "application/pdf" else reponse
        b"".join(reponse.streaming_content)
        premiers.append(time.perf_counter() - debut)
        assert reponse["Content-Type"] == "application/pdf", reponse.content[:300]

        def telecharger(url=url):
            r = client.get(url)
            assert r["Content-Type"] == "application/pdf"
            b"".join(r.streaming_content)

        seconds.append(_mediane(telecharger, 5))
    premier, second = statistics.median(premiers), statistics.median(seconds)
    ratio = premier / second
    print(
        f"Téléchargement : premier (rendu) {premier * 1000:.1f} ms, deuxième (stockage) "
        f"{second * 1000:.2f} ms → {ratio:.0f} × plus rapide (objectif ≥ {OBJECTIF_STOCKAGE:g})"
    )
    if ratio < OBJECTIF_STOCKAGE:
        echecs.append(f"stockage seulement {ratio:.0f} × plus rapide < {OBJECTIF_STOCKAGE:g}")
    return echecs


def main() -> int:
    import warnings

    import django
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    # Réglages de production pour le rendu (gabarits en cache) ; pas de fichiers statiques
    # collectés ici, ce que WhiteNoise signalerait.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    django.setup()
    from rameau.celery import app

    app.conf.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.CELERY_TASK_EAGER_PROPAGATES = True
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-fiches-")
    settings.DEBUG = False
    setup_test_environment()
    ancienne_base = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        echecs = mesurer()
    finally:
        connection.creation.destroy_test_db(ancienne_base, verbosity=0)
        teardown_test_environment()
    for echec in echecs:
        print(f"OBJECTIF MANQUÉ : {echec}")
    return 1 if echecs else 0


if __name__ == "__main__":
    sys.exit(main())
