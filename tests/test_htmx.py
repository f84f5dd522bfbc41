"""incubator.htmx: the one place that decides page or partial, sets Vary, retargets and answers 303."""

from http import HTTPStatus

import pytest
from django.test import RequestFactory

from incubator.htmx import VARY, is_htmx, render_page, render_partial, see_other

PAGE = "wegwijzers/zoeken.html"


@pytest.fixture
def rf():
    return RequestFactory()


class TestRenderPage:
    def test_a_normal_request_gets_the_page(self, rf):
        response = render_page(rf.get("/"), PAGE, {}, partial="zoekresultaten")
        assert response.template_name == PAGE
        assert response.status_code == HTTPStatus.OK

    def test_an_htmx_request_gets_the_partial(self, rf):
        response = render_page(rf.get("/", headers={"HX-Request": "true"}), PAGE, {}, partial="zoekresultaten")
        assert response.template_name == f"{PAGE}#zoekresultaten"

    def test_a_history_restore_gets_the_whole_page(self, rf):
        request = rf.get("/", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
        assert not is_htmx(request)
        assert render_page(request, PAGE, {}, partial="zoekresultaten").template_name == PAGE

    @pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}])
    def test_a_page_with_a_partial_varies_on_both_htmx_headers(self, rf, headers):
        response = render_page(rf.get("/", headers=headers), PAGE, {}, partial="zoekresultaten")
        assert [h.strip() for h in response["Vary"].split(",")] == list(VARY)

    def test_a_page_without_a_partial_does_not_vary_on_htmx(self, rf):
        response = render_page(rf.get("/", headers={"HX-Request": "true"}), PAGE, {})
        assert response.template_name == PAGE
        assert not response.has_header("Vary")

    def test_retarget_and_reswap_only_for_the_partial(self, rf):
        kwargs = {"partial": "zoekresultaten", "target": "#elders", "swap": "innerHTML"}
        htmx = render_page(rf.get("/", headers={"HX-Request": "true"}), PAGE, {}, **kwargs)
        assert htmx["HX-Retarget"] == "#elders" and htmx["HX-Reswap"] == "innerHTML"
        page = render_page(rf.get("/"), PAGE, {}, **kwargs)
        assert not page.has_header("HX-Retarget") and not page.has_header("HX-Reswap")

    def test_status_is_kept(self, rf):
        response = render_page(rf.get("/"), PAGE, {}, status=HTTPStatus.UNPROCESSABLE_CONTENT)
        assert response.status_code == 422


def test_render_partial_always_answers_the_partial(rf):
    response = render_partial(rf.post("/"), PAGE, "zoekresultaten", {}, status=HTTPStatus.CONFLICT, target="#x")
    assert response.template_name == f"{PAGE}#zoekresultaten"
    assert response.status_code == 409
    assert response["HX-Retarget"] == "#x"


def test_see_other_is_a_303_to_a_url_or_a_url_name():
    assert see_other("/ergens/").status_code == HTTPStatus.SEE_OTHER
    assert see_other("/ergens/")["Location"] == "/ergens/"
    assert see_other("wegwijzers:search")["Location"] == "/zoeken/"
