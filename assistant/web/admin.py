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


def insights(storage) -> dict:
    """Abstained questions grouped by topic (repeats counted), and feedback with its comments."""
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
        "unanswered": topics,
        "feedback": {"helpful": tally["helpful"], "not_helpful": tally["not_helpful"],
                     "with_comments": [f for f in feedback if f.get("comment")]},
    }


@router.get("/api/admin/insights", dependencies=[Depends(require_internal)])
async def insights_json(request: Request) -> dict:
    return await run_in_threadpool(insights, request.app.state.assistant.storage)


@router.get("/admin/insights", response_class=HTMLResponse, dependencies=[Depends(require_internal_page)])
async def insights_page(request: Request) -> HTMLResponse:
    data = await run_in_threadpool(insights, request.app.state.assistant.storage)
    return templates.TemplateResponse(request, "insights.html", {"data": data})
