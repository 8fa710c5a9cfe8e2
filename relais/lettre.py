"""Rendu d'un numéro de la lettre : Markdown (markdown-it-py) → HTML nettoyé (nh3) → e-mail
aux styles en ligne (css-inline) pour les messageries qui ignorent les feuilles de style.

Le rendu est fait une fois par numéro et par lot ; chaque destinataire ne reçoit que ses
liens personnels (désabonnement, préférences), substitués dans le texte déjà rendu.
"""

from dataclasses import dataclass
from datetime import timedelta

import nh3
from django.template.loader import render_to_string
from django.utils import timezone, translation
from markdown_it import MarkdownIt

from programme import extensions
from rameau import site

from . import kits

BALISES = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "i", "img",
    "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ATTRIBUTS = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "abbr": {"title"}}
JOURS_SESSIONS = 62
# Remplacés pour chaque destinataire dans le rendu du numéro.
LIEN_DESABONNEMENT = "https://relais.invalid/desabonnement"
LIEN_PREFERENCES = "https://relais.invalid/preferences"

_markdown = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")


def html_du_corps(texte: str) -> str:
    """Le Markdown en HTML sûr : balises courantes seulement, liens http(s) et mailto."""
    return nh3.clean(
        _markdown.render(texte or ""),
        tags=BALISES,
        attributes=ATTRIBUTS,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    )


def sessions_a_venir(maintenant=None) -> list[kits.ElementKit]:
    maintenant = maintenant or timezone.now()
    elements = extensions.elements_a_relayer(
        maintenant, maintenant + timedelta(days=JOURS_SESSIONS)
    )
    return [kits.element_du_kit(e, canal=None) for e in elements if e.quand is not None][:8]


@dataclass(frozen=True)
class Rendu:
    sujet: str
    texte: str
    html: str


def rendre(numero, *, maintenant=None) -> Rendu:
    """Le numéro prêt à envoyer, avec des liens personnels fictifs à remplacer."""
    import css_inline

    contexte = {
        "numero": numero,
        "corps": html_du_corps(numero.corps),
        "sessions": sessions_a_venir(maintenant) if numero.avec_sessions else [],
        "lien_navigateur": site.url_absolue(numero.get_absolute_url()),
        "lien_desabonnement": LIEN_DESABONNEMENT,
        "lien_preferences": LIEN_PREFERENCES,
        "image": numero.image or kits.image_du_programme(),
        "SITE_URL": site.adresse(),
    }
    with translation.override("fr"):
        texte = render_to_string("relais/emails/numero.txt", contexte)
        html = render_to_string("relais/emails/numero.html", contexte)
    return Rendu(sujet=numero.titre, texte=texte, html=css_inline.inline(html))


def personnaliser(texte: str, *, desabonnement: str, preferences: str) -> str:
    return texte.replace(LIEN_DESABONNEMENT, desabonnement).replace(LIEN_PREFERENCES, preferences)
