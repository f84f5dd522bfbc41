"""gunicorn's master builds what the workers share before it forks them (incubator/warmup.py)."""

from django.template import engines

from incubator.warmup import _project_templates, warm


def test_compiles_the_project_templates_without_touching_the_database():
    # No database fixture: pytest-django refuses any query here, as the master must never connect before forking.
    compiled = warm()
    names = _project_templates()
    assert compiled >= len(names) - 5  # a few fragments in other formats compile on first use
    assert "base.html" in names and "wegwijzers/zoeken.html" in names
    assert not any(name.startswith("admin/") for name in names)  # Django's admin: only compiled when used
    loader = engines["django"].engine.template_loaders[0]
    assert {"base.html", "wegwijzers/zoeken.html"} <= set(loader.get_template_cache)  # the cached loader holds them
