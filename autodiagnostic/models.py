"""Le questionnaire est une donnée (versionnée, modifiable dans l'administration) ; le moteur
de calcul est du code (:mod:`autodiagnostic.scoring`)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from programme.enums import DomaineActivite
from rameau.jetons import nouveau_jeton

from .enums import Groupe, Modele, Niveau, Profil, Statut, TypeQuestion

MODELES = [m.value for m in Modele]


class Questionnaire(models.Model):
    """Une version du questionnaire d'un profil. Publiée, elle ne change plus."""

    profil = models.CharField(_("profil d'acteur"), max_length=30, choices=Profil.choices)
    version = models.PositiveIntegerField(_("version"))
    statut = models.CharField(
        _("statut"), max_length=10, choices=Statut.choices, default=Statut.BROUILLON
    )
    titre = models.CharField(_("titre"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    seuil_hybride = models.DecimalField(
        _("seuil d'hybridation (points)"),
        max_digits=4,
        decimal_places=1,
        default=10,
        help_text=_("Écart maximal entre les deux premiers modèles pour parler d'hybride."),
    )
    seuil_comprendre = models.DecimalField(
        _("maturité minimale du niveau 2 « Comprendre »"),
        max_digits=4,
        decimal_places=1,
        default=25,
    )
    seuil_experimenter = models.DecimalField(
        _("maturité minimale du niveau 3 « Expérimenter »"),
        max_digits=4,
        decimal_places=1,
        default=50,
    )
    seuil_transformer = models.DecimalField(
        _("maturité minimale du niveau 4 « Transformer »"),
        max_digits=4,
        decimal_places=1,
        default=75,
    )
    cree_le = models.DateTimeField(_("créée le"), auto_now_add=True)
    publie_le = models.DateTimeField(_("publiée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("version du questionnaire")
        verbose_name_plural = _("versions du questionnaire")
        ordering = ["profil", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["profil", "version"], name="questionnaire_version"),
            models.UniqueConstraint(
                fields=["profil"],
                condition=Q(statut="publie"),
                name="questionnaire_un_seul_publie_par_profil",
            ),
            models.CheckConstraint(
                condition=Q(seuil_hybride__gte=0) & Q(seuil_hybride__lte=100),
                name="questionnaire_seuil_hybride_borne",
            ),
            models.CheckConstraint(
                condition=Q(seuil_comprendre__gt=0)
                & Q(seuil_experimenter__gt=models.F("seuil_comprendre"))
                & Q(seuil_transformer__gt=models.F("seuil_experimenter"))
                & Q(seuil_transformer__lte=100),
                name="questionnaire_seuils_niveaux_croissants",
            ),
            models.CheckConstraint(
                condition=Q(statut="brouillon") | Q(publie_le__isnull=False),
                name="questionnaire_publie_a_une_date",
            ),
        ]

    def __str__(self):
        return f"{self.get_profil_display()} — v{self.version} ({self.get_statut_display()})"

    @property
    def modifiable(self) -> bool:
        return self.statut == Statut.BROUILLON


class Section(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="sections"
    )
    ordre = models.PositiveSmallIntegerField(_("ordre"))
    titre = models.CharField(_("titre"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["questionnaire", "ordre"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "ordre"], name="section_ordre_unique")
        ]

    def __str__(self):
        return f"{self.ordre}. {self.titre}"


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    ordre = models.PositiveSmallIntegerField(_("ordre"))
    code = models.CharField(
        _("code"),
        max_length=60,
        help_text=_("Code stable, identique d'une version à l'autre (ex. ressources.dons)."),
    )
    libelle = models.CharField(_("libellé"), max_length=300)
    type = models.CharField(_("type"), max_length=20, choices=TypeQuestion.choices)
    aide = models.TextField(_("aide"), blank=True)
    obligatoire = models.BooleanField(_("obligatoire"), default=False)
    modele = models.CharField(
        _("modèle alimenté"),
        max_length=2,
        choices=Modele.choices,
        blank=True,
        help_text=_("Pour un montant ou un pourcentage : le modèle dont relève la ressource."),
    )
    groupe = models.CharField(
        _("groupe de maturité"),
        max_length=30,
        choices=Groupe.choices,
        blank=True,
        help_text=_("Pour une échelle ou un choix à points : le groupe mesuré."),
    )
    besoin = models.BooleanField(
        _("question du besoin prioritaire"),
        default=False,
        help_text=_("Le choix retenu sert aux règles de recommandation."),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__ordre", "ordre"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "code"], name="question_code_unique"),
            models.UniqueConstraint(fields=["section", "ordre"], name="question_ordre_unique"),
            models.CheckConstraint(
                condition=~Q(type__in=["montant", "pourcentage"]) | ~Q(modele=""),
                name="question_ressource_a_un_modele",
            ),
            models.CheckConstraint(
                condition=~Q(type="echelle") | ~Q(groupe=""),
                name="question_echelle_a_un_groupe",
            ),
            models.CheckConstraint(
                condition=Q(besoin=False) | Q(type="choix_unique"),
                name="question_besoin_choix_unique",
            ),
            # Une seule unité par jeu de réponses : une seule question qui la fait choisir.
            models.UniqueConstraint(
                fields=["questionnaire"],
                condition=Q(type="unite"),
                name="question_une_seule_unite_par_questionnaire",
            ),
        ]

    def __str__(self):
        return f"{self.code} — {self.libelle}"


class Choix(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choix")
    ordre = models.PositiveSmallIntegerField(_("ordre"))
    code = models.SlugField(_("code"), max_length=60)
    libelle = models.CharField(_("libellé"), max_length=300)
    poids_m1 = models.FloatField(_("poids M1"), default=0)
    poids_m2 = models.FloatField(_("poids M2"), default=0)
    poids_m3 = models.FloatField(_("poids M3"), default=0)
    poids_m4 = models.FloatField(_("poids M4"), default=0)
    poids_m5 = models.FloatField(_("poids M5"), default=0)
    poids_m6 = models.FloatField(_("poids M6"), default=0)
    poids_m7 = models.FloatField(_("poids M7"), default=0)
    points_maturite = models.PositiveSmallIntegerField(
        _("points de maturité"), null=True, blank=True, help_text=_("De 0 à 4.")
    )
    groupe = models.CharField(
        _("levier (groupe de maturité)"), max_length=30, choices=Groupe.choices, blank=True
    )

    class Meta:
        verbose_name = _("choix")
        verbose_name_plural = _("choix")
        ordering = ["question", "ordre"]
        constraints = [
            models.UniqueConstraint(fields=["question", "code"], name="choix_code_unique"),
            models.CheckConstraint(
                condition=Q(points_maturite__isnull=True) | Q(points_maturite__lte=4),
                name="choix_points_maturite_borne",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"poids_{m.lower()}__gte": 0})
                    & Q(**{f"poids_{m.lower()}__lte": 100}),
                    name=f"choix_poids_{m.lower()}_borne",
                )
                for m in MODELES
            ],
        ]

    def __str__(self):
        return self.libelle

    @property
    def poids(self) -> dict[str, float]:
        return {m: getattr(self, f"poids_{m.lower()}") for m in MODELES}


class RegleRecommandation(models.Model):
    """Règle « profil, niveau, besoin → format » ; la plus prioritaire qui s'applique gagne."""

    profil = models.CharField(
        _("profil"), max_length=30, choices=Profil.choices, blank=True, help_text=_("Vide : tous.")
    )
    niveau = models.PositiveSmallIntegerField(
        _("niveau de maturité"),
        choices=Niveau.choices,
        null=True,
        blank=True,
        help_text=_("Vide : tous."),
    )
    besoin = models.SlugField(
        _("besoin exprimé (code du choix)"), max_length=60, blank=True, help_text=_("Vide : tous.")
    )
    format = models.ForeignKey(
        "programme.Format", on_delete=models.PROTECT, related_name="+", verbose_name=_("format")
    )
    priorite = models.PositiveSmallIntegerField(
        _("priorité"), default=50, help_text=_("La plus petite valeur l'emporte.")
    )
    raison = models.CharField(
        _("raison"),
        max_length=400,
        help_text=_("Phrase affichée avec la recommandation. Variables : {niveau}, {format}."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("règle de recommandation")
        verbose_name_plural = _("règles de recommandation")
        ordering = ["priorite", "id"]

    def __str__(self):
        return f"{self.priorite} → {self.format}"


class Diagnostic(models.Model):
    """Une passation du questionnaire. Le jeton est le secret qui permet de la reprendre."""

    jeton = models.CharField(max_length=64, unique=True, default=nouveau_jeton, editable=False)
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="diagnostics"
    )
    organisation = models.ForeignKey(
        "programme.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="diagnostics",
    )
    utilisateur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="diagnostics",
    )
    email = models.EmailField(_("adresse e-mail"), blank=True)
    organisation_nom = models.CharField(_("nom de l'organisation"), max_length=200, blank=True)
    domaine_activite = models.CharField(
        _("domaine d'activité"), max_length=40, choices=DomaineActivite.choices, blank=True
    )
    origine = models.CharField(
        _("origine (relais)"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("Premier relais de la visite (?relais=, utm_source ou site d'origine)."),
    )
    cree_le = models.DateTimeField(_("commencé le"), auto_now_add=True)
    modifie_le = models.DateTimeField(_("modifié le"), auto_now=True)
    termine_le = models.DateTimeField(_("terminé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("diagnostic")
        verbose_name_plural = _("diagnostics")
        ordering = ["-cree_le"]

    def __str__(self):
        return self.organisation_nom or _("Diagnostic anonyme du %(date)s") % {
            "date": self.cree_le.strftime("%d/%m/%Y") if self.cree_le else "—"
        }

    def get_absolute_url(self):
        return reverse("autodiagnostic:reprendre", args=[self.jeton])

    def get_resultat_url(self):
        return reverse("autodiagnostic:resultat", args=[self.jeton])


class Reponse(models.Model):
    """Réponse validée à une question ; la valeur est normalisée par le moteur."""

    diagnostic = models.ForeignKey(Diagnostic, on_delete=models.CASCADE, related_name="reponses")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="reponses")
    valeur = models.JSONField(_("valeur"))
    modifiee_le = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")
        constraints = [
            models.UniqueConstraint(
                fields=["diagnostic", "question"], name="reponse_unique_par_question"
            )
        ]

    def __str__(self):
        return f"{self.question.code} = {self.valeur}"


class Resultat(models.Model):
    """Résultat calculé, figé avec la version du questionnaire qui l'a produit."""

    diagnostic = models.OneToOneField(Diagnostic, on_delete=models.CASCADE, related_name="resultat")
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="resultats"
    )
    organisation = models.ForeignKey(
        "programme.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resultats_diagnostic",
    )
    profil = models.CharField(_("profil"), max_length=30, choices=Profil.choices)
    domaine_activite = models.CharField(
        _("domaine d'activité"), max_length=40, choices=DomaineActivite.choices, blank=True
    )
    m1 = models.FloatField("M1")
    m2 = models.FloatField("M2")
    m3 = models.FloatField("M3")
    m4 = models.FloatField("M4")
    m5 = models.FloatField("M5")
    m6 = models.FloatField("M6")
    m7 = models.FloatField("M7")
    dominant = models.CharField(_("modèle dominant"), max_length=2, choices=Modele.choices)
    second = models.CharField(
        _("second modèle (hybride)"), max_length=2, choices=Modele.choices, blank=True
    )
    libelle = models.CharField(_("modèle"), max_length=10)
    logique = models.CharField(_("logique"), max_length=20)
    maturite = models.FloatField(_("maturité globale"))
    niveau = models.PositiveSmallIntegerField(_("niveau"), choices=Niveau.choices)
    format = models.ForeignKey(
        "programme.Format", on_delete=models.PROTECT, related_name="+", verbose_name=_("format")
    )
    donnees = models.JSONField(_("résultat complet"))
    calcule_le = models.DateTimeField(_("calculé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("résultat")
        verbose_name_plural = _("résultats")
        ordering = ["-calcule_le"]
        indexes = [models.Index(fields=["domaine_activite"], name="resultat_domaine")]
        constraints = [
            models.CheckConstraint(
                condition=Q(niveau__gte=1, niveau__lte=4), name="resultat_niveau"
            ),
            models.CheckConstraint(
                condition=Q(maturite__gte=0, maturite__lte=100), name="resultat_maturite"
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{m.lower()}__gte": 0, f"{m.lower()}__lte": 100}),
                    name=f"resultat_{m.lower()}_borne",
                )
                for m in MODELES
            ],
        ]

    def __str__(self):
        return f"{self.diagnostic} — {self.libelle}"

    @property
    def scores(self) -> dict[str, float]:
        return {m: getattr(self, m.lower()) for m in MODELES}
