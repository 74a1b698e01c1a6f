from core.richtext import sanitise_html, text_to_html


def test_scripts_event_handlers_and_javascript_links_are_removed():
    dirty = (
        '<p onmouseover="steal()">Salut</p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)>'
    )

    clean = sanitise_html(dirty)

    assert "<script" not in clean and "onmouseover" not in clean
    assert "javascript:" not in clean and "<img" not in clean
    assert "<p>Salut</p>" in clean


def test_plain_text_becomes_escaped_paragraphs():
    assert text_to_html("a < b\n\nligne 1\nligne 2") == (
        "<p>a &lt; b</p><p>ligne 1<br/>ligne 2</p>"
    )


def test_safe_links_are_kept_and_marked_noopener():
    assert sanitise_html('<a href="https://example.org">lien</a>') == (
        '<a href="https://example.org" rel="noopener noreferrer">lien</a>'
    )
