"""Ingest stage: every way an article comes in, each as an `Article` or an
`InputError` naming the input and the reason.

    files     local files, directories, stdin, URLs and `.urls` lists (`read_articles`)
    articles  an `Article` from a dict or text
    pages     an HTML page's main text and metadata; the id of a URL
    feeds     RSS and Atom items and the articles they point to
    warc      the pages of a news crawl's WARC files
    web       polite HTTP: robots.txt, per-host interval, retries, size cap
    languages offline language identification (non-English items are skipped)
    watch     polling feeds into the store, its state kept in the store
"""
from .articles import article_from_dict, content_id, make_article
from .files import expand, read_articles

__all__ = ["read_articles", "expand", "article_from_dict", "content_id", "make_article"]
