"""Transmission SMTP avec un point de validation juste avant le « . » final.

Pour qu'un worker tué ne renvoie pas un message déjà accepté, l'envoi est noté « envoyé »
en base *après* que le serveur a reçu l'enveloppe et le corps, mais *avant* le « . » qui
clôt le DATA : si le worker meurt avant, le serveur abandonne le message incomplet et la
ligne reste à reprendre ; s'il meurt après, le message part et la ligne est déjà validée.
La seule fenêtre résiduelle est l'aller-retour du COMMIT lui-même (quelques centaines de
microsecondes), contre le temps complet d'une transaction SMTP sinon.
"""

import smtplib
import socket
from collections.abc import Callable

from django.conf import settings
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import EmailMessage, sanitize_address

CRLF = b"\r\n"


class BailPerdu(Exception):
    """La ligne n'appartient plus à ce lot : le message ne doit pas partir."""


class RefusSMTP(Exception):
    """Le serveur a refusé le message (le code et la réponse sont dans ``args``)."""


def transmissible(connexion) -> bool:
    return isinstance(connexion, SMTPBackend)


def transmettre(
    connexion: SMTPBackend, message: EmailMessage, *, valider: Callable[[], bool]
) -> None:
    """Envoie ``message`` sur la connexion ouverte ; appelle ``valider()`` avant le « . ».

    Si ``valider()`` renvoie faux, la connexion est coupée en plein DATA : le serveur jette
    le message incomplet, et :class:`BailPerdu` est levée.
    """
    smtp: smtplib.SMTP = connexion.connection
    if getattr(smtp, "sock", None) is not None:
        # Le « . » part dans un segment à lui : sans TCP_NODELAY, Nagle et l'ACK retardé
        # ajouteraient ~40 ms par message.
        smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    encodage = message.encoding or settings.DEFAULT_CHARSET
    expediteur = sanitize_address(message.from_email, encodage)
    destinataires = [sanitize_address(a, encodage) for a in message.recipients()]
    corps = message.message().as_bytes(linesep="\r\n")
    smtp.ehlo_or_helo_if_needed()
    code, reponse = smtp.mail(expediteur)
    if code != 250:
        smtp.rset()
        raise RefusSMTP(code, reponse)
    for destinataire in destinataires:
        code, reponse = smtp.rcpt(destinataire)
        if code not in (250, 251):
            smtp.rset()
            raise smtplib.SMTPRecipientsRefused({destinataire: (code, reponse)})
    smtp.putcmd("data")
    code, reponse = smtp.getreply()
    if code != 354:
        smtp.rset()
        raise RefusSMTP(code, reponse)
    donnees = smtplib._quote_periods(corps)
    if donnees[-2:] != CRLF:
        donnees += CRLF
    smtp.send(donnees)
    if not valider():
        smtp.close()
        raise BailPerdu
    smtp.send(b"." + CRLF)
    code, reponse = smtp.getreply()
    if code != 250:
        raise RefusSMTP(code, reponse)
