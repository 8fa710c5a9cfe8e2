"""Kits des relais : pour chaque élément à venir (webinaire, session, numéro de la lettre),
un bloc prêt à coller en HTML et en texte, aux liens marqués pour le canal
(``?relais=<code>&utm_source=<code>&utm_medium=<type>&utm_campaign=<élément>``).

Les éléments viennent du registre ``programme.extensions.a_relayer`` que remplissent les
applications (l'agenda pour ses sessions, webinaires compris ; ``relais`` pour la lettre).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from programme import extensions
from rameau import site

from .enums import StatutNumero

JOURS = 62


def image_du_programme() -> str:
    """L'image du programme, quand l'élément n'a pas la sienne."""
    try:
        return site.url_absolue(static("img/favicon.svg"))
    except ValueError:  # manifeste des fichiers statiques absent (collectstatic pas lancé)
        return ""


def lien_marque(url: str, *, canal, campagne: str) -> str:
    """L'adresse absolue de ``url`` avec les paramètres du canal (rien sans canal)."""
    absolue = url if urlsplit(url).scheme else site.url_absolue(url)
    if canal is None:
        return absolue
    morceaux = urlsplit(absolue)
    parametres = urlencode(
        {
            "relais": canal.code,
            "utm_source": canal.code,
            "utm_medium": canal.genre,
            "utm_campaign": campagne,
        }
    )
    requete = f"{morceaux.query}&{parametres}" if morceaux.query else parametres
    return urlunsplit((morceaux.scheme, morceaux.netloc, morceaux.path, requete, ""))


def date_en_toutes_lettres(moment: datetime) -> str:
    """« jeudi 17 décembre 2026 à 13 h 00 », « mardi 1er décembre 2026 à 9 h 30 »."""
    local = timezone.localtime(moment)
    with translation.override("fr"):
        jour = formats.date_format(local, "l 1\\e\\r F Y" if local.day == 1 else "l j F Y")
    return f"{jour} à {local.hour} h {local.minute:02d}"


@dataclass(frozen=True)
class ElementKit:
    element: extensions.ElementARelayer
    lien: str
    image: str

    @property
    def titre(self):
        return self.element.titre

    @property
    def quand(self):
        return self.element.quand

    @property
    def genre(self):
        return self.element.genre

    @property
    def resume(self):
        return self.element.resume

    @property
    def cle(self):
        return self.element.cle

    @property
    def quand_texte(self) -> str:
        return date_en_toutes_lettres(self.quand) if self.quand else ""

    @property
    def bloc_html(self) -> str:
        """Le bloc à coller dans une lettre ou une page (HTML)."""
        with translation.override("fr"):
            return render_to_string("relais/fragments/bloc_kit.html", {"e": self}).strip()

    @property
    def bloc_texte(self) -> str:
        with translation.override("fr"):
            return render_to_string("relais/fragments/bloc_kit.txt", {"e": self}).strip()


def element_du_kit(element: extensions.ElementARelayer, *, canal) -> ElementKit:
    image = element.image
    if image and not urlsplit(image).scheme:
        image = site.url_absolue(image)
    return ElementKit(
        element=element,
        lien=lien_marque(element.url, canal=canal, campagne=element.cle),
        image=image or image_du_programme(),
    )


def kit(*, canal, maintenant: datetime | None = None) -> list[ElementKit]:
    """Les éléments à relayer dans les deux mois qui viennent, aux liens du canal."""
    maintenant = maintenant or timezone.now()
    elements = extensions.elements_a_relayer(maintenant, maintenant + timedelta(days=JOURS))
    return [element_du_kit(e, canal=canal) for e in elements]


@extensions.a_relayer
def _numeros_a_relayer(maintenant, jusqu_a) -> list[extensions.ElementARelayer]:
    """Les numéros de la lettre dont l'envoi est programmé (lien : la page d'abonnement, le
    numéro n'est publié qu'à son envoi)."""
    from django.urls import reverse

    from .models import Numero

    numeros = Numero.objects.filter(
        statut=StatutNumero.PROGRAMME, envoi_le__gt=maintenant, envoi_le__lte=jusqu_a
    ).order_by("envoi_le")
    return [
        extensions.ElementARelayer(
            cle=f"lettre-{n.slug}",
            genre=str(_("Lettre du programme")),
            titre=n.titre,
            url=reverse("relais:lettre"),
            quand=n.envoi_le,
            resume=n.chapo[:400],
            image=n.image,
        )
        for n in numeros
    ]
