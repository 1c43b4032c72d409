"""Bundled texts as HTML pages: the text unchanged and escaped, each quote highlighted and linked to its cards."""

from __future__ import annotations

from analysis.reporting.source_pages import QuoteUse, build_source_page_html, collect_quote_uses, highlight_text

TEXT = "Rockets hit <Ain al-Asad>\nlate on\n  Thursday. No casualties."


def test_quotes_are_highlighted_across_line_breaks_and_text_stays_escaped():
    quotes = [QuoteUse("late on Thursday", (("I1", "../2024-07.html#I1", "date"),)), QuoteUse("absent", ())]
    body, found = highlight_text(TEXT, quotes)
    assert found == {0}
    assert '<mark id="m1">late on\n  Thursday</mark><a class="quote-ref" href="#q1">[1]</a>' in body
    assert "&lt;Ain al-Asad&gt;" in body and "<Ain" not in body
    page = build_source_page_html("Title", "Reuters (wire/agency)", TEXT, quotes, "a.txt")
    assert '<a class="incident-link" href="../2024-07.html#I1">I1</a> (date)' in page
    assert "Quotes not found in this text: [2]" in page and "1 of 2 quotes" in page
    assert '<a href="a.txt">the unchanged text</a>' in page and 'href="../../methodology.html"' in page


def test_overlapping_quotes_share_one_mark_with_both_references():
    quotes = [QuoteUse("Rockets hit", ()), QuoteUse("hit <Ain", ())]
    body, found = highlight_text(TEXT, quotes)
    assert found == {0, 1} and body.count("<mark") == 1 and '[1]</a><a class="quote-ref" href="#q2">[2]' in body


def test_quote_uses_group_the_fields_of_each_incident():
    uses = collect_quote_uses(
        [("I1", "us_killed", "No casualties"), ("I1", "us_injured", "No casualties"), ("I2", "date", "late")],
        {"I1": "../a.html#I1"},
        lambda f: f.replace("_", " "),
    )
    assert uses == [
        QuoteUse("No casualties", (("I1", "../a.html#I1", "us killed, us injured"),)),
        QuoteUse("late", (("I2", "", "date"),)),
    ]
