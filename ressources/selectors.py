"""Lectures de l'application ressources."""

from urllib.parse import urlsplit

from django.db.models import Prefetch, QuerySet

from programme.models import FamilleLeviers, Format, Levier, ModeleSocioEconomique
from programme.selectors import famille_en_donnees, modele_en_donnees

from .enums import CategorieRessource
from .models import Ressource, TravailAcademique


def ressources_publiees() -> QuerySet[Ressource]:
    return Ressource.objects.filter(publiee=True).order_by("ordre", "titre")


def ressources_publiees_avec_modeles() -> QuerySet[Ressource]:
    return ressources_publiees().prefetch_related(
        Prefetch("modeles", queryset=ModeleSocioEconomique.objects.order_by("ordre"))
    )


def ressources_par_categorie(*, avec_modeles: bool = False) -> list[dict]:
    """Les ressources publiées, groupées dans l'ordre s'informer / se former / agir (1 requête,
    2 avec les modèles concernés)."""
    ressources = list(ressources_publiees_avec_modeles() if avec_modeles else ressources_publiees())
    return [
        {
            "code": categorie.value,
            "libelle": categorie.label,
            "ressources": [r for r in ressources if r.categorie == categorie.value],
        }
        for categorie in CategorieRessource
    ]


def _ressource_en_dict(ressource: Ressource) -> dict:
    return {
        "titre": ressource.titre,
        "editeur": ressource.editeur,
        "url": ressource.url,
        "domaine": urlsplit(ressource.url).hostname or "",
        "description": ressource.description,
    }


def categories_en_dict() -> list[dict]:
    return [
        {
            "libelle": str(categorie["libelle"]),
            "ressources": [_ressource_en_dict(r) for r in categorie["ressources"]],
        }
        for categorie in ressources_par_categorie()
    ]


def contexte_fiche_generique(*, site_url: str) -> dict:
    """Le contenu de la fiche repère générique, tiré de la base (données JSON uniquement)."""
    modeles = ModeleSocioEconomique.objects.order_by("ordre")
    return {
        "site_url": site_url,
        "leviers": [
            {"nom": levier.nom, "description": levier.description}
            for levier in Levier.objects.order_by("ordre")
        ],
        "logiques": [
            {
                "libelle": str(libelle),
                "modeles": [m.code for m in modeles if m.logique == valeur],
            }
            for valeur, libelle in ModeleSocioEconomique.Logique.choices
        ],
        "modeles": [modele_en_donnees(modele) for modele in modeles],
        "familles": [famille_en_donnees(f) for f in FamilleLeviers.objects.order_by("ordre")],
        "formats": [
            {"nom": f.nom, "description": f.description, "pour_qui": f.pour_qui, "lien": f.lien}
            for f in Format.objects.order_by("ordre")
        ],
        "categories": categories_en_dict(),
    }


# --- Travaux académiques --------------------------------------------------------------------


def travaux_publies() -> QuerySet[TravailAcademique]:
    return (
        TravailAcademique.objects.filter(publie=True)
        .select_related("programme_recherche")
        .prefetch_related(
            Prefetch("modeles", queryset=ModeleSocioEconomique.objects.order_by("ordre"))
        )
    )


def travaux_filtres(
    *,
    annee: int | None = None,
    type_travail: str = "",
    programme: str = "",
    modele: str = "",
    format_: str = "",
) -> QuerySet[TravailAcademique]:
    """Les travaux publiés, filtrés (année, type, slug du programme, code du modèle, slug du
    format) ; chaque filtre vide est ignoré."""
    travaux = travaux_publies()
    if annee:
        travaux = travaux.filter(annee=annee)
    if type_travail:
        travaux = travaux.filter(type=type_travail)
    if programme:
        travaux = travaux.filter(programme_recherche__slug=programme)
    if modele:
        travaux = travaux.filter(modeles__code__iexact=modele)
    if format_:
        travaux = travaux.filter(formats__slug=format_)
    return travaux.distinct() if (modele or format_) else travaux


def travaux_recents(*, limite: int) -> QuerySet[TravailAcademique]:
    return TravailAcademique.objects.filter(publie=True).order_by("-annee", "titre", "pk")[:limite]


def travail_publie(pk: int) -> TravailAcademique | None:
    if not 0 < pk < 2**63:  # au-delà d'un bigint : aucun travail, et pas d'erreur SQL
        return None
    return (
        travaux_publies()
        .prefetch_related(Prefetch("formats", queryset=Format.objects.order_by("ordre")))
        .filter(pk=pk)
        .first()
    )


def annees_des_travaux() -> list[int]:
    return list(
        TravailAcademique.objects.filter(publie=True, annee__isnull=False)
        .order_by("-annee")
        .values_list("annee", flat=True)
        .distinct()
    )


def travaux_par_ids(ids: list[int]) -> list[TravailAcademique]:
    """Les travaux publiés de ces identifiants, dans l'ordre donné (classement de recherche)."""
    par_pk = {t.pk: t for t in travaux_publies().filter(pk__in=[i for i in ids if i < 2**63])}
    return [par_pk[i] for i in ids if i in par_pk]
