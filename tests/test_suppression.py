from elearning.suppression import suppress_small_counts


def test_counts_from_one_to_four_are_hidden_and_zero_and_five_are_shown():
    assert suppress_small_counts([0, 5, 7, 3, 4]) == [0, 5, 7, None, None]


def test_a_lone_hidden_count_takes_the_next_smallest_with_it_so_it_cannot_be_subtracted_out():
    assert suppress_small_counts([2, 9, 6, 0]) == [None, 9, None, 0]


def test_nothing_small_hides_nothing():
    assert suppress_small_counts([5, 0, 12, 8]) == [5, 0, 12, 8]


def test_a_lone_hidden_count_with_nothing_else_to_hide_stays_alone():
    assert suppress_small_counts([0, 3, 0, 0]) == [0, None, 0, 0]
