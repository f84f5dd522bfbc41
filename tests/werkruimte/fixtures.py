"""Fixtures shared by the workspace tests, registered as a plugin in tests/conftest.py."""

import pytest

from tests.koppels import workspace_factories as f


@pytest.fixture
def gids(db):
    return f.wegwijzers(aantal=3, acties_per_wegwijzer=2)


@pytest.fixture
def labels(db):
    return f.labels()


@pytest.fixture
def team(db):
    return f.programmateam()


@pytest.fixture
def team_client(client, team):
    client.force_login(team)
    return client
