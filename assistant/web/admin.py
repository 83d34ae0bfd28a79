"""`GET /admin/insights`: what to add to the corpus next (abstained questions and feedback)."""
from __future__ import annotations

import re
from collections import Counter, OrderedDict

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from assistant.web.auth import require_internal, require_internal_page
from assistant.web.templating import templates

router = APIRouter(tags=["admin"])


def _normalise(question: str) -> str:
    return re.sub(r"[^a-z0-9$%]+", " ", question.lower()).strip()


def source_conflicts(searcher) -> list[str]:
    """Indexed sentences that state a rate or threshold the rules in force contradict."""
    from assistant.answering.trust import find_conflicts

    return [c.describe() for c in find_conflicts(searcher.passages, searcher.sentences.units)]


def insights(storage, searcher=None) -> dict:
    """Abstained questions grouped by topic (repeats counted), feedback with its comments, source conflicts."""
    groups: dict[str, OrderedDict[str, dict]] = {}
    for row in storage.list_unanswered():
        topic = row.get("topic") or "other"
        bucket = groups.setdefault(topic, OrderedDict())
        key = _normalise(row["question"])
        if key in bucket:
            bucket[key]["count"] += 1
        else:
            bucket[key] = {"question": row["question"], "count": 1, "reason": row.get("reason", ""),
                           "last_asked": row.get("created_at")}
    topics = sorted(
        ({"topic": t, "total": sum(q["count"] for q in qs.values()),
          "questions": sorted(qs.values(), key=lambda q: -q["count"])} for t, qs in groups.items()),
        key=lambda g: -g["total"])
    feedback = storage.list_feedback()
    tally = Counter("helpful" if f["helpful"] else "not_helpful" for f in feedback)
    return {
        "conflicts": source_conflicts(searcher) if searcher is not None else [],
        "unanswered": topics,
        "feedback": {"helpful": tally["helpful"], "not_helpful": tally["not_helpful"],
                     "with_comments": [f for f in feedback if f.get("comment")]},
    }


@router.get("/api/admin/insights", dependencies=[Depends(require_internal)])
async def insights_json(request: Request) -> dict:
    assistant = request.app.state.assistant
    return await run_in_threadpool(insights, assistant.storage, assistant.searcher)


@router.get("/admin/insights", response_class=HTMLResponse, dependencies=[Depends(require_internal_page)])
async def insights_page(request: Request) -> HTMLResponse:
    assistant = request.app.state.assistant
    data = await run_in_threadpool(insights, assistant.storage, assistant.searcher)
    return templates.TemplateResponse(request, "insights.html", {"data": data})
