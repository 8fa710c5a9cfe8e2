"""Section « Ce que chaque relais a apporté » du tableau de bord de l'équipe (registre
``rameau.pilotage``) : par origine de visite (canal, partenaire ou site d'origine), les
visites, inscriptions, diagnostics, abonnements et comptes comptés par les applications
(registre ``programme.attribution``), sur la période choisie."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programme import attribution
from rameau import pilotage

from .models import Canal


@pilotage.section(
    code="origines",
    titre=gettext_lazy("Ce que chaque relais a apporté"),
    ordre=35,
    description=gettext_lazy(
        "Attribution au premier contact de la visite (?relais=, sinon utm_source, sinon le "
        "site d'origine) : ce que chaque origine a apporté sur la période, puis les visites "
        "mois par mois."
    ),
)
def origines(periode: pilotage.Periode) -> list[pilotage.Tableau]:
    compteurs = attribution.compteurs()
    # Une requête par compteur (GROUP BY origine, mois), plus les noms des canaux.
    comptes = {
        c.code: [
            ligne for ligne in c.compter(None, periode.debut) if periode.index(ligne[1]) is not None
        ]
        for c in compteurs
    }
    noms = {
        c.code: f"{c.nom} ({c.partenaire.nom})"
        for c in Canal.objects.select_related("partenaire").only("code", "nom", "partenaire__nom")
    }
    totaux: dict[str, list[int]] = {}
    for rang, compteur in enumerate(compteurs):
        for origine, _mois, nombre in comptes[compteur.code]:
            totaux.setdefault(origine, [0] * len(compteurs))[rang] += nombre
    ordre = sorted(totaux, key=lambda o: (-sum(totaux[o]), o))
    visites = comptes.get("visites", [])
    libelles = [noms.get(o, o) for o in ordre]
    return [
        pilotage.Tableau(
            titre=_("Ce que chaque origine a apporté"),
            colonnes=[_("Origine"), *(str(c.libelle) for c in compteurs)],
            lignes=[[noms.get(o, o), *totaux[o]] for o in ordre],
            graphique="barres",
        ),
        pilotage.Tableau(
            titre=_("Visites par origine, par mois"),
            colonnes=[_("Mois"), *libelles],
            lignes=pilotage.par_mois(
                periode, [(mois, noms.get(o, o), n) for o, mois, n in visites], libelles
            ),
        ),
    ]
