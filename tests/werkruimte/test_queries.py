"""Every workspace page and export runs the same, fixed number of queries with 4 koppels and with 40."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse

from tests import factories as f

# Each count includes the session and the user (2 queries) of the logged-in team member.
PAGES = {
    "home": ("werkruimte:home", {}, {}, 4),
    "cohort": ("werkruimte:cohort", {"slug": "meting"}, {}, 7),
    "cohort-stil": ("werkruimte:cohort", {"slug": "meting"}, {"weken": "2"}, 7),
    "inzichten": ("werkruimte:inzichten", {}, {}, 14),
    "inzichten-cohort": ("werkruimte:inzichten", {}, {"cohort": "meting"}, 13),
    "obstakels": ("werkruimte:obstakels", {}, {}, 10),
    "obstakels-gefilterd": ("werkruimte:obstakels", {}, {"cohort": "meting", "staat": "gesignaleerd"}, 10),
    "activiteit": ("werkruimte:activiteit", {}, {}, 6),
    "wijzigingen": ("werkruimte:wijzigingen", {}, {}, 4),
    "initiatieven": ("werkruimte:initiatieven", {}, {}, 6),
    "koppel-nieuw": ("werkruimte:koppel_nieuw", {}, {"cohort": "meting"}, 5),
    "cohort-archiveren": ("werkruimte:cohort_archiveren", {"slug": "meting"}, {}, 4),
    "export-voortgang": ("werkruimte:export_voortgang", {"formaat": "csv"}, {"cohort": "meting"}, 7),
    "export-obstakels": ("werkruimte:export_obstakels", {"formaat": "json"}, {}, 3),
}


@pytest.mark.parametrize("naam", PAGES)
def test_query_count_stays_the_same_when_koppels_grow_tenfold(client, db, django_assert_num_queries, naam):
    url_name, kwargs, query, verwacht = PAGES[naam]
    gids = f.gids(aantal=3, acties=2)
    labels = f.labels()
    team = f.ProgrammateamFactory()
    client.force_login(team)
    cohort, _ = f.volle_cohort(4, gids, labels, cohort=f.CohortFactory(slug="meting"))
    url = reverse(url_name, kwargs=kwargs)

    for extra in (0, 36):  # 4 koppels, then 40
        f.volle_cohort(extra, gids, labels, cohort=cohort)
        LogEntry.objects.log_actions(team.pk, gids, CHANGE, change_message=[{"changed": {"fields": ["Doel"]}}])
        with django_assert_num_queries(verwacht):
            response = client.get(url, query)
            assert response.status_code == 200
            if response.streaming:
                b"".join(response.streaming_content)
