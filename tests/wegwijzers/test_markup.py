from wegwijzers import markup


class TestMarkup:
    def test_paragraphs_headings_and_lists(self):
        html = markup.render("Eerste regel\ndoorlopend.\n\n## Kopje\n\n- een\n- twee", heading_level=3)
        assert html == "<p>Eerste regel doorlopend.</p>\n<h3>Kopje</h3>\n<ul><li>een</li><li>twee</li></ul>"

    def test_everything_is_escaped(self):
        html = markup.render('<script>alert("x")</script>')
        assert "<script>" not in html
        assert "&lt;script&gt;" in html

    def test_web_addresses_become_links(self):
        html = markup.render("Zie https://meentcoop.nl voor meer.")
        assert '<a href="https://meentcoop.nl"' in html

    def test_plain_text_for_search(self):
        assert markup.plain("## Kop\n\n- a\n- b\n\nTekst") == "Kop\na b\nTekst"
