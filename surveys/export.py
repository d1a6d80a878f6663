"""All answers of a survey as one table (CSV or XLSX), for staff: one row per answer."""

from __future__ import annotations

import io
from collections.abc import Iterator

from django.http import HttpResponse
from openpyxl import Workbook

from core import tabular

from .models import Answer, Survey

HEADER = [
    "survey",
    "mechanism",
    "mechanism_name",
    "status",
    "late",
    "submitted_at",
    "question",
    "question_text",
    "choices",
    "text",
]


def answer_rows(survey: Survey) -> Iterator[list]:
    """Every stored answer, drafts included (the status column tells them apart)."""
    answers = (
        Answer.objects.filter(response__survey=survey)
        .select_related("response__mechanism", "question")
        .prefetch_related("choices")
        .order_by("response__mechanism__slug", "question__number")
    )
    for answer in answers:
        response = answer.response
        yield [
            survey.slug,
            response.mechanism.slug,
            response.mechanism.name,
            response.status,
            "yes" if response.is_late else "no",
            response.submitted_at.isoformat() if response.submitted_at else "",
            answer.question.number,
            answer.question.text,
            "; ".join(c.label for c in sorted(answer.choices.all(), key=lambda c: c.position)),
            answer.text,
        ]


def export_csv(survey: Survey) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{survey.slug}-answers.csv"'
    writer = tabular.writer(response)
    writer.writerow(HEADER)
    writer.writerows(answer_rows(survey))
    return response


def export_xlsx(survey: Survey) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("answers")
    sheet.append(HEADER)
    for row in answer_rows(survey):
        sheet.append(tabular.safe_row(row))
    stream = io.BytesIO()
    workbook.save(stream)
    response = HttpResponse(
        stream.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{survey.slug}-answers.xlsx"'
    return response
