"""Banc d'essai de la lettre du programme.

Un numéro envoyé à 50 000 abonnés (la taille de la lettre ISBL) vers un puits SMTP local
(aiosmtpd, processus séparé) par la chaîne complète : planificateur de ``relais`` (une ligne
``Envoi`` par abonné, ``INSERT … SELECT … ON CONFLICT DO NOTHING``), rendu Markdown → HTML
nettoyé → styles en ligne une fois par lot, liens personnels substitués, lots ``SKIP LOCKED``,
validation de chaque ligne juste avant le « . » final. Mesures :

- débit rapporté à ``smtplib`` brut envoyant les mêmes messages (même texte, même HTML) au
  même puits (objectif ≥ 50 %) ;
- mémoire de pointe (ru_maxrss) du processus d'envoi pour 5 000 et 50 000 abonnés (objectif :
  écart ≤ 25 %) ;
- aucun doublon, aucun manquant (compté par le puits et en base). La reprise après un worker
  tué au milieu de l'envoi est vérifiée par ``tests/relais/test_pannes_lettre.py``.

Lancement : ``.venv/bin/python tests/bench/bench_lettre.py`` avec ``DATABASE_URL``
(PostgreSQL). Une base dédiée ``bench_lettre`` est créée puis détruite.
``BENCH_DESTINATAIRES`` (défaut 50 000) ajuste la mesure.
"""

from __future__ import annotations

import os
import re
import resource
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]
MODULE = "tests.bench.bench_lettre"

os.environ.setdefault("SECRET_KEY", "banc-d-essai-lettre-" + "Hq3Zr8Wm5Tn2Yb7K" * 3)
os.environ.setdefault("DEBUG", "False")
os.environ.setdefault("SECURE_SSL_REDIRECT", "False")
sys.path.insert(0, str(RACINE))

from rameau.settings import *  # noqa: E402, F403
from tests.bench import outils  # noqa: E402
from tests.bench.bench_webinaires import Puits  # noqa: E402

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
if os.environ.get("BENCH_SMTP_PORT"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = "127.0.0.1"
    EMAIL_PORT = int(os.environ["BENCH_SMTP_PORT"])
    EMAIL_USE_TLS = EMAIL_USE_SSL = False
    EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""

OBJECTIF_SMTP = 0.50
ECART_MEMOIRE = 0.25
DESTINATAIRES = int(os.environ.get("BENCH_DESTINATAIRES", "50000"))
# Processus d'envoi en parallèle pour la mesure à 50 000 (comme « celery worker -c 2 ») ; le
# débit d'un seul processus est aussi affiché.
PROCESSUS = int(os.environ.get("BENCH_PROCESSUS", "2"))
CORPS = """## Au sommaire de ce mois

Le prochain webinaire du cycle, chaque **troisième jeudi** du mois de 13 h à 14 h 30 : un
éclairage, le témoignage d'un acteur de terrain, vos questions et des ressources.

- l'[autodiagnostic](https://exemple.org/autodiagnostic/) pour situer votre modèle ;
- les ateliers « Diagnostiquer son modèle socio-économique » ;
- le parcours « Piloter la transformation de son modèle ».

| Modèle | Ressources |
|---|---|
| M1 | Cotisations, bénévolat |
| M6 | Dons, mécénat |
"""


# --- Processus enfants -----------------------------------------------------------------------


def enfant_plateforme() -> None:
    """Ce que fait le beat quand l'heure d'envoi est passée, dans un processus neuf."""
    import django

    django.setup()
    from envois import services

    debut = time.perf_counter()
    bilan = services.traiter()
    duree = time.perf_counter() - debut
    pic = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"RESULTAT {bilan['envoyes']} {duree:.3f} {pic}")


def enfant_brut(nombre: int, port: int, dossier: str) -> None:
    """smtplib seul : le même texte et le même HTML, une connexion, aucun état (fins de
    ligne CRLF : smtplib ne corrige pas celles d'un message en octets)."""
    from email import policy
    from email.message import EmailMessage

    texte = Path(dossier, "texte.txt").read_text()
    html = Path(dossier, "html.html").read_text()
    smtp = smtplib.SMTP("127.0.0.1", port)
    smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    debut = time.perf_counter()
    for i in range(nombre):
        message = EmailMessage(policy=policy.SMTP)
        message["Subject"] = "La lettre du programme"
        message["From"] = "programme@lerameau.fr"
        message["To"] = f"abonne{i}@exemple.org"
        message["List-Id"] = "Lettre du programme <lettre-du-programme.exemple.org>"
        message.set_content(texte + f"\nhttps://exemple.org/desabonner/{i}\n")
        message.add_alternative(html, subtype="html")
        smtp.sendmail("programme@lerameau.fr", [f"abonne{i}@exemple.org"], message.as_bytes())
    duree = time.perf_counter() - debut
    smtp.quit()
    pic = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"RESULTAT {nombre} {duree:.3f} {pic}")


def lancer_enfants(arguments: list[str], env: dict, nombre: int = 1) -> tuple[int, float, int]:
    """Lance ``nombre`` processus en même temps ; (messages, durée du plus long, mémoire de
    pointe du plus gros). À plusieurs, la durée est celle du parent, démarrage compris."""
    mur = time.perf_counter()
    processus = [
        subprocess.Popen(
            [sys.executable, __file__, *arguments],
            cwd=RACINE,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(nombre)
    ]
    resultats = []
    for proc in processus:
        sortie, erreurs = proc.communicate()
        ligne = re.search(r"RESULTAT (\d+) ([\d.]+) (\d+)", sortie)
        if proc.returncode or not ligne:
            raise SystemExit(f"Échec de {arguments} :\n{sortie}\n{erreurs}")
        resultats.append((int(ligne.group(1)), float(ligne.group(2)), int(ligne.group(3))))
    mur = time.perf_counter() - mur
    return (
        sum(r[0] for r in resultats),
        max(r[1] for r in resultats) if nombre == 1 else mur,
        max(r[2] for r in resultats),
    )


def lancer_enfant(arguments: list[str], env: dict) -> tuple[int, float, int]:
    return lancer_enfants(arguments, env, 1)


# --- Base de mesure ----------------------------------------------------------------------


def numero_programme(nombre: int, rang: int) -> int:
    """Une liste de ``nombre`` abonnés confirmés et un numéro programmé (dû maintenant)."""
    from django.db import connection
    from django.utils import timezone

    from envois.models import Abonnement, Liste
    from relais import services
    from relais.models import Numero

    liste = Liste.objects.create(code=f"banc-{rang}", nom=f"Lettre de banc {rang}")
    with connection.cursor() as curseur:
        curseur.execute(
            f"INSERT INTO {Abonnement._meta.db_table} (liste_id, email, nom, statut, jeton,"
            " cree_le, confirme_le, origine)"
            " SELECT %s, 'abonne' || g || '@exemple.org', '', 'confirme',"
            " md5(random()::text || g), now(), now(), '' FROM generate_series(1, %s) g",
            [liste.pk, nombre],
        )
    numero = Numero.objects.create(
        liste=liste,
        titre=f"La lettre du programme n°{rang}",
        slug=f"banc-{rang}",
        chapo="Les nouvelles du programme « (Re)Connaissance des modèles socio-économiques ».",
        corps=CORPS,
    )
    services.numero_programmer(numero=numero, envoi_le=timezone.now())
    return numero.pk


def ecrire_reference(numero_id: int, dossier: str) -> None:
    from relais import lettre
    from relais.models import Numero

    rendu = lettre.rendre(Numero.objects.get(pk=numero_id))
    Path(dossier, "texte.txt").write_text(rendu.texte)
    Path(dossier, "html.html").write_text(rendu.html)


def banc_smtp() -> bool:
    from django.db import connection

    from envois.models import Envoi

    puits = Puits()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": MODULE,
        "DATABASE_URL": outils.url_base_de_donnees(),
        "PYTHONPATH": str(RACINE),
        "BENCH_SMTP_PORT": str(puits.port),
    }
    dossier = tempfile.mkdtemp(prefix="bench-lettre-")
    try:
        petit = numero_programme(5000, 1)
        connection.close()
        n5, d5, m5 = lancer_enfant(["--plateforme"], env)
        assert n5 == 5000 and puits.total == 5000, (n5, puits.total)
        grand = numero_programme(DESTINATAIRES, 2)
        ecrire_reference(grand, dossier)
        connection.close()
        puits.remettre_a_zero()
        n50, d50, m50 = lancer_enfants(["--plateforme"], env, PROCESSUS)
        assert n50 == DESTINATAIRES and puits.total == DESTINATAIRES, (n50, puits.total)
        print(
            f"Plateforme : 5 000 en {d5:.1f} s ({5000 / d5:.0f} messages/s, un processus), "
            f"{DESTINATAIRES} en {d50:.1f} s ({PROCESSUS} processus)",
            flush=True,
        )
        envoyes = Envoi.objects.filter(genre="relais.numero", objet_id=grand, statut="envoye")
        lignes = Envoi.objects.filter(genre="relais.numero", objet_id=grand)
        doublons = lignes.count() - lignes.values("email").distinct().count()
        assert envoyes.count() == DESTINATAIRES and doublons == 0
        assert Envoi.objects.filter(objet_id=petit, genre="relais.numero").count() == 5000
        puits.remettre_a_zero()
        nb, db, _mb = lancer_enfant(["--brut", str(DESTINATAIRES), str(puits.port), dossier], env)
        assert puits.total == DESTINATAIRES
    finally:
        puits.arreter()
    # L'objectif compare à armes égales : un processus d'envoi contre une connexion smtplib.
    # Deux processus (un worker « -c 2 ») montrent ce que donne la concurrence, pour mémoire.
    ratio = (n5 / d5) / (nb / db)
    ratio_deux = (n50 / d50) / (nb / db)
    ecart = abs(m50 - m5) / m5
    ok_debit, ok_memoire = ratio >= OBJECTIF_SMTP, ecart <= ECART_MEMOIRE
    print(
        f"Un processus d'envoi (5 000 abonnés) : {n5 / d5:.0f} messages/s contre {nb / db:.0f} "
        f"messages/s pour smtplib brut (une connexion), ratio {ratio:.0%} "
        f"(objectif ≥ {OBJECTIF_SMTP:.0%}) {'OK' if ok_debit else 'ÉCHEC'}"
    )
    print(
        f"Lettre à {DESTINATAIRES} abonnés, {PROCESSUS} processus d'envoi : {n50 / d50:.0f} "
        f"messages/s, ratio {ratio_deux:.0%} de smtplib brut ; 0 doublon, 0 manquant"
    )
    print(
        f"Mémoire de pointe d'un processus d'envoi : {m5 / 1024:.0f} Mio pour 5 000, "
        f"{m50 / 1024:.0f} Mio pour {DESTINATAIRES}, écart {ecart:.0%} "
        f"(objectif ≤ {ECART_MEMOIRE:.0%}) {'OK' if ok_memoire else 'ÉCHEC'}"
    )
    return ok_debit and ok_memoire


def main() -> int:
    os.environ["DJANGO_SETTINGS_MODULE"] = MODULE
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    nom_origine = settings.DATABASES["default"]["NAME"]
    outils.creer_base("bench_lettre")
    try:
        connection.close()
        ok = banc_smtp()
    finally:
        connection.close()
        connection.creation.destroy_test_db(nom_origine, verbosity=0)
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--plateforme":
        os.environ["DJANGO_SETTINGS_MODULE"] = MODULE
        enfant_plateforme()
    elif len(sys.argv) > 1 and sys.argv[1] == "--brut":
        enfant_brut(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    else:
        sys.exit(main())
