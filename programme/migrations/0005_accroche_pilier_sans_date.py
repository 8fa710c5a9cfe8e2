from django.db import migrations

ANCIENNE = "Un webinaire chaque 3e jeudi du mois, de 13 h à 14 h 30, d'octobre 2020 à octobre 2021."
NOUVELLE = "Un webinaire chaque 3e jeudi du mois, de 13 h à 14 h 30 (heure de Paris)."


def sans_date(apps, schema_editor):
    # Les dates du cycle viennent désormais du cycle en cours ; une accroche réécrite par
    # l'équipe est laissée telle quelle.
    apps.get_model("programme", "Pilier").objects.filter(numero=1, accroche=ANCIENNE).update(
        accroche=NOUVELLE
    )


def avec_date(apps, schema_editor):
    apps.get_model("programme", "Pilier").objects.filter(numero=1, accroche=NOUVELLE).update(
        accroche=ANCIENNE
    )


class Migration(migrations.Migration):
    dependencies = [("programme", "0004_sessions_des_formats")]

    operations = [migrations.RunPython(sans_date, avec_date)]
