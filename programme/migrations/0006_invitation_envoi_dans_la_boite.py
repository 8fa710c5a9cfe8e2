from django.db import migrations
from django.utils import timezone

GENRE = "programme.invitation"


def vers_la_boite(apps, schema_editor):
    """Chaque invitation en attente a sa ligne dans la boîte d'envoi : « envoyé » si son
    e-mail était parti, « à envoyer » sinon (il partira au prochain beat)."""
    Invitation = apps.get_model("programme", "Invitation")
    Envoi = apps.get_model("envois", "Envoi")
    lignes = []
    for invitation in Invitation.objects.filter(acceptee_le__isnull=True):
        lignes.append(
            Envoi(
                genre=GENRE,
                email=invitation.email.lower(),
                objet_id=invitation.pk,
                du_le=invitation.creee_le,
                statut="envoye" if invitation.envoyee_le else "a_envoyer",
                envoye_le=invitation.envoyee_le,
                reserve_le=invitation.envoyee_le or timezone.now(),
            )
        )
    Envoi.objects.bulk_create(lignes, ignore_conflicts=True)


def depuis_la_boite(apps, schema_editor):
    Invitation = apps.get_model("programme", "Invitation")
    Envoi = apps.get_model("envois", "Envoi")
    for envoi in Envoi.objects.filter(genre=GENRE, statut="envoye"):
        Invitation.objects.filter(pk=envoi.objet_id).update(envoyee_le=envoi.envoye_le)


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0005_accroche_pilier_sans_date"),
        ("envois", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(vers_la_boite, depuis_la_boite),
        migrations.RemoveField(model_name="invitation", name="envoyee_le"),
    ]
