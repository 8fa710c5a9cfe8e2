"""Champs partagés par les applications qui décrivent à qui s'adresse un contenu."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import Public


class ChampPublics(models.CharField):
    """Une liste de publics (:class:`programme.enums.Public`) d'une session ou d'une
    ressource, rangée « ,association,financeur, ».

    Filtrable de la même façon sur SQLite et PostgreSQL (``publics__contains=",financeur,"``,
    voir :func:`pour_public`) ; une liste vide veut dire « tous les publics ».
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return list(value)
        return [code for code in (value or "").split(",") if code]

    def get_prep_value(self, value):
        if isinstance(value, list | tuple):
            codes = [c for c in Public.values if c in value]  # ordre canonique, sans doublon
            return f",{','.join(codes)}," if codes else ""
        return value  # motif d'une recherche (``contains``) ou valeur déjà rangée

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        inconnus = [code for code in value if code not in Public.values]
        if inconnus:
            raise ValidationError(
                _("Public inconnu : %(codes)s."), params={"codes": ", ".join(inconnus)}
            )

    def run_validators(self, value):
        return None  # la longueur est celle d'une liste fermée de publics

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=Public.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            help_text=self.help_text,
        )

    def libelles(self, valeur) -> str:
        """« Association, Territoire / collectivité » ; « Tous les publics » si vide."""
        codes = self.to_python(valeur)
        if not codes:
            return str(_("Tous les publics"))
        return ", ".join(str(Public(code).label) for code in codes)


def pour_public(champ: str, public: str) -> models.Q:
    """Les lignes ouvertes à ce public : celles qui le citent et celles sans public précisé."""
    return models.Q(**{champ: ""}) | models.Q(**{f"{champ}__contains": f",{public},"})
