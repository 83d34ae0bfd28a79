from index.fusion import RRF_K, reciprocal_rank_fusion


def test_agreement_between_rankers_beats_one_first_place():
    fused = reciprocal_rank_fusion([[1, 2, 3], [2, 3, 1]])
    assert [item for item, _ in fused][:1] == [2]


def test_scores_follow_the_formula_and_inputs_are_untouched():
    a, b = [5, 6], [6]
    fused = dict(reciprocal_rank_fusion([a, b]))
    assert fused[6] == 1 / (RRF_K + 2) + 1 / (RRF_K + 1)
    assert fused[5] == 1 / (RRF_K + 1)
    assert a == [5, 6] and b == [6]


def test_empty_rankings_give_nothing():
    assert reciprocal_rank_fusion([[], []]) == []
