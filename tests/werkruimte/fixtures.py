"""Fixtures shared by the workspace tests, registered as a plugin in tests/conftest.py."""

import pytest

from tests import factories as f


@pytest.fixture
def gids(db):
    return f.gids(aantal=3, acties=2)


@pytest.fixture
def labels(db):
    return f.labels()


@pytest.fixture
def team(db):
    return f.ProgrammateamFactory()


@pytest.fixture
def team_client(client, team):
    client.force_login(team)
    return client
