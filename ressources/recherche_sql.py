"""Expressions SQL de la recherche plein texte, propres à PostgreSQL.

La configuration ``fr_unaccent`` (copie de ``french`` où les mots passent par ``unaccent``
avant la racinisation française) est créée par la migration ``0004``. Sous SQLite, la colonne
générée reste vide : la recherche y passe par les colonnes normalisées.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db.models import F, Func

CONFIGURATION = "fr_unaccent"


class VecteurRecherche(Func):
    """``setweight(to_tsvector(titre), 'A') || setweight(to_tsvector(texte), 'B')``.

    ``to_tsvector`` avec une configuration littérale est immuable : PostgreSQL l'accepte dans
    une colonne générée stockée.
    """

    output_field = SearchVectorField()

    def __init__(self, titre, texte, **extra):
        super().__init__(F(titre), F(texte), **extra)

    def as_sql(self, compiler, connection, **extra):
        return "''", []

    def as_postgresql(self, compiler, connection, **extra):
        titre, p_titre = compiler.compile(self.source_expressions[0])
        texte, p_texte = compiler.compile(self.source_expressions[1])
        sql = (
            f"(setweight(to_tsvector('{CONFIGURATION}'::regconfig, coalesce({titre}, '')), 'A')"
            f" || setweight(to_tsvector('{CONFIGURATION}'::regconfig, coalesce({texte}, '')), "
            "'B'))"
        )
        return sql, [*p_titre, *p_texte]
