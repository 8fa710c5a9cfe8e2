"""Démonstration : les quatre canaux, un contact par canal, la page d'impact d'ISBL et un
premier numéro paru de la lettre."""

from django.dispatch import receiver
from django.utils import timezone

from envois import listes
from programme.demo import demo_chargee
from programme.models import Partenaire

from .contenu import CANAUX
from .enums import StatutNumero
from .models import LISTE_LETTRE, AccesImpact, Canal, ContactCanal, Numero

CORPS = """## Au sommaire

- le prochain webinaire du cycle, chaque troisième jeudi du mois, de 13 h à 14 h 30 ;
- l'**autodiagnostic** pour situer votre modèle socio-économique parmi les sept modèles ;
- les ateliers et le parcours « Piloter la transformation de son modèle ».

Relayez le programme : chaque réseau est invité à le faire connaître.
"""


@receiver(demo_chargee, dispatch_uid="relais_demo")
def charger_demo(sender, **kwargs) -> list[str]:
    partenaires = {p.code: p for p in Partenaire.objects.all()}
    nombre = 0
    for code, nom, partenaire, genre, audience, frequence, bouclage in CANAUX:
        if partenaire not in partenaires:
            continue
        canal, _ = Canal.objects.update_or_create(
            code=code,
            defaults={
                "nom": nom,
                "partenaire": partenaires[partenaire],
                "genre": genre,
                "audience": audience,
                "frequence": frequence,
                "jour_bouclage": bouclage,
            },
        )
        ContactCanal.objects.get_or_create(canal=canal, email=f"redaction.{code}@exemple.org")
        nombre += 1
    if "isbl" in partenaires:
        AccesImpact.objects.get_or_create(
            partenaire=partenaires["isbl"], defaults={"email": "redaction.isbl@exemple.org"}
        )
    Numero.objects.get_or_create(
        slug="demo-lettre-1",
        defaults={
            "liste": listes.liste_par_code(LISTE_LETTRE),
            "titre": "[Démo] La lettre du programme n° 1",
            "chapo": "Les nouvelles du programme « (Re)Connaissance des modèles "
            "socio-économiques ».",
            "corps": CORPS,
            "statut": StatutNumero.ENVOYE,
            "envoi_le": timezone.now(),
            "publie_le": timezone.now(),
        },
    )
    return [f"relais : {nombre} canaux, un numéro de la lettre"]
