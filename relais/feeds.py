"""Flux Atom des numéros publiés de la lettre (annoncé par <link rel="alternate">)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from . import lettre, selectors

NOMBRE = 20


class FluxLettre(Feed):
    feed_type = Atom1Feed
    title = _("La lettre du programme — Le RAMEAU")
    subtitle = _(
        "Les numéros de la lettre du programme « (Re)Connaissance des modèles socio-économiques »."
    )
    link = reverse_lazy("relais:lettre")
    language = "fr"

    def items(self):
        return list(selectors.numeros_publies()[:NOMBRE])

    def item_title(self, item):
        return item.titre

    def item_description(self, item):
        return lettre.html_du_corps(item.corps)

    def item_pubdate(self, item):
        return item.publie_le

    def item_updateddate(self, item):
        return item.publie_le
