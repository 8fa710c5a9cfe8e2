import pytest

from tests.autodiagnostic.conftest import contenu_autodiagnostic  # noqa: F401


@pytest.fixture(autouse=True)
def _archives(settings, tmp_path, mailoutbox):
    settings.RGPD_ARCHIVES_ROOT = tmp_path / "archives"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
