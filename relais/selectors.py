"""Lectures des relais : canaux, kits, numéros publiés, impact par partenaire et par mois."""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Prefetch, QuerySet
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from programme import attribution
from rameau import graphiques

from .enums import StatutNumero
from .models import AccesImpact, Canal, Numero

MOIS_AFFICHES = 12


def canal_par_code(code: str) -> Canal | None:
    return Canal.objects.select_related("partenaire").filter(code=code, actif=True).first()


def numeros_publies() -> QuerySet[Numero]:
    return Numero.objects.filter(statut=StatutNumero.ENVOYE, publie_le__isnull=False).order_by(
        "-publie_le", "-pk"
    )


def numero_publie(slug: str) -> Numero | None:
    return numeros_publies().filter(slug=slug).first()


def acces_par_jeton(jeton: str) -> AccesImpact | None:
    return (
        AccesImpact.objects.select_related("partenaire")
        .prefetch_related(Prefetch("partenaire__canaux", queryset=Canal.objects.order_by("nom")))
        .filter(jeton=jeton)
        .first()
    )


# --- Mois par mois --------------------------------------------------------------------------


def derniers_mois(maintenant: datetime | None = None, nombre: int = MOIS_AFFICHES) -> list[date]:
    jour = timezone.localtime(maintenant or timezone.now()).date().replace(day=1)
    mois = []
    for _rang in range(nombre):
        mois.append(jour)
        jour = (jour.replace(day=1) - date.resolution).replace(day=1)
    return list(reversed(mois))


def libelle_mois(jour: date) -> str:
    return formats.date_format(jour, "M Y")


@dataclass
class Indicateur:
    code: str
    libelle: str
    valeurs: list[int]
    svg: str = ""
    lignes: list = field(default_factory=list)  # (mois, valeur)

    @property
    def total(self) -> int:
        return sum(self.valeurs)


@dataclass
class Tableau:
    mois: list[date]
    indicateurs: list[Indicateur] = field(default_factory=list)

    @property
    def libelles_mois(self) -> list[str]:
        return [libelle_mois(m) for m in self.mois]

    @property
    def lignes(self) -> list[tuple[str, list[int]]]:
        """Une ligne par mois : (mois, valeurs de chaque indicateur)."""
        return [
            (libelle_mois(m), [i.valeurs[rang] for i in self.indicateurs])
            for rang, m in enumerate(self.mois)
        ]


def _compter(origines: list[str] | None, mois: list[date]) -> dict[str, list]:
    depuis = timezone.make_aware(datetime.combine(mois[0], time()))
    return {c.code: c.compter(origines, depuis) for c in attribution.compteurs()}


def _serie(lignes, mois: list[date], garder) -> list[int]:
    rang = {m: i for i, m in enumerate(mois)}
    valeurs = [0] * len(mois)
    for origine, jour, nombre in lignes:
        if garder(origine) and jour in rang:
            valeurs[rang[jour]] += nombre
    return valeurs


def impact(*, acces: AccesImpact, maintenant=None) -> Tableau:
    """Ce que le partenaire a apporté (son code et ceux de ses canaux), un graphique par
    indicateur ; une requête par indicateur, quel que soit le nombre de mois ou de canaux."""
    partenaire = acces.partenaire
    codes = {partenaire.code, *(c.code for c in partenaire.canaux.all())}
    mois = derniers_mois(maintenant)
    comptes = _compter(sorted(codes), mois)
    tableau = Tableau(mois=mois)
    for compteur in attribution.compteurs():
        valeurs = _serie(comptes[compteur.code], mois, lambda _o: True)
        indicateur = Indicateur(
            code=compteur.code,
            libelle=str(compteur.libelle),
            valeurs=valeurs,
            lignes=list(zip(tableau.libelles_mois, valeurs, strict=True)),
        )
        indicateur.svg = mark_safe(  # noqa: S308 — SVG construit ici, textes échappés
            graphiques.svg_barres_mensuelles(
                tableau.libelles_mois,
                [(indicateur.libelle, valeurs)],
                titre=_("%(indicateur)s grâce à %(partenaire)s, mois par mois")
                % {"indicateur": indicateur.libelle, "partenaire": partenaire.nom},
                identifiant=f"graphique-{compteur.code}",
            )
        )
        tableau.indicateurs.append(indicateur)
    return tableau


@dataclass
class Relais:
    """Ce qu'une origine (un canal, un partenaire, un site) a apporté, mois par mois."""

    code: str
    nom: str
    tableau: Tableau
    svg: str = ""


def par_relais(*, maintenant=None) -> tuple[list[date], list[Relais]]:
    """Toutes les origines connues sur les derniers mois (tableau de l'équipe)."""
    mois = derniers_mois(maintenant)
    comptes = _compter(None, mois)
    noms = {
        c.code: f"{c.nom} ({c.partenaire.nom})" for c in Canal.objects.select_related("partenaire")
    }
    origines = sorted({o for lignes in comptes.values() for o, _m, _n in lignes})
    relais = []
    for code in origines:
        tableau = Tableau(mois=mois)
        for compteur in attribution.compteurs():
            valeurs = _serie(comptes[compteur.code], mois, lambda o, code=code: o == code)
            tableau.indicateurs.append(
                Indicateur(code=compteur.code, libelle=str(compteur.libelle), valeurs=valeurs)
            )
        objet = Relais(code=code, nom=noms.get(code, code), tableau=tableau)
        objet.svg = mark_safe(  # noqa: S308 — SVG de rameau.graphiques, textes échappés
            graphiques.svg_barres_mensuelles(
                tableau.libelles_mois,
                [(i.libelle, i.valeurs) for i in tableau.indicateurs],
                titre=_("Ce que « %(relais)s » a apporté, mois par mois") % {"relais": objet.nom},
                identifiant=f"graphique-relais-{code}",
            )
        )
        relais.append(objet)
    relais.sort(key=lambda r: -sum(i.total for i in r.tableau.indicateurs))
    return mois, relais
