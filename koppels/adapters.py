from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class AccountAdapter(DefaultAccountAdapter):
    """People join by invitation only: there is no open sign-up. Login limits that cannot lock a person out. The
    programme team lands on its werkruimte after login."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Te veel inlogpogingen met een verkeerd wachtwoord vanaf dit adres. Probeer het over vijf minuten "
            "opnieuw. Je kunt wel inloggen met een code per e-mail: kies ‘Stuur mij een inlogcode’."
        ),
    }

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_login_redirect_url(self, request) -> str:
        if request.user.is_staff:
            return reverse("werkruimte:home")
        return super().get_login_redirect_url(request)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Count failed passwords per account *and* client address.

        Counted per account alone (allauth's default), a stranger who types five wrong passwords for someone's
        address locks that person out of password login. Per account and address, the stranger locks out only
        themselves; allauth's limit per address (10 a minute over all accounts) still bounds guessing.
        """
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{self.get_client_ip(request)}"
