"""``/recherche/`` : recherche plein texte dans tout ce que les applications indexent."""

from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from programme import selectors as programme_selectors

from . import recherche, selectors
from .forms import RechercheForm
from .views import reponse_export


def _url(actuels: dict, **changes) -> str:
    return "?" + urlencode({k: v for k, v in {**actuels, **changes}.items() if v})


def _formulaire(request, *, modeles=None, formats=None) -> RechercheForm:
    return RechercheForm(
        request.GET or None,
        genres=recherche.genres(),
        modeles=programme_selectors.modeles() if modeles is None else modeles,
        formats=programme_selectors.formats() if formats is None else formats,
    )


def rechercher(request):
    modeles = list(programme_selectors.modeles())
    formats = list(programme_selectors.formats())
    form = _formulaire(request, modeles=modeles, formats=formats)
    parametres = form.parametres()
    resultats = recherche.rechercher(**parametres, modeles_connus=modeles, formats_connus=formats)
    actuels = {
        "q": resultats.requete,
        "genre": parametres["genre"],
        "modele": parametres["modele"],
        "format": parametres["format_"],
        "annee": parametres["annee"] or "",
    }
    facettes = []
    for cle, titre, valeurs in (
        ("genre", _("Type de contenu"), resultats.genres),
        ("modele", _("Modèle"), resultats.modeles),
        ("format", _("Format"), resultats.formats),
        ("annee", _("Année"), resultats.annees),
    ):
        for valeur in valeurs:
            valeur["actif"] = str(valeur["code"]) == str(actuels[cle])
            valeur["url"] = _url(actuels, **{cle: "" if valeur["actif"] else valeur["code"]})
        if valeurs:
            facettes.append({"cle": cle, "titre": titre, "valeurs": valeurs})
    contexte = {
        "form": form,
        "resultats": resultats,
        "facettes": facettes,
        "url_precedente": _url(actuels, page=resultats.page - 1),
        "url_suivante": _url(actuels, page=resultats.page + 1),
        "url_export": _url(actuels)[1:],
        "facette_invalide": bool(form.errors),
    }
    gabarit = (
        "ressources/fragments/resultats.html"
        if request.htmx and request.htmx.target == "resultats"
        else "ressources/recherche.html"
    )
    reponse = render(request, gabarit, contexte)
    reponse["Cache-Control"] = "private, no-cache"
    return reponse


def exporter(request, format_):
    """Les travaux académiques trouvés par la recherche, dans le format demandé."""
    parametres = _formulaire(request).parametres()
    parametres.pop("page")
    parametres.pop("genre")
    ids = recherche.ids_trouves(genre="travail", **parametres)
    travaux = selectors.travaux_par_ids([int(i) for i in ids if i.isdigit()])
    return reponse_export(travaux, format_=format_, nom="recherche-travaux")
