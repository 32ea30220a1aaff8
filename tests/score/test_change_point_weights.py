from narrative.score.shifts import best_change_point


def test_change_point_weights_damp_a_one_statement_session():
    values = [0.4, 0.4, 0.4, 0.4, -0.4, 0.4]
    unweighted = best_change_point(values, min_segment=2)
    weighted = best_change_point(values, min_segment=2, weights=[5, 5, 5, 5, 1, 9])
    assert abs(weighted[2]) < abs(unweighted[2])
    assert abs(weighted[2]) < 0.1


def test_change_point_weights_of_one_match_unweighted():
    values = [0.1, 0.2, 0.6, 0.7, 0.8]
    assert best_change_point(values, min_segment=2) == best_change_point(
        values, min_segment=2, weights=[1] * 5
    )
