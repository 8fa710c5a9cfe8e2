"""Diagnostics dans les registres RGPD (``rameau.rgpd``) : export, effacement (un résultat
garde ses scores, pas l'identité de l'organisation), purge des diagnostics anonymes jamais
terminés après ``RGPD_DIAGNOSTICS_INACHEVES_MOIS`` mois."""

import json
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q

from rameau import rgpd, site
from rameau.jetons import nouveau_jeton
from ressources.models import FichePDF

from .enums import TypeQuestion
from .models import Diagnostic, Reponse, Resultat


def _de(personne: rgpd.Personne):
    critere = Q(email__iexact=personne.email)
    if personne.utilisateur_id:
        critere |= Q(utilisateur_id=personne.utilisateur_id)
    return Diagnostic.objects.filter(critere)


@rgpd.exporteur("autodiagnostic")
def exporter(personne: rgpd.Personne) -> dict[str, list[dict]]:
    diagnostics = list(
        _de(personne).select_related("questionnaire", "resultat__format").order_by("cree_le")
    )
    reponses = Reponse.objects.filter(diagnostic__in=diagnostics).select_related(
        "question", "diagnostic"
    )
    lignes = []
    for d in diagnostics:
        resultat = getattr(d, "resultat", None)
        ligne = {
            "lien": site.url_absolue(d.get_absolute_url()),
            "profil": d.questionnaire.get_profil_display(),
            "version": d.questionnaire.version,
            "organisation": d.organisation_nom,
            "domaine_activite": d.get_domaine_activite_display(),
            "email": d.email,
            "commence_le": d.cree_le,
            "termine_le": d.termine_le,
        }
        if resultat:
            ligne.update(resultat.scores)
            ligne.update(
                modele=resultat.libelle,
                maturite=resultat.maturite,
                niveau=resultat.get_niveau_display(),
                format_recommande=resultat.format.nom,
            )
        lignes.append(ligne)
    return {
        "diagnostics": lignes,
        "reponses": [
            {
                "diagnostic_commence_le": r.diagnostic.cree_le,
                "question": r.question.code,
                "libelle": r.question.libelle,
                "valeur": json.dumps(r.valeur, ensure_ascii=False),
            }
            for r in reponses
        ],
    }


@rgpd.effaceur("autodiagnostic")
def effacer(personne: rgpd.Personne) -> int:
    diagnostics = list(_de(personne).select_related("resultat"))
    termines = [d for d in diagnostics if hasattr(d, "resultat")]
    touches = 0
    # Sans résultat, un diagnostic n'a aucune valeur statistique : supprimé.
    touches += Diagnostic.objects.filter(
        pk__in=[d.pk for d in diagnostics if d not in termines]
    ).delete()[0]
    for fiche in FichePDF.objects.filter(cle__in=[d.jeton for d in termines]):
        fiche.fichier.delete(save=False)
        fiche.delete()
    # Le texte libre peut nommer l'organisation ; les montants, échelles et choix restent.
    Reponse.objects.filter(diagnostic__in=termines, question__type=TypeQuestion.TEXTE).delete()
    Resultat.objects.filter(diagnostic__in=termines).update(organisation=None)
    for d in termines:
        # Nouveau jeton : l'ancien lien de reprise ne mène plus à rien.
        Diagnostic.objects.filter(pk=d.pk).update(
            jeton=nouveau_jeton(),
            utilisateur=None,
            email="",
            organisation=None,
            organisation_nom="",
        )
        touches += 1
    return touches


@rgpd.conservation("autodiagnostic.inacheves")
def conserver(maintenant: datetime) -> int:
    limite = maintenant - timedelta(days=30 * settings.RGPD_DIAGNOSTICS_INACHEVES_MOIS)
    return (
        Diagnostic.objects.filter(
            termine_le__isnull=True, utilisateur__isnull=True, modifie_le__lt=limite
        )
        .delete()[1]
        .get("autodiagnostic.Diagnostic", 0)
    )
