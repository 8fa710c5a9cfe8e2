from django.conf import settings


def site(request):
    """Valeurs communes à tous les gabarits."""
    return {"SITE_URL": settings.SITE_URL}
