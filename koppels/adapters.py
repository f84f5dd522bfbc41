from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    """People join by invitation only: there is no open sign-up. The programme team lands on its werkruimte."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_login_redirect_url(self, request) -> str:
        if request.user.is_staff:
            return reverse("werkruimte:home")
        return super().get_login_redirect_url(request)
