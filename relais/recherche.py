"""Indexeur de recherche des numéros publiés de la lettre du programme (archive publique
``/lettre/``), déclaré auprès du registre de ``ressources``. Le texte indexé est celui que
lit un visiteur : le chapô et le corps en Markdown, sans balisage."""

import re

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ressources.recherche import Document, indexeur

from .selectors import numeros_publies

GENRE = "numero_lettre"
# Marques de Markdown qui n'ont pas de sens dans un extrait (titres, emphase, liens).
_MARQUES = re.compile(r"[#*_`>]+|\]\([^)]*\)|\[")


def _documents(ids):
    numeros = numeros_publies()
    if ids is not None:
        numeros = numeros.filter(pk__in=[i for i in ids if i.isdigit()])
    for numero in numeros:
        yield Document(
            objet_id=numero.pk,
            titre=numero.titre,
            url=numero.get_absolute_url(),
            texte=_MARQUES.sub(" ", f"{numero.chapo}\n{numero.corps}"),
            annee=timezone.localtime(numero.publie_le).year,
        )


indexeur(
    genre=GENRE,
    libelle=_("Lettre du programme"),
    modele="relais.numero",
    documents=_documents,
    ordre=70,
)
