from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rameau.jetons import nouveau_jeton

from .enums import DomaineActivite, Public, RoleMembre, TrancheBudget
from .validators import valider_departement, valider_rna, valider_siren

AIDE_LISTE = _("Un élément par ligne.")


def lignes(texte: str) -> list[str]:
    """Découpe un champ « un élément par ligne » en liste, sans lignes vides."""
    return [ligne.strip() for ligne in (texte or "").splitlines() if ligne.strip()]


# --- Comptes et organisations -------------------------------------------------------------


class UtilisateurManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("L'adresse e-mail est obligatoire.")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class Utilisateur(AbstractBaseUser, PermissionsMixin):
    """Compte d'une personne ; l'adresse e-mail sert d'identifiant."""

    email = models.EmailField(_("adresse e-mail"), unique=True)
    nom = models.CharField(_("nom"), max_length=150, blank=True)
    is_staff = models.BooleanField(_("équipe Le RAMEAU"), default=False)
    is_active = models.BooleanField(_("actif"), default=True)
    date_joined = models.DateTimeField(_("inscrit le"), default=timezone.now)
    origine = models.CharField(
        _("origine (relais)"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("Premier relais de la visite (?relais=, utm_source ou site d'origine)."),
    )

    objects = UtilisateurManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        constraints = [models.UniqueConstraint(Lower("email"), name="utilisateur_email_unique_ci")]

    def __str__(self):
        return self.nom or self.email

    def get_full_name(self):
        return self.nom or self.email

    def get_short_name(self):
        return self.nom or self.email


class Organisation(models.Model):
    nom = models.CharField(_("nom"), max_length=200)
    type_acteur = models.CharField(
        _("type d'acteur"),
        max_length=30,
        choices=Public.choices,
        default=Public.ASSOCIATION,
    )
    domaine_activite = models.CharField(
        _("domaine d'activité"), max_length=40, choices=DomaineActivite.choices, blank=True
    )
    departement = models.CharField(
        _("département"), max_length=3, blank=True, validators=[valider_departement]
    )
    tranche_budget = models.CharField(
        _("tranche de budget"), max_length=20, choices=TrancheBudget.choices, blank=True
    )
    nb_salaries = models.PositiveIntegerField(_("nombre de salariés"), null=True, blank=True)
    nb_benevoles = models.PositiveIntegerField(_("nombre de bénévoles"), null=True, blank=True)
    rna = models.CharField(
        _("numéro RNA"),
        max_length=10,
        blank=True,
        validators=[valider_rna],
        help_text=_("Facultatif : W suivi de 9 chiffres."),
    )
    siren = models.CharField(
        _("SIREN"),
        max_length=9,
        blank=True,
        validators=[valider_siren],
        help_text=_("Facultatif : 9 chiffres."),
    )
    demo = models.BooleanField(
        _("donnée de démonstration"),
        default=False,
        help_text=_("Créée par le jeu de démonstration ; à ne pas utiliser en production."),
    )
    cree_le = models.DateTimeField(_("créée le"), auto_now_add=True)
    membres = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membre", related_name="organisations"
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["nom"]

    def __str__(self):
        return self.nom

    def get_absolute_url(self):
        return reverse("programme:organisation", args=[self.pk])


class Membre(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="adhesions"
    )
    utilisateur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="adhesions"
    )
    role = models.CharField(
        _("rôle"), max_length=20, choices=RoleMembre.choices, default=RoleMembre.MEMBRE
    )
    depuis = models.DateTimeField(_("membre depuis"), auto_now_add=True)

    class Meta:
        verbose_name = _("membre")
        verbose_name_plural = _("membres")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "utilisateur"], name="membre_unique_par_organisation"
            )
        ]

    def __str__(self):
        return f"{self.utilisateur} — {self.organisation} ({self.get_role_display()})"


class Invitation(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("adresse e-mail"))
    role = models.CharField(
        _("rôle"), max_length=20, choices=RoleMembre.choices, default=RoleMembre.MEMBRE
    )
    jeton = models.CharField(max_length=64, unique=True, default=nouveau_jeton, editable=False)
    invitee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    creee_le = models.DateTimeField(_("créée le"), auto_now_add=True)
    acceptee_le = models.DateTimeField(_("acceptée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                "organisation",
                Lower("email"),
                condition=models.Q(acceptee_le__isnull=True),
                name="invitation_en_attente_unique",
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    def get_absolute_url(self):
        return reverse("programme:invitation", args=[self.jeton])


# --- Contenu de référence du programme ----------------------------------------------------


class Objectif(models.Model):
    ordre = models.PositiveSmallIntegerField(_("ordre"), unique=True)
    texte = models.TextField(_("texte"))

    class Meta:
        verbose_name = _("objectif du programme")
        verbose_name_plural = _("objectifs du programme")
        ordering = ["ordre"]

    def __str__(self):
        return self.texte[:80]


class Pilier(models.Model):
    numero = models.PositiveSmallIntegerField(_("numéro"), unique=True)
    slug = models.SlugField(unique=True)
    titre = models.CharField(_("titre"), max_length=200)
    accroche = models.CharField(_("accroche"), max_length=300)
    description = models.TextField(_("description"))
    points_cles = models.TextField(_("points clés"), blank=True, help_text=AIDE_LISTE)
    partenaires = models.ManyToManyField(
        "Partenaire", blank=True, related_name="piliers", verbose_name=_("partenaires")
    )

    class Meta:
        verbose_name = _("pilier")
        verbose_name_plural = _("piliers")
        ordering = ["numero"]

    def __str__(self):
        return f"{self.numero}. {self.titre}"

    def get_absolute_url(self):
        return reverse("programme:pilier", args=[self.slug])

    @property
    def liste_points_cles(self):
        return lignes(self.points_cles)


class Format(models.Model):
    ordre = models.PositiveSmallIntegerField(_("ordre"), unique=True)
    slug = models.SlugField(unique=True)
    nom = models.CharField(_("nom"), max_length=100, unique=True)
    description = models.TextField(_("description"))
    pour_qui = models.TextField(_("pour qui"), blank=True)
    lien = models.URLField(_("lien"), blank=True)

    class Meta:
        verbose_name = _("format")
        verbose_name_plural = _("formats")
        ordering = ["ordre"]

    def __str__(self):
        return self.nom

    def get_absolute_url(self):
        return reverse("programme:format", args=[self.slug])


class Levier(models.Model):
    """Les trois leviers d'un modèle socio-économique."""

    ordre = models.PositiveSmallIntegerField(_("ordre"), unique=True)
    slug = models.SlugField(unique=True)
    nom = models.CharField(_("nom"), max_length=100)
    description = models.TextField(_("description"))

    class Meta:
        verbose_name = _("levier du modèle socio-économique")
        verbose_name_plural = _("leviers du modèle socio-économique")
        ordering = ["ordre"]

    def __str__(self):
        return self.nom


class ModeleSocioEconomique(models.Model):
    class Logique(models.TextChoices):
        INTERET_GENERAL = "interet_general", _("Structure d'intérêt général")
        OPERATEUR = "operateur", _("Opérateur économique à finalité sociale")

    code = models.CharField(_("code"), max_length=2, unique=True, help_text=_("M1 à M7"))
    ordre = models.PositiveSmallIntegerField(_("ordre"), unique=True)
    nom = models.CharField(_("nom"), max_length=120)
    sous_titre = models.CharField(_("sous-titre"), max_length=200)
    ressources = models.TextField(_("ressources"))
    domaines = models.TextField(_("domaines"), help_text=AIDE_LISTE)
    avantages = models.TextField(_("avantages"), help_text=AIDE_LISTE)
    inconvenients = models.TextField(_("inconvénients"), help_text=AIDE_LISTE)
    logique = models.CharField(_("logique"), max_length=20, choices=Logique.choices)

    class Meta:
        verbose_name = _("modèle socio-économique")
        verbose_name_plural = _("modèles socio-économiques")
        ordering = ["ordre"]

    def __str__(self):
        return f"{self.code} – {self.nom}"

    def get_absolute_url(self):
        return reverse("programme:modele", args=[self.code.lower()])

    @property
    def liste_domaines(self):
        return lignes(self.domaines)

    @property
    def liste_avantages(self):
        return lignes(self.avantages)

    @property
    def liste_inconvenients(self):
        return lignes(self.inconvenients)


class FamilleLeviers(models.Model):
    """Famille de leviers financiers : leviers, compétences et risques associés."""

    ordre = models.PositiveSmallIntegerField(_("ordre"), unique=True)
    slug = models.SlugField(unique=True)
    nom = models.CharField(_("nom"), max_length=120)
    leviers = models.TextField(_("leviers"), help_text=AIDE_LISTE)
    competences = models.TextField(_("compétences"), help_text=AIDE_LISTE)
    risques = models.TextField(_("risques"), help_text=AIDE_LISTE)
    modeles = models.ManyToManyField(
        ModeleSocioEconomique, related_name="familles_leviers", verbose_name=_("modèles concernés")
    )

    class Meta:
        verbose_name = _("famille de leviers financiers")
        verbose_name_plural = _("familles de leviers financiers")
        ordering = ["ordre"]

    def __str__(self):
        return self.nom

    @property
    def liste_leviers(self):
        return lignes(self.leviers)

    @property
    def liste_competences(self):
        return lignes(self.competences)

    @property
    def liste_risques(self):
        return lignes(self.risques)


class RolePartenaire(models.Model):
    ordre = models.PositiveSmallIntegerField(_("ordre"), unique=True)
    code = models.SlugField(unique=True)
    nom = models.CharField(_("nom"), max_length=100)

    class Meta:
        verbose_name = _("rôle de partenaire")
        verbose_name_plural = _("rôles de partenaires")
        ordering = ["ordre"]

    def __str__(self):
        return self.nom


class Partenaire(models.Model):
    code = models.SlugField(
        _("code"), unique=True, help_text=_("Identifiant court utilisé dans les liens (relais).")
    )
    nom = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    site_web = models.URLField(_("site web"), blank=True)
    roles = models.ManyToManyField(
        RolePartenaire, related_name="partenaires", verbose_name=_("rôles")
    )
    origines_integration = models.TextField(
        _("origines autorisées à intégrer les pages"),
        blank=True,
        help_text=_("Une origine par ligne, par ex. https://www.exemple.org"),
    )
    ordre = models.PositiveSmallIntegerField(_("ordre"), default=100)

    class Meta:
        verbose_name = _("partenaire")
        verbose_name_plural = _("partenaires")
        ordering = ["ordre", "nom"]

    def __str__(self):
        return self.nom

    @property
    def liste_origines_integration(self):
        return lignes(self.origines_integration)


class ProgrammeRecherche(models.Model):
    ordre = models.PositiveSmallIntegerField(_("ordre"), unique=True)
    slug = models.SlugField(unique=True)
    nom = models.CharField(_("nom"), max_length=150)
    description = models.TextField(_("description"))

    class Meta:
        verbose_name = _("programme de recherche associé")
        verbose_name_plural = _("programmes de recherche associés")
        ordering = ["ordre"]

    def __str__(self):
        return self.nom


class ChiffreCle(models.Model):
    ordre = models.PositiveSmallIntegerField(_("ordre"), unique=True)
    valeur = models.CharField(_("valeur"), max_length=40)
    libelle = models.CharField(_("libellé"), max_length=200)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("chiffre clé du secteur")
        verbose_name_plural = _("chiffres clés du secteur")
        ordering = ["ordre"]

    def __str__(self):
        return f"{self.valeur} {self.libelle}"


class Visite(models.Model):
    """Le premier contact d'une visite venue d'un relais (voir ``programme.attribution``)."""

    origine = models.CharField(_("origine (relais)"), max_length=100)
    cree_le = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("visite attribuée")
        verbose_name_plural = _("visites attribuées")
        ordering = ["-cree_le"]
        indexes = [models.Index(fields=["origine", "cree_le"])]

    def __str__(self):
        return f"{self.origine} — {self.cree_le:%d/%m/%Y}"
