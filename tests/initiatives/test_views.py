import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


class TestInitiatiefList:
    url = reverse("initiatives:list")

    def test_pilot_initiatives_grouped_by_cohort(self, client, minigids):
        response = client.get(self.url)
        assert response.status_code == 200
        page = response.content.decode()
        assert 'id="cohort-pilot-2024"' in page
        for slug in ["noordoogst", "zorgen-voor-morgen", "the-clothing-loop", "van-afval-naar-oogst"]:
            assert f'id="{slug}"' in page
        assert page.index("Pilot 2024") < page.index("NoordOogst") < page.index("Van Afval naar Oogst")

    def test_an_initiative_in_two_cohorts_keeps_one_anchor(self, client):
        eerste, tweede = f.CohortFactory(jaar=2024), f.CohortFactory(jaar=2025)
        beide = f.InitiatiefFactory(naam="Twee rondes", cohorten=(eerste, tweede))
        page = client.get(self.url).content.decode()
        assert page.count("Twee rondes</h3>") == 2
        assert page.count(f'id="{beide.slug}"') == 1

    def test_fixed_queries(self, client, minigids, django_assert_num_queries):
        with django_assert_num_queries(2):
            client.get(self.url)
        for _ in range(7):
            f.InitiatiefFactory(cohorten=(f.CohortFactory(),))
        with django_assert_num_queries(2):
            client.get(self.url)
