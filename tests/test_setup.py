"""The project's own contract: settings that every page relies on."""

from django.conf import settings


class TestSettings:
    def test_dutch_and_amsterdam_time(self):
        assert settings.LANGUAGE_CODE == "nl"
        assert settings.TIME_ZONE == "Europe/Amsterdam"

    def test_suite_runs_on_postgresql(self):
        assert settings.DATABASES["default"]["ENGINE"] == "incubator.postgresql"

    def test_persistent_connections_with_health_checks(self):
        assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
        assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


class TestHealth:
    def test_health_reports_database(self, client, db):
        response = client.get("/gezondheid/")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok"}
