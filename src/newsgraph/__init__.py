"""newsgraph: raw news and blog pages in, articles and the facts they state out.

    >>> import newsgraph
    >>> article = newsgraph.extract(html, url="https://example.org/news/1")
    >>> article.title, article.paragraph_texts()[0]
"""

from __future__ import annotations

from newsgraph.record import Article

__version__ = "0.1.0"
__all__ = ["Article", "analyze", "analyze_text", "extract", "__version__"]


def _raw_page(page: str | bytes, url: str | None):
    from newsgraph.ingest.page import RawPage

    return RawPage(origin=url or "<page>", content=page, url=url)


def extract(page: str | bytes, url: str | None = None) -> Article:
    """Extraction only: an HTML page (str or bytes) or a plain-text dump to an Article.

    Raises newsgraph.errors.NewsgraphError when the page holds no article.
    """
    from newsgraph.extraction import extract_page

    return extract_page(_raw_page(page, url))


def analyze(page: str | bytes, url: str | None = None) -> Article:
    """The whole pipeline on one page: what `newsgraph analyze` prints."""
    from newsgraph.pipeline import analyze_page

    return analyze_page(_raw_page(page, url))


def analyze_text(text: str, *, published: str | None = None, language: str | None = None) -> Article:
    """Every enricher on the text exactly as given (no extraction): offsets are into `text`.

    ``language`` (ISO 639-1) picks the model and the language profile; by default it is detected
    from the text, as extraction does."""
    from newsgraph.enrich import enrich_articles
    from newsgraph.extraction.language import detect_language

    article = Article(text=text, paragraphs=Article.paragraph_spans(text), published=published,
                      language=language or detect_language(text))
    return enrich_articles([article])[0]
