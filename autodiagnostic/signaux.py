"""Les données de référence de l'autodiagnostic (questionnaires, questions, règles de
recommandation) invalident les pages publiques qui en dépendent. Les diagnostics et leurs
réponses n'en font pas partie ; un nouveau résultat change l'espace « resultats » (repère
entre pairs), voir ``presentation.nouvelle_generation``."""

from rameau.cache import invalider_sur_modification

invalider_sur_modification(
    "autodiagnostic",
    "autodiagnostic.questionnaire",
    "autodiagnostic.section",
    "autodiagnostic.question",
    "autodiagnostic.choix",
    "autodiagnostic.reglerecommandation",
)
