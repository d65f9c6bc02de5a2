"""Files the caller downloads: an import template (the header and one example row) and an export
(the same columns as the import, so that the file imports back unchanged)."""

import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from fastapi.responses import FileResponse, Response, StreamingResponse
from sqlalchemy import Engine
from starlette.background import BackgroundTask

from thidua.api.files import disposition
from thidua.auth.policy import Actor
from thidua.imports import files
from thidua.imports.headings import Lang
from thidua.imports.kinds.base import ExportFilters, ImportKind
from thidua.imports.parsing import MEDIA_TYPES, XLSX_MEDIA_TYPE
from thidua.imports.schemas import FileFormat, TemplateFormat


def template(kind: ImportKind, fmt: TemplateFormat, lang: Lang = "vi") -> Response:
    if fmt == TemplateFormat.csv:
        return Response(
            files.template_csv(kind, lang),
            media_type="text/csv; charset=utf-8",
            headers=disposition(f"mau-{kind.name.value}.csv"),
        )
    columns, rows = files.template_rows(kind)
    buffer = io.BytesIO()
    files.write_xlsx(buffer, columns, rows, help_columns=list(kind.columns), lang=lang)
    return Response(
        buffer.getvalue(), media_type=XLSX_MEDIA_TYPE, headers=disposition(f"mau-{kind.name.value}.xlsx")
    )


def export(
    engine: Engine,
    var_dir: Path,
    actor: Actor,
    kind: ImportKind,
    fmt: FileFormat,
    filters: ExportFilters,
    lang: Lang = "vi",
) -> Response:
    """CSV and JSON stream as the rows are read; XLSX is written to a temporary file first (a
    workbook is a zip archive), deleted once sent."""
    columns = [c.name for c in kind.export_columns]
    filename = f"{kind.name.value}.{fmt.value}"
    if fmt == FileFormat.xlsx:
        path = _xlsx(engine, var_dir, actor, kind, columns, filters, lang)
        return FileResponse(
            path,
            media_type=XLSX_MEDIA_TYPE,
            headers=disposition(filename),
            background=BackgroundTask(path.unlink, missing_ok=True),
        )
    writer = files.iter_csv if fmt == FileFormat.csv else files.iter_json

    def stream() -> Iterator[bytes]:
        with engine.connect() as conn:
            yield from writer(columns, kind.export_rows(conn, actor, filters), lang)

    media = MEDIA_TYPES[fmt] + "; charset=utf-8"
    return StreamingResponse(stream(), media_type=media, headers=disposition(filename))


def _xlsx(
    engine: Engine,
    var_dir: Path,
    actor: Actor,
    kind: ImportKind,
    columns: list[str],
    filters: ExportFilters,
    lang: Lang,
) -> Path:
    folder = var_dir / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix="export-", suffix=".xlsx", dir=folder)
    os.close(fd)
    path = Path(name)
    try:
        with engine.connect() as conn:
            files.write_xlsx(path, columns, kind.export_rows(conn, actor, filters), lang=lang)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path
