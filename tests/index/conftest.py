import numpy as np
import pytest

from index.encoder import FakeEncoder


class CountingEncoder(FakeEncoder):
    """The fake encoder, counting how many texts it was asked to embed."""

    def __init__(self, **kw):
        super().__init__(**kw)
        self.calls = 0

    def encode(self, texts):
        self.calls += len(texts)
        return super().encode(texts)


class FailingEncoder(FakeEncoder):
    """Embeds a few batches, then fails as a killed or crashed ingest would."""

    def __init__(self, fail_after: int):
        super().__init__()
        self.left = fail_after

    def encode(self, texts):
        self.left -= 1
        if self.left < 0:
            raise RuntimeError("simulated crash during embedding")
        return super().encode(texts)


@pytest.fixture
def counting_encoder():
    return CountingEncoder()


@pytest.fixture
def docs_dir(tmp_path):
    """A small folder of operator documents in three formats."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "rebates.md").write_text(
        "---\ntitle: Rebate basics\nkind: guide\n---\n# Rebate basics\n\n## Payment timing\n\n"
        "Rebates for the widget programme are paid every quarter after the books close.\n\n"
        "## Widget rate\n\nWidget licences earn a rebate of three percent of billed revenue.\n"
    )
    (folder / "support.txt").write_text(
        "Support Handbook\n\nOpening Hours\n\nThe partner desk answers tickets on weekdays from nine to five.\n\n"
        "Escalations\n\nUrgent tickets go to the duty manager, who replies within four hours.\n"
    )
    (folder / "faq.html").write_text(
        "<html><head><title>Portal FAQ</title><script>var x = 'tracking';</script></head><body>"
        "<nav>Home | Products | Login</nav><h1>Portal FAQ</h1><h2>Passwords</h2>"
        "<p>Reset a forgotten portal password from the sign-in page with the recovery link.</p>"
        "<footer>Copyright notice</footer></body></html>"
    )
    return folder


@pytest.fixture
def unit_vectors():
    return lambda n, d: np.eye(n, d, dtype=np.float32)
