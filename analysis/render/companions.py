"""What every render writes next to the reports: incident cards, the bundled source texts, the CSV export.

Into the output folder:

- ``cards/<YYYY-MM>[-n].html``: the incident cards of the whole table, on the
  pages :func:`analysis.reporting.links.assign_card_pages` assigns (the reports
  link there), ``cards/index.html`` listing the pages, and ``cards/cards.css``
  (the reports' stylesheet plus the cards' own rules);
- ``cards/sources/``: a copy of every raw text of ``sources.csv`` (under a
  name ending in ``.txt``, see :func:`analysis.reporting.cards.name_source_copies`),
  so a reader can check a quote offline; a path that leaves the data folder
  is refused (nothing is copied, the card links to the url only);
- ``export/incidents.csv``: the whole incident table, formula-safe
  (:mod:`analysis.data.export_csv`), with ``export/README.txt`` saying what
  each column means, where sources and quotes are, the licence and the
  period covered (:mod:`analysis.reporting.export_readme`).

Every file is written atomically, and only when its content changed. A
small record (``cards/.companions.json``) holds the key of the inputs (data
and code fingerprints) and the files written: when the key is unchanged and
every file is still there, nothing is read or written and pandas is not
imported. Card pages and source copies that a new render no longer writes are
removed.
"""

from __future__ import annotations

import io
import json
import logging
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from analysis import __version__, paths
from analysis.files import OutputTargetError, file_kind, sha256_hex, write_bytes_atomic, write_text_atomic
from analysis.paths import (
    CARDS_DIRNAME,
    DATA_ZIP_FILENAME,
    EVIDENCE_EXPORT_FILENAME,
    EXPORT_DIRNAME,
    EXPORT_FILENAME,
    EXPORT_README_FILENAME,
    METHODOLOGY_FILENAME,
    SOURCES_DIRNAME,
    SOURCES_EXPORT_FILENAME,
)
from analysis.render.state import RenderError
from analysis.schema import EXIT

log = logging.getLogger(__name__)

RECORD_FILE = ".companions.json"
_CARD_PAGE = re.compile(r"\d{4}-\d{2}(-\d+)?\.html")


@dataclass
class CompanionsResult:
    """What :func:`write_companions` did: ``skipped`` (inputs unchanged) or the files it wrote and removed."""

    skipped: bool = False
    pages: int = 0
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    refused_sources: list[str] = field(default_factory=list)


def build_companions_key(data_fingerprint: str, code_fingerprint: str) -> str:
    """The key of the inputs: the cards change with the data, the code and the package version.

    >>> len(build_companions_key("d", "c"))
    64
    """
    return sha256_hex(f"{__version__}\0{data_fingerprint}\0{code_fingerprint}".encode())


def _read_record(out_dir: Path) -> dict:
    try:
        record = json.loads((out_dir / CARDS_DIRNAME / RECORD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def is_up_to_date(out_dir: Path, key: str) -> bool:
    """True when the last companions were written for ``key`` and every file they wrote is still there."""
    record = _read_record(Path(out_dir))
    files = record.get("files")
    if record.get("key") != key or not isinstance(files, list):
        return False
    return all(isinstance(f, str) and (Path(out_dir) / f).is_file() for f in files)


def _check_folders(out_dir: Path) -> None:
    """A file (or a link) where a companion folder goes stops the render with a clear message."""
    for name in (CARDS_DIRNAME, f"{CARDS_DIRNAME}/{SOURCES_DIRNAME}", EXPORT_DIRNAME):
        found = file_kind(out_dir / name, follow_symlinks=False)
        if found not in (None, "a directory"):
            raise RenderError(f"{out_dir / name}: found {found}, expected a directory (or nothing) there")


def resolve_raw_file(data_dir: Path, file: str) -> Path | None:
    """The raw file ``file`` of sources.csv inside ``data_dir``, or None when it leaves the folder or is no file.

    >>> resolve_raw_file(paths.DATA_DIR, "../README.md") is None, resolve_raw_file(paths.DATA_DIR, "/etc/passwd")
    (True, None)
    """
    root = Path(data_dir).resolve()
    try:
        path = (root / file).resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL byte
        return None
    if not path.is_relative_to(root) or path == root or not path.is_file():
        return None
    return path


def _write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` atomically unless ``path`` already holds exactly it; True when written."""
    try:
        if path.is_file() and not path.is_symlink() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_bytes_atomic(path, data)
    return True


def _stylesheet() -> bytes:
    offline = paths.TEMPLATES_DIR / "offline"
    css = (offline / "report.css").read_text(encoding="utf-8") + "\n" + (offline / "cards.css").read_text("utf-8")
    return css.encode("utf-8")


def write_companions(
    out_dir: Path, data_dir: Path, data_fingerprint: str, code_fingerprint: str, force: bool = False, dataset=None
) -> CompanionsResult:
    """Write the cards, the source copies and the CSV export of ``data_dir`` into ``out_dir``.

    Skipped (nothing imported, read or written) when the inputs are unchanged
    since the last call and every file is still there, unless ``force``.
    ``dataset``: ``data_dir`` already loaded (:func:`analysis.data.dataset.load_dataset`), else it is loaded here.
    Raises :class:`analysis.render.state.RenderError` when something that is
    not a regular file stands where a companion file goes.
    """
    out_dir, data_dir = Path(out_dir), Path(data_dir)
    key = build_companions_key(data_fingerprint, code_fingerprint)
    if not force and is_up_to_date(out_dir, key):
        return CompanionsResult(skipped=True)
    _check_folders(out_dir)
    try:
        return _write_all(out_dir, data_dir, data_fingerprint, key, dataset)
    except OutputTargetError as exc:
        raise RenderError(f"{exc}; the incident cards were not all written", EXIT["bad_input"]) from None


def _copy_source_texts(data_dir: Path, dataset, put, result: CompanionsResult) -> dict[str, str]:
    """Copy every bundled raw text under ``cards/sources/``; ``{source_id: copy name}`` of those copied."""
    from analysis.reporting.cards import name_source_copies

    copies = name_source_copies(dataset.sources)
    raw_files = dict(zip(dataset.sources["source_id"].astype(str), dataset.sources["file"]))
    for source_id, name in list(copies.items()):
        raw = resolve_raw_file(data_dir, str(raw_files[source_id]))
        if raw is None:
            log.warning(
                "warning: %s: source %s: file %r is not a file inside %s: not copied next to the cards",
                data_dir / "sources.csv",
                source_id,
                raw_files[source_id],
                data_dir,
            )
            result.refused_sources.append(source_id)
            del copies[source_id]
            continue
        put(f"{CARDS_DIRNAME}/{SOURCES_DIRNAME}/{name}", raw.read_bytes())
    return copies


def _write_source_pages(data_dir: Path, dataset, copies: dict[str, str], put, footer: str) -> None:
    """One HTML page per copied text, its quotes highlighted and linked to their cards."""
    from analysis.reporting.cards import build_source_refs, label_field, name_source_page
    from analysis.reporting.links import build_card_hrefs
    from analysis.reporting.source_pages import build_source_page_html, collect_quote_uses

    hrefs = build_card_hrefs(dataset.incidents, dataset.incidents) if len(dataset.incidents) else {}
    relative = {str(i): "../" + str(h).removeprefix(f"{CARDS_DIRNAME}/") for i, h in dict(hrefs).items()}
    refs = build_source_refs(dataset.sources, copies)
    evidence = dataset.evidence.astype({c: "string" for c in ("incident_id", "field", "source_id", "quote")})
    raw_files = dict(zip(dataset.sources["source_id"].astype(str), dataset.sources["file"]))
    for source_id, name in copies.items():
        rows = evidence[evidence["source_id"] == source_id]
        uses = collect_quote_uses(list(zip(rows["incident_id"], rows["field"], rows["quote"])), relative, label_field)
        text = resolve_raw_file(data_dir, str(raw_files[source_id])).read_bytes().decode("utf-8", "replace")
        ref = refs[source_id]
        cite = f"{ref.outlet}" + (f" ({ref.kind})" if ref.kind else "") + f", published {ref.published}"
        page = build_source_page_html(ref.headline, cite, text, uses, quote(name), footer)
        put(f"{CARDS_DIRNAME}/{SOURCES_DIRNAME}/{name_source_page(name)}", page.encode("utf-8"))


def _build_data_zip(data_dir: Path, dataset) -> bytes:
    """The data directory as a zip (tables, codebook, bundled raw texts under ``data/``), byte-stable."""
    from analysis.schema import TABLES

    names = [t.file for t in TABLES if (data_dir / t.file).is_file()]
    names += ["CODEBOOK.md"] if (data_dir / "CODEBOOK.md").is_file() else []
    for file in dataset.sources["file"].dropna().astype(str):
        raw = resolve_raw_file(data_dir, file)
        if raw is not None:
            names.append(raw.relative_to(data_dir.resolve()).as_posix())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(set(names)):
            info = zipfile.ZipInfo(f"data/{name}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, (data_dir / name).read_bytes())
    return buffer.getvalue()


def _write_downloads(out_dir: Path, data_dir: Path, dataset, files: list[str], put) -> None:
    """The incident, source and evidence tables as formula-safe CSV, the text saying what they hold, the data zip."""
    from analysis.data.export_csv import write_csv_safely
    from analysis.reporting.export_readme import build_export_readme

    for name, frame in (
        (EXPORT_FILENAME, dataset.incidents),
        (SOURCES_EXPORT_FILENAME, dataset.sources),
        (EVIDENCE_EXPORT_FILENAME, dataset.evidence),
    ):
        write_csv_safely(frame, out_dir / EXPORT_DIRNAME / name)
        files.append(f"{EXPORT_DIRNAME}/{name}")
    put(f"{EXPORT_DIRNAME}/{DATA_ZIP_FILENAME}", _build_data_zip(data_dir, dataset))
    put(f"{EXPORT_DIRNAME}/{EXPORT_README_FILENAME}", build_export_readme(dataset).encode("utf-8"))


def _write_methodology(data_dir: Path, dataset, put, footer: str) -> None:
    """The methodology page beside the reports, from the data's codebook (or the project's) and the schema."""
    from analysis.reporting.methodology import build_methodology_html
    from analysis.reporting.tables import build_figures_markdown

    own = (data_dir / "CODEBOOK.md").is_file()
    codebook = (data_dir if own else paths.DATA_DIR) / "CODEBOOK.md"
    text = codebook.read_text(encoding="utf-8") if codebook.is_file() else ""
    page = build_methodology_html(dataset, text, build_figures_markdown(dataset), footer, own_codebook=own)
    put(METHODOLOGY_FILENAME, page.encode("utf-8"))


def _write_all(out_dir: Path, data_dir: Path, data_fingerprint: str, key: str, dataset=None) -> CompanionsResult:
    from analysis.data.dataset import load_dataset
    from analysis.data.problems import DataValidationError
    from analysis.reporting.cards import STYLESHEET, build_card_pages

    try:
        dataset = dataset if dataset is not None else load_dataset(data_dir)
    except DataValidationError as exc:
        raise RenderError(f"{exc}\nthe incident cards were not written") from None
    result = CompanionsResult()
    cards_dir, sources_dir = out_dir / CARDS_DIRNAME, out_dir / CARDS_DIRNAME / SOURCES_DIRNAME
    files: list[str] = []

    def put(relative: str, data: bytes) -> None:
        if _write_if_changed(out_dir / relative, data):
            result.written.append(relative)
        files.append(relative)

    copies = _copy_source_texts(data_dir, dataset, put, result)
    footer = f"incident-reports {__version__} · data {data_fingerprint[:12]}"
    export_href = f"../{EXPORT_DIRNAME}/{EXPORT_FILENAME}"
    pages = build_card_pages(
        dataset.incidents,
        dataset.evidence,
        dataset.sources,
        copies,
        footer=footer,
        export_href=export_href,
        reported_totals=dataset.reported_totals,
    )
    for name, page in pages:
        put(f"{CARDS_DIRNAME}/{name}", page.encode("utf-8"))
        result.pages += 1
    put(f"{CARDS_DIRNAME}/{STYLESHEET}", _stylesheet())
    _write_source_pages(data_dir, dataset, copies, put, footer)
    _write_methodology(data_dir, dataset, put, footer)
    _write_downloads(out_dir, data_dir, dataset, files, put)
    result.written += [f for f in files if f.endswith(".csv")]

    keep = set(files)
    stale = [p for p in cards_dir.glob("*.html") if _CARD_PAGE.fullmatch(p.name)]
    stale += [p for p in sources_dir.glob("*") if p.is_file() or p.is_symlink()]
    for path in stale:
        relative = path.relative_to(out_dir).as_posix()
        if relative not in keep:
            path.unlink(missing_ok=True)
            result.removed.append(relative)
    write_text_atomic(cards_dir / RECORD_FILE, json.dumps({"key": key, "files": files}, indent=0))
    log.info(
        "incident cards: %d page(s), %d source text(s), methodology, export/ (%d file(s) written, %d removed)",
        result.pages,
        len(copies),
        len(result.written),
        len(result.removed),
    )
    return result
