"""One error type whose message always names the input and the reason, on one line."""

from __future__ import annotations


class NewsgraphError(Exception):
    """A failure tied to one input; the batch it belongs to goes on."""

    def __init__(self, origin: str, reason: str):
        self.origin = origin
        self.reason = " ".join(str(reason).split())  # always one line
        super().__init__(f"{origin}: {self.reason}")


class PageTooLarge(NewsgraphError):
    pass


class FetchError(NewsgraphError):
    pass


class NoArticle(NewsgraphError):
    pass
