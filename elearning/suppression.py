"""Small-count suppression for published aggregates (a pure function).

A count from 1 to 4 could point at one identifiable service, so it is not
shown. Where exactly one count in a row is hidden and the row's total is
shown, the hidden one could be worked out by subtraction, so the next
smallest non-zero count is hidden too. Zero is shown: it identifies no one.
"""

SMALL_COUNT = 5


def suppress_small_counts(counts: list[int], *, threshold: int = SMALL_COUNT) -> list[int | None]:
    shown: list[int | None] = [None if 0 < count < threshold else count for count in counts]
    hidden = [index for index, value in enumerate(shown) if value is None]
    if len(hidden) == 1:
        others = [(count, index) for index, count in enumerate(counts) if index not in hidden and count > 0]
        if others:
            shown[min(others)[1]] = None
    return shown
