from django.contrib.postgres.operations import CreateExtension
from django.db import migrations, models

import django.contrib.postgres.search
import ressources.recherche_sql

# Configuration française insensible aux accents : les mots passent par « unaccent » avant la
# racinisation française (« modèles » et « modeles » donnent le même lexème « model »).
CONFIGURATION = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'fr_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION fr_unaccent (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION fr_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
    END IF;
END
$$;
"""

INDEX = [
    "CREATE INDEX document_vecteur_gin ON ressources_documentrecherche USING gin (vecteur)",
    "CREATE INDEX document_titre_trgm ON ressources_documentrecherche "
    "USING gin (titre_normalise gin_trgm_ops)",
]


def _postgresql(schema_editor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


def creer_configuration(apps, schema_editor):
    if _postgresql(schema_editor):
        schema_editor.execute(CONFIGURATION)


def supprimer_configuration(apps, schema_editor):
    if _postgresql(schema_editor):
        schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS fr_unaccent")


def creer_index(apps, schema_editor):
    if _postgresql(schema_editor):
        for sql in INDEX:
            schema_editor.execute(sql)


def supprimer_index(apps, schema_editor):
    if _postgresql(schema_editor):
        for nom in ("document_vecteur_gin", "document_titre_trgm"):
            schema_editor.execute(f"DROP INDEX IF EXISTS {nom}")


class Migration(migrations.Migration):
    dependencies = [("ressources", "0003_travaux_academiques_et_ressources_qualifiees")]

    operations = [
        # Sans effet hors PostgreSQL.
        CreateExtension("unaccent"),
        CreateExtension("pg_trgm"),
        migrations.RunPython(creer_configuration, supprimer_configuration),
        migrations.CreateModel(
            name='DocumentRecherche',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('genre', models.CharField(max_length=30, verbose_name='genre')),
                ('objet_id', models.CharField(max_length=64, verbose_name="identifiant de l'objet")),
                ('titre', models.CharField(max_length=300, verbose_name='titre')),
                ('texte', models.TextField(blank=True, verbose_name='texte')),
                ('url', models.CharField(max_length=500, verbose_name='adresse')),
                ('modeles', models.CharField(blank=True, max_length=100, verbose_name='modèles')),
                ('formats', models.CharField(blank=True, max_length=300, verbose_name='formats')),
                ('annee', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='année')),
                ('titre_normalise', models.TextField()),
                ('contenu_normalise', models.TextField(blank=True)),
                ('vecteur', models.GeneratedField(db_persist=True, expression=ressources.recherche_sql.VecteurRecherche('titre', 'texte'), output_field=django.contrib.postgres.search.SearchVectorField())),
                ('modifie_le', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': "document de l'index de recherche",
                'verbose_name_plural': 'index de recherche',
                'indexes': [models.Index(fields=['genre', 'annee'], name='document_genre_annee')],
                'constraints': [models.UniqueConstraint(fields=('genre', 'objet_id'), name='document_unique_par_objet')],
            },
        ),
        migrations.RunPython(creer_index, supprimer_index),
    ]
