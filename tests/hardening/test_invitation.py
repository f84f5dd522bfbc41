"""An invitation to an address that is another account's verified secondary address: a clear refusal, not a 500."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from koppels import services
from koppels.models import Lidmaatschap, Rol
from tests.factories import PASSWORD, UserFactory, koppel_met_gids

pytestmark = pytest.mark.django_db


def test_secondary_address_of_another_account_is_refused_in_dutch(client, mailoutbox):
    ander = UserFactory(email="eerste@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=ander, email="tweede@example.org", verified=True, primary=False)
    koppel = koppel_met_gids()
    services.invite(koppel=koppel, email="tweede@example.org", rol=Rol.AMBTENAAR, by=None)
    path = re.search(r"/koppels/uitnodiging/\S+/", mailoutbox[-1].body).group(0)

    page = client.get(path)
    assert "Er bestaat al een account" in page.content.decode()
    response = client.post(path, {"naam": "Nina", "password1": "lang-en-geheim-42", "password2": "lang-en-geheim-42"})

    assert response.status_code == 409
    assert "Er bestaat al een account" in response.content.decode()
    assert get_user_model().objects.count() == 3  # the two of the koppel and the other account: no new one
    assert not Lidmaatschap.objects.filter(koppel=koppel, user=ander).exists()


def test_the_service_refuses_it_too(mailoutbox):
    ander = UserFactory(email="eerste@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=ander, email="Tweede@example.org", verified=True, primary=False)
    services.invite(koppel=koppel_met_gids(), email="tweede@example.org", rol=Rol.AMBTENAAR, by=None)
    token = re.search(r"/koppels/uitnodiging/(\S+)/", mailoutbox[-1].body).group(1)
    with pytest.raises(services.UitnodigingOngeldig) as refused:
        services.accept_invitation(token=token, naam="Nina", password="lang-en-geheim-42")
    assert refused.value.reden == services.UitnodigingOngeldig.ACCOUNT_BESTAAT
