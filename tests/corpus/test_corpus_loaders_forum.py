import json

import pytest

from corpus.loaders import LoadError, load_documents, load_file


class TestPlainTextThread:
    def test_posts_split_on_role_lines(self, fixtures):
        doc = load_file(fixtures / "forum_thread.txt")
        assert doc.kind == "forum"
        assert doc.title == "Do indirect providers earn rewards?"
        assert [s.heading_path for s in doc.sections] == [
            ("Question",),
            ("Answer 1 — Level 1 Contributor",),
            ("Answer 2 — Visitor 1",),
            ("Answer 3 — Community Manager (accepted)",),
        ]
        assert doc.meta["accepted_answer"] == 3
        assert doc.meta["roles"] == ["Visitor 1", "Level 1 Contributor", "Visitor 1", "Community Manager"]

    def test_each_post_carries_its_role_and_place_as_metadata_and_site_chrome_is_dropped(self, fixtures):
        doc = load_file(fixtures / "forum_thread.txt")
        assert [s.meta["post_role"] for s in doc.sections] == [
            "Visitor 1", "Level 1 Contributor", "Visitor 1", "Community Manager"]
        assert [s.meta["is_question"] for s in doc.sections] == [True, False, False, False]
        assert [s.meta["accepted"] for s in doc.sections] == [False, False, False, True]
        assert doc.sections[0].text.startswith("Can anyone tell me")
        assert "Posted by" not in doc.text
        assert "Hero Banner" not in doc.text
        assert "swap notes" not in doc.text
        assert "Accepted Solution" not in doc.text
        # Bare headings inside a post stay in that post.
        assert "Business Requirements" in doc.sections[2].text
        assert "within 30 days" in doc.sections[2].text


class TestJsonExport:
    def test_single_thread(self, fixtures):
        doc = load_file(fixtures / "forum_export.json")
        assert doc.title == "When is the marketing fund paid out as cash?"
        assert doc.doc_id == "forum_export"
        assert doc.source == str(fixtures / "forum_export.json")
        assert doc.meta["url"] == "https://community.example.com/t/marketing-fund-cash/101"
        assert doc.meta["original_source"] == "Example partner community"
        assert doc.meta["accepted_answer"] == 2
        assert [s.heading_path for s in doc.sections] == [
            ("Question",),
            ("Answer 1 — Member",),
            ("Answer 2 — Moderator (accepted)",),
        ]
        assert doc.sections[2].meta == {"post": 2, "is_question": False, "accepted": True,
                                        "post_role": "Moderator", "posted_at": "2021-11-03"}
        assert not doc.sections[2].text.startswith("Posted")

    def test_list_of_threads(self, fixtures):
        docs = load_documents(fixtures / "forum_export_list.json")
        assert [d.doc_id for d in docs] == ["silver-or-gold", "forum_export_list-2"]
        assert [d.title for d in docs] == ["Silver or Gold for reseller rewards?", "What does TTM mean?"]
        assert "accepted_answer" not in docs[1].meta

    def test_load_file_refuses_a_file_with_several_threads(self, fixtures):
        with pytest.raises(LoadError, match="forum_export_list.json: holds 2 documents"):
            load_file(fixtures / "forum_export_list.json")

    def test_threads_key_is_accepted(self, tmp_path, fixtures):
        threads = json.loads((fixtures / "forum_export_list.json").read_text())
        f = tmp_path / "export.json"
        f.write_text(json.dumps({"threads": threads[:1]}))
        assert load_file(f).doc_id == "silver-or-gold"

    @pytest.mark.parametrize(
        "payload, reason",
        [
            ({"question": {"body": "x"}}, "missing 'title'"),
            ({"title": "t", "question": {"body": ""}}, "question needs a non-empty 'body'"),
            ({"title": "t", "question": {"body": "q"}, "answers": [{"author_role": "Member"}]}, "answer 1 needs"),
            ({"title": "t", "question": {"body": "q"}, "answers": "nope"}, "'answers' must be a list"),
            ([], "non-empty list of threads"),
            ([{"title": "ok", "question": {"body": "q"}}, "oops"], "thread 2: expected an object"),
        ],
    )
    def test_bad_exports_name_the_problem(self, tmp_path, payload, reason):
        f = tmp_path / "bad.json"
        f.write_text(json.dumps(payload))
        with pytest.raises(LoadError, match="bad.json: ") as err:
            load_documents(f)
        assert reason in err.value.reason


def test_passages_carry_their_posts_structure(fixtures):
    from corpus.chunking import chunk_document

    passages = chunk_document(load_file(fixtures / "forum_export.json"))
    accepted = [p for p in passages if p.meta.get("accepted")]
    assert accepted and all(p.meta["post_role"] == "Moderator" for p in accepted)
    assert [p.meta["is_question"] for p in passages][0] is True
    assert passages[0].meta["url"]  # the thread's own metadata stays


def test_the_askers_own_follow_up_is_flagged(tmp_path):
    from corpus.chunking import chunk_document

    f = tmp_path / "thread.json"
    f.write_text(json.dumps({"title": "Co-op paid as cash?", "question": {"body": "Why was it cash?", "role": "Visitor"},
                             "answers": [{"body": "It was under the threshold.", "role": "Moderator", "accepted": True},
                                         {"body": "Thanks, that explains it.", "role": "Visitor"}]}))
    doc = load_file(f)
    assert [s.meta.get("by_asker", False) for s in doc.sections] == [False, False, True]
    from assistant.answering.candidates import is_question_post
    assert [is_question_post(p) for p in chunk_document(doc)] == [True, False, True]
