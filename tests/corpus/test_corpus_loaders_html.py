from corpus.loaders import load_file


class TestHtmlLoader:
    def test_title_and_heading_path(self, fixtures):
        doc = load_file(fixtures / "page.html")
        assert doc.kind == "html"
        assert doc.title == "Marketing Fund Basics"
        assert doc.meta["url"] == "https://partners.example.com/marketing-fund"
        assert [s.heading_path for s in doc.sections] == [
            ("Marketing Fund Basics",),
            ("Split between rebate and fund",),
            ("Split between rebate and fund", "Usage threshold"),
            ("Approved activities",),
        ]

    def test_boilerplate_is_dropped(self, fixtures):
        text = load_file(fixtures / "page.html").text
        for junk in ["tracking-script", "late script", "font-family", "Site header", "Programs menu",
                     "cookies", "Home / Programs", "Related articles", "Sidebar promo", "Footer copyright"]:
            assert junk not in text, junk

    def test_content_is_kept(self, fixtures):
        doc = load_file(fixtures / "page.html")
        threshold = doc.sections[2].text
        assert "- Before October 2021: $4,000." in threshold
        assert "- From October 2021: $10,000." in threshold
        assert "Earning six months" in threshold
        assert "forty percent\ngoes into the fund" in doc.sections[1].text  # <br> is a line break

    def test_page_without_title_or_h1(self, tmp_path):
        f = tmp_path / "snippet.htm"
        f.write_text("<div class='content'><p>Only a paragraph.</p></div>")
        doc = load_file(f)
        assert doc.title == "snippet"
        assert doc.sections[0].text == "Only a paragraph."

    def test_the_items_of_one_list_stay_one_list(self, tmp_path):
        from index.sentences import split_units

        f = tmp_path / "list.html"
        f.write_text("<main><p>Two things are required:</p><ul><li>an active membership, and</li>"
                     "<li><p>a signed agreement.</p></li></ul><p>Then onboarding starts.</p>"
                     "<ul><li>Unrelated item</li></ul></main>")
        text = load_file(f).sections[0].text
        assert "- an active membership, and\n- a signed agreement." in text
        units = split_units(text)
        items = [u for u in units if u.kind == "item"]
        assert items[0].group == items[1].group != items[2].group
