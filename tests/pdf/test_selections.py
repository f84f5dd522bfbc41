"""Parts of the minigids as PDF: chosen wegwijzers, one label, one audience; A4; and the content version."""

import io

import pypdf
import pytest

from tests import factories as f
from tests.pdf.conftest import squash
from wegwijzers import pdf
from wegwijzers.models import Actie, Label, Link, Tekstblok, Wegwijzer

A4 = (595.28, 841.89)


def _render(selectie: pdf.Selectie) -> tuple[pypdf.PdfReader, str]:
    data, pages = pdf.render_minigids(selectie)
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == pages
    return reader, squash("\n".join(page.extract_text() for page in reader.pages))


def _outline(reader: pypdf.PdfReader) -> list[str]:
    return [item.title for item in reader.outline if not isinstance(item, list)]


class TestSelections:
    def test_chosen_wegwijzers_only(self, minigids):
        chosen = list(Wegwijzer.objects.filter(volgorde__in=[2, 5]).order_by("volgorde"))
        others = Wegwijzer.objects.exclude(pk__in=[w.pk for w in chosen])
        reader, text = _render(pdf.Selectie(soort="wegwijzers", waarden=tuple(w.slug for w in chosen)))
        doe_mee = Tekstblok.objects.get(sleutel="doe-mee").titel
        assert _outline(reader) == [chosen[0].titel, chosen[1].titel, doe_mee]
        for wegwijzer in chosen:
            for actie in wegwijzer.acties.all():
                assert squash(actie.tekst) in text
            for url in Link.objects.filter(leesitem__wegwijzer=wegwijzer).values_list("url", flat=True):
                assert squash(url) in text
        for wegwijzer in others:
            assert squash(wegwijzer.doel) not in text
        assert squash("Een selectie van 2 wegwijzers") in text

    def test_one_label_in_a4(self, minigids):
        label = Label.objects.get(slug="governance")
        reader, text = _render(pdf.Selectie(formaat="a4", soort="label", waarden=(label.slug,)))
        with_label = list(label.wegwijzers.order_by("volgorde").values_list("titel", flat=True))
        assert with_label
        assert _outline(reader)[:-1] == with_label
        for wegwijzer in Wegwijzer.objects.exclude(labels=label):
            assert squash(wegwijzer.doel) not in text
        assert squash("Wegwijzers met het label Governance") in text
        sizes = {(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2)) for p in reader.pages}
        assert sizes == {A4}

    def test_one_audience_lists_only_its_actions(self, minigids):
        reader, text = _render(pdf.Selectie(soort="doelgroep", waarden=("ambtenaar",)))
        for actie in Actie.objects.all():
            if actie.doelgroep in ("ambtenaar", "beide"):
                assert squash(actie.tekst) in text, actie.tekst
            else:
                assert squash(actie.tekst) not in text, actie.tekst
        assert squash("Acties voor ambtenaren") in text
        # A checklist of actions: no reading lists, no quotes, no "Doe mee".
        assert squash("Meer weten & verder lezen") not in text
        for wegwijzer in Wegwijzer.objects.all():
            assert squash(wegwijzer.citaat) not in text
        assert (
            len(_outline(reader))
            == Wegwijzer.objects.filter(acties__doelgroep__in=["ambtenaar", "beide"]).distinct().count()
        )

    def test_the_keys_of_equal_selections_are_equal(self):
        assert pdf.Selectie.from_sleutel("a4/label/governance") == pdf.Selectie("a4", "label", ("governance",))
        assert pdf.Selectie().sleutel == "a5/alles"
        for bad in ("a3/alles", "a5/iets", "a5/label", "a5/doelgroep/kinderen", "a5/wegwijzers", "x"):
            with pytest.raises(pdf.OngeldigeSelectie):
                pdf.Selectie.from_sleutel(bad)


class TestContentVersion:
    def test_unchanged_content_keeps_its_version(self, db):
        f.volgende_wegwijzers()
        assert pdf.content_version() == pdf.content_version()

    def test_an_admin_edit_of_an_inline_action_gives_a_new_version(self, db):
        f.volgende_wegwijzers()
        before = pdf.content_version()
        actie = Actie.objects.first()
        actie.tekst += " Met een nieuwe zin."
        actie.save()
        assert pdf.content_version() != before

    @pytest.mark.parametrize("edit", ["link", "label", "tekstblok", "delete-actie", "wegwijzer-label"])
    def test_every_kind_of_edit_gives_a_new_version(self, db, edit):
        wegwijzers = f.volgende_wegwijzers()
        before = pdf.content_version()
        if edit == "link":
            Link.objects.update(url="https://example.org/nieuw")
        elif edit == "label":
            Label.objects.update(naam="Bestuur")
        elif edit == "tekstblok":
            Tekstblok.objects.filter(sleutel="colofon").update(tekst="Nieuw colofon.")
        elif edit == "delete-actie":
            Actie.objects.last().delete()
        else:
            wegwijzers[0].labels.clear()
        assert pdf.content_version() != before

    def test_the_version_costs_a_fixed_number_of_queries(self, db, django_assert_num_queries):
        f.volgende_wegwijzers(aantal=1)
        with django_assert_num_queries(7):
            pdf.content_version()
        f.volgende_wegwijzers(aantal=5, acties=6)
        with django_assert_num_queries(7):
            pdf.content_version()
