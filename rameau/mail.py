"""Service d'envoi d'e-mails : chaque message est rendu en français, en texte et en HTML."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from . import site


def une_ligne(texte) -> str:
    """Replie les sauts de ligne et les blancs successifs en une seule espace."""
    return " ".join(str(texte).split())


def construire(
    *,
    destinataire: str,
    sujet: str,
    gabarit: str,
    contexte: dict | None = None,
    en_tetes: dict | None = None,
    pieces_jointes: Iterable[tuple[str, bytes, str]] = (),
    connexion=None,
) -> EmailMultiAlternatives:
    """Construit le message à partir de ``<gabarit>.txt`` et ``<gabarit>.html``.

    Le sujet et les en-têtes tiennent sur une ligne : un saut de ligne venu d'un nom
    d'organisation ou d'un titre de webinaire ferait échouer l'envoi (``BadHeaderError``).
    """
    contexte = {"SITE_URL": site.adresse(), **(contexte or {})}
    with translation.override("fr"):
        texte = render_to_string(f"{gabarit}.txt", contexte)
        html = render_to_string(f"{gabarit}.html", contexte)
    message = EmailMultiAlternatives(
        subject=une_ligne(sujet),
        body=texte,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[destinataire],
        headers={nom: une_ligne(valeur) for nom, valeur in (en_tetes or {}).items()},
        connection=connexion,
    )
    message.attach_alternative(html, "text/html")
    for nom, contenu, type_mime in pieces_jointes:
        message.attach(nom, contenu, type_mime)
    return message


def envoyer(**kwargs) -> None:
    """Construit et envoie un message (voir :func:`construire`)."""
    construire(**kwargs).send()
