"""The command line: ``cerdesk [FILE]`` starts the app; ``cerdesk COMMAND …`` works headless.

Every command goes through the same core as the GUI (:mod:`cerdesk.ops` and
:mod:`cerdesk.storage`), so an edit made here is logged and undoable like one made in
the window. Exit status: 0 on success, 2 on bad input or a file that cannot be used
(one line on stderr), 1 on a bug (with a traceback). See docs/cli.md.

Heavy modules (Qt, sqlite-utils) are imported inside the commands that need them, so
``cerdesk --version`` and ``cerdesk --help`` answer at once.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from cerdesk import __version__
from cerdesk.core.errors import UserError

if TYPE_CHECKING:
    from cerdesk.core.changes import Changes
    from cerdesk.core.entities import EntitySpec
    from cerdesk.storage.project import Project

PROG = "cerdesk"
EXIT_OK, EXIT_BUG, EXIT_USAGE = 0, 1, 2


class UsageError(UserError):
    """The command line itself is wrong (unknown option, missing argument…)."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, raised rather than printed."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


# --------------------------------------------------------------------------- helpers
def _user(args: argparse.Namespace) -> str:
    if getattr(args, "user", None):
        return args.user
    from cerdesk.storage.settings import load_settings

    return load_settings().effective_user


def _open(args: argparse.Namespace, *, read_only: bool = False) -> Project:
    from cerdesk.storage.project import Project

    return Project.open(args.project, user=_user(args), read_only=read_only)


def _spec(table: str) -> EntitySpec:
    from cerdesk.core.entities import ENTITIES, entity

    try:
        return entity(table)
    except KeyError:
        names = ", ".join(spec.table for spec in ENTITIES)
        raise UsageError(f"unknown table {table!r}; tables are: {names}") from None


def _find_row(project: Project, spec: EntitySpec, key: str | None) -> str:
    """Return the id of the row ``key`` names (its id or its code)."""
    from cerdesk.core.entities import SINGLETON_ID

    if spec.singleton:
        if key not in (None, SINGLETON_ID):
            raise UsageError(f"{spec.table} has a single row; leave out --row")
        return SINGLETON_ID
    if key is None:
        raise UsageError(f"{spec.table} has many rows; say which with --row ID or --row CODE")
    matches = [
        item.id
        for item in project.items(spec.table)
        if item.id == key or (item.get("code") or "") == key
    ]
    if not matches:
        raise UsageError(f"{spec.table} has no row with id or code {key!r}")
    if len(matches) > 1:
        raise UsageError(f"{key!r} names several {spec.table} rows; use the row id")
    return matches[0]


def _value(spec: EntitySpec, name: str, text: str) -> Any:
    """Turn a command-line value into a field value (JSON arrays for list fields)."""
    from cerdesk.core.fields import LIST_KINDS

    try:
        f = spec.field(name)
    except KeyError:
        names = ", ".join(spec.field_names)
        raise UsageError(f"{spec.table} has no field {name!r}; fields are: {names}") from None
    if f.kind in LIST_KINDS and text.lstrip().startswith("["):
        try:
            return json.loads(text)
        except json.JSONDecodeError as err:
            raise UsageError(f"{name}: not a JSON list ({err.msg})") from None
    return text


def _report(changes: Changes, out: Callable[[str], None]) -> None:
    if changes.empty:
        out("nothing changed")
    else:
        out(changes.label)


# -------------------------------------------------------------------------- commands
def cmd_gui(args: argparse.Namespace) -> int:
    """Start the desktop application (Qt is imported only here)."""
    from cerdesk.gui.app import run_gui

    return run_gui(args.file)


def cmd_new(args: argparse.Namespace) -> int:
    """Create an empty project."""
    from cerdesk.storage.project import SUFFIX, Project

    path = Path(args.project)
    if path.suffix != SUFFIX:
        raise UsageError(f"project files end in {SUFFIX}: {path.name}")
    with Project.create(
        path, user=_user(args), device_name=args.device_name, overwrite=args.force
    ) as project:
        print(f"created {project.path}")
    return EXIT_OK


def _counts(project: Project) -> dict[str, int]:
    from cerdesk.core.entities import ENTITIES

    return {spec.table: project.count(spec.table) for spec in ENTITIES if not spec.singleton}


def info_data(project: Project) -> dict[str, Any]:
    """Return what ``cerdesk info`` reports, as JSON-ready data."""
    from cerdesk.core.completeness import ADVICE, MISSING, check_plan
    from cerdesk.core.prisma import build_flow
    from cerdesk.storage.migrations import SCHEMA_VERSION
    from cerdesk.storage.register import duplicate_count, imports, prisma_inputs, record_count

    findings = check_plan(project.snapshot())
    last = project.change_log(limit=1)
    meta = project.meta()
    return {
        "path": str(project.path),
        "schema_version": project.schema_version,
        "supported_schema_version": SCHEMA_VERSION,
        "project_id": meta.get("project_id"),
        "created_at": meta.get("created_at"),
        "title": project.get("project").get("title"),
        "device": project.get("device").get("trade_name"),
        "last_change": (
            {"at": last[0].at, "user": last[0].user, "label": last[0].label} if last else None
        ),
        "counts": _counts(project),
        "records": record_count(project),
        "imported_files": len(imports(project)),
        "duplicates": duplicate_count(project),
        "prisma": build_flow(prisma_inputs(project)).as_dict(),
        "completeness": {
            "missing": sum(f.level == MISSING for f in findings),
            "advice": sum(f.level == ADVICE for f in findings),
            "findings": [
                {
                    "level": f.level,
                    "section": f.section,
                    "table": f.table,
                    "row_id": f.row_id,
                    "field": f.field,
                    "message": f.message,
                }
                for f in findings
            ],
        },
    }


def cmd_info(args: argparse.Namespace) -> int:
    """Describe a project: format, contents and what the plan still lacks."""
    from cerdesk.core.entities import entity

    with _open(args, read_only=True) as project:
        data = info_data(project)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    last = data["last_change"]
    lines = [
        f"Project:      {data['path']}",
        f"Format:       project format {data['schema_version']} (this cerdesk reads up to "
        f"{data['supported_schema_version']})",
        f"Title:        {data['title'] or '(none)'}",
        f"Device:       {data['device'] or '(none)'}",
        f"Created:      {data['created_at']}",
        f"Last change:  {last['at']} by {last['user']}: {last['label']}" if last else "",
        "",
        "Contents:",
    ]
    for table, count in data["counts"].items():
        lines.append(f"  {entity(table).plural:<42} {count:>5}")
    lines.append(
        f"  {'Records in the evidence register':<42} {data['records']:>5}"
        f"  (from {data['imported_files']} imported files)"
    )
    if data["records"]:
        flow = data["prisma"]
        pending = flow["pending"]
        lines += [
            f"  {'  linked as duplicates':<42} {data['duplicates']:>5}",
            f"  {'  screened at title/abstract':<42} {flow['records_screened']:>5}"
            f"  ({pending.get('Records awaiting screening', 0)} waiting)",
            f"  {'  reports assessed at full text':<42} {flow['reports_assessed']:>5}"
            f"  ({pending.get('Reports awaiting assessment', 0)} waiting)",
            f"  {'  studies included':<42} {flow['studies_included']:>5}",
        ]
    done = data["completeness"]
    lines += ["", f"Completeness: {done['missing']} missing, {done['advice']} advice"]
    for f in done["findings"]:
        lines.append(f"  {f['level'].upper():<8} {f['message']}")
    print("\n".join(line for line in lines if line is not None))
    return EXIT_OK


def cmd_dump(args: argparse.Namespace) -> int:
    """Write the whole project as JSON (stdout, or -o FILE)."""
    from cerdesk.storage.dump import dump_project, dumps_project

    with _open(args, read_only=True) as project:
        if args.output:
            target = dump_project(project, args.output)
            print(f"wrote {target}", file=sys.stderr)
        else:
            sys.stdout.write(dumps_project(project))
    return EXIT_OK


def cmd_load(args: argparse.Namespace) -> int:
    """Make a project file from a JSON dump."""
    from cerdesk.storage.dump import load_project, read_dump

    data = read_dump(args.dump)
    target = load_project(data, args.project, overwrite=args.force)
    print(f"created {target}")
    return EXIT_OK


def cmd_sample(args: argparse.Namespace) -> int:
    """Write a copy of the bundled sample project."""
    from cerdesk.ops.sample import write_sample

    target = write_sample(args.project, overwrite=args.force)
    print(f"created {target}")
    return EXIT_OK


def cmd_set(args: argparse.Namespace) -> int:
    """Set one field of one row."""
    from cerdesk.ops import plan

    table, _, name = args.field.partition(".")
    if not name:
        raise UsageError(f"say TABLE.FIELD, e.g. device.trade_name (got {args.field!r})")
    spec = _spec(table)
    value = _value(spec, name, args.value)
    with _open(args) as project:
        row_id = _find_row(project, spec, args.row)
        _report(plan.set_field(project, table, row_id, name, value), print)
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    """Add a row to a list, printing its id."""
    from cerdesk.core.entities import entity
    from cerdesk.ops import plan

    spec = _spec(args.table)
    if spec.singleton:
        raise UsageError(f"{spec.table} has a single row; use 'cerdesk set'")
    values = {}
    for pair in args.values:
        name, sep, text = pair.partition("=")
        if not sep:
            raise UsageError(f"values are FIELD=VALUE (got {pair!r})")
        values[name] = _value(spec, name, text)
    with _open(args) as project:
        parent_id = None
        if spec.parent:
            if args.parent is None:
                raise UsageError(f"a {spec.table} row belongs to a {spec.parent}; give --parent")
            parent_id = _find_row(project, entity(spec.parent), args.parent)
        elif args.parent is not None:
            raise UsageError(f"{spec.table} rows have no parent; leave out --parent")
        changes = plan.add_item(project, spec.table, values, parent_id=parent_id)
        item = project.item(spec.table, changes.created_id or "")
        code = item.get("code") if "code" in spec.field_names else None
        print(f"{item.id}\t{code}" if code else item.id)
    return EXIT_OK


def cmd_delete(args: argparse.Namespace) -> int:
    """Delete a row (and its children); undoable."""
    from cerdesk.ops import plan

    spec = _spec(args.table)
    if spec.singleton:
        raise UsageError(f"{spec.table} has a single row, which cannot be deleted")
    with _open(args) as project:
        row_id = _find_row(project, spec, args.row)
        _report(plan.delete_item(project, spec.table, row_id), print)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """Import export files into a search run (a new one, or --run)."""
    from cerdesk.importers.run import import_paths

    if args.run is None and not args.database:
        raise UsageError(
            "say which search the files come from: --database NAME (a new search run) "
            "or --run CODE (an existing one)"
        )
    if args.run is not None and (args.database or args.query or args.searched_on):
        raise UsageError("--run adds to an existing search run; leave out --database/--query")
    new_run = None
    if args.run is None:
        new_run = {
            "database": args.database,
            "query": args.query,
            "run_on": args.searched_on,
            "hits_reported": args.hits,
            "platform": args.platform,
        }
    with _open(args) as project:
        from cerdesk.core.entities import entity

        run_id = _find_row(project, entity("search_run"), args.run) if args.run else None
        imported = import_paths(
            project,
            args.files,
            run_id=run_id,
            new_run=new_run,
            fmt=args.format,
            mapping=_mapping(args.columns),
            accept_skipped=args.accept_skipped,
            allow_same_file=args.again,
        )
        run = project.item("search_run", imported[0].changes.created_id or run_id or "")
        files = [
            {
                "file": str(path),
                "import_id": i.import_id,
                "records": i.records,
                "skipped": [str(p) for p in i.skipped],
            }
            for path, i in zip(args.files, imported, strict=True)
        ]
    if args.json:
        print(
            json.dumps(
                {"search_run": run.get("code"), "search_run_id": run.id, "files": files},
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    for f in files:
        skipped = f" ({len(f['skipped'])} unreadable left out)" if f["skipped"] else ""
        print(f"{f['file']}: {f['records']} records{skipped}")
    print(f"into search run {run.get('code')} ({run.get('database')})")
    return EXIT_OK


def _mapping(pairs: list[str] | None) -> dict[str, str] | None:
    """Turn ``COLUMN=FIELD`` pairs into a CSV column mapping."""
    if not pairs:
        return None
    from cerdesk.importers.csv_table import FIELDS

    mapping = {}
    for pair in pairs:
        column, sep, field = pair.rpartition("=")
        if not sep or not column or field not in FIELDS:
            raise UsageError(
                f"--column takes COLUMN=FIELD with FIELD one of: {', '.join(FIELDS)} (got {pair!r})"
            )
        mapping[column] = field
    return mapping


def cmd_records(args: argparse.Namespace) -> int:
    """Write the evidence register with provenance (CSV, RIS or JSON)."""
    from cerdesk.export.records import write_records

    with _open(args, read_only=True) as project:
        if args.output:
            target = Path(args.output)
            temp = target.with_name(f".{target.name}.part")
            with temp.open("w", encoding="utf-8", newline="") as out:
                count = write_records(project, out, args.format)
            temp.replace(target)
            print(f"wrote {count} records to {target}", file=sys.stderr)
        else:
            write_records(project, sys.stdout, args.format)
    return EXIT_OK


def cmd_dedupe(args: argparse.Namespace) -> int:
    """Link duplicate records; list how many pairs wait for review."""
    from cerdesk.ops.dedupe import run_dedupe
    from cerdesk.storage.register import candidates, duplicate_count

    with _open(args) as project:
        outcome = run_dedupe(project)
        data = {
            "records": outcome.records,
            "linked": outcome.linked,
            "already_linked": outcome.already_linked,
            "duplicates": duplicate_count(project),
            "new_pairs_to_review": outcome.candidates,
            "pairs_to_review": len(candidates(project)),
        }
    if args.json:
        print(json.dumps(data, indent=2))
        return EXIT_OK
    print(
        f"{data['records']:,} records compared: {data['linked']:,} newly linked as duplicates "
        f"({data['duplicates']:,} in all), {data['pairs_to_review']:,} pairs to review"
    )
    return EXIT_OK


def cmd_analyse(args: argparse.Namespace) -> int:
    """Print each objective's result against its acceptance criteria."""
    from cerdesk.ops.analysis import VERDICT_LABELS, analyse, format_value

    with _open(args, read_only=True) as project:
        result = analyse(project)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK
    lines = []
    for objective in result.objectives:
        lines.append(f"{objective.code}  {VERDICT_LABELS[objective.verdict].upper()}")
        lines.append(f"  {_one_line(objective.statement)}")
        for c in objective.criteria:
            lines.append(f"  {c.code} {c.description}: {VERDICT_LABELS[c.verdict]}")
            if c.summary is not None:
                lines.append(f"    Result: {c.result_text}; {c.summary.method}")
                if c.summary.pi_low is not None and c.summary.pi_high is not None:
                    lines.append(
                        "    Prediction interval: "
                        f"{format_value(c, c.summary.pi_low)} to "
                        f"{format_value(c, c.summary.pi_high)}"
                    )
            if c.reason:
                lines.append(f"    {c.reason}")
            for r in c.rows:
                lines.append(
                    f"    - {r.code} {r.citation}{' – ' + r.subgroup if r.subgroup else ''}: "
                    f"{format_value(c, r.estimate)} [{format_value(c, r.low)}; "
                    f"{format_value(c, r.high)}] {r.detail}{' (pivotal)' if r.pivotal else ''}"
                )
            if c.sensitivity is not None:
                lines.append(
                    f"    Pivotal sources only (k = {c.sensitivity.k}): "
                    f"{format_value(c, c.sensitivity.estimate)}, "
                    f"{VERDICT_LABELS[c.sensitivity.verdict]}"
                )
            lines += [f"    Note: {n}" for n in c.notes]
            lines += [f"    Left out: {code} ({why})" for code, why in c.excluded]
    if result.gaps:
        lines.append("Gaps (feed the PMCF plan)")
        lines += [f"  {g.ref}: {g.text}" for g in result.gaps]
    if result.unappraised:
        lines.append(f"Sources not yet appraised: {len(result.unappraised)}")
        lines += [f"  {code} {citation}" for code, citation in result.unappraised]
    print("\n".join(lines))
    return EXIT_OK


def cmd_prisma(args: argparse.Namespace) -> int:
    """Print the PRISMA 2020 flow computed from the register."""
    from cerdesk.core.entities import SEARCH_CATEGORIES
    from cerdesk.core.prisma import build_flow
    from cerdesk.storage.register import prisma_inputs

    categories = {c.value: c.label for c in SEARCH_CATEGORIES}
    category = None
    if args.category:
        wanted = args.category.strip().casefold()
        category = next(
            (k for k, v in categories.items() if wanted in (k.casefold(), v.casefold())), None
        )
        if category is None:
            raise UsageError(f"--category is one of: {', '.join(categories)}")
    with _open(args, read_only=True) as project:
        flow = build_flow(prisma_inputs(project, category))
    if args.json:
        print(json.dumps(flow.as_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK
    lines = [f"Search category: {categories[category]}"] if category else []
    lines.append("Identification")
    lines.append(f"  Records identified from databases: {flow.databases[0]:,}")
    lines += [f"    {name}: {n:,}" for name, n in flow.databases[1]]
    lines.append(f"  Records identified from registers: {flow.registers[0]:,}")
    lines += [f"    {name}: {n:,}" for name, n in flow.registers[1]]
    lines += [
        "  Records removed before screening:",
        f"    Duplicate records removed: {flow.removed_duplicates:,}",
        f"    Records marked as ineligible by automation tools: {flow.removed_automation:,}",
        f"    Records removed for other reasons: {flow.removed_other:,}",
        "Screening",
        f"  Records screened: {flow.screened:,}",
        f"  Records excluded: {flow.excluded:,}",
        f"  Reports sought for retrieval: {flow.sought:,}",
        f"  Reports not retrieved: {flow.not_retrieved:,}",
        f"  Reports assessed for eligibility: {flow.assessed:,}",
        "  Reports excluded:",
    ]
    lines += [f"    {reason}: {n:,}" for reason, n in flow.excluded_reasons]
    if flow.other is not None:
        o = flow.other
        lines.append("Identification via other methods")
        lines += [f"  {name}: {n:,}" for name, n in o.identified[1]]
        lines += [
            f"  Reports sought for retrieval: {o.sought:,}",
            f"  Reports not retrieved: {o.not_retrieved:,}",
            f"  Reports assessed for eligibility: {o.assessed:,}",
            "  Reports excluded:",
        ]
        lines += [f"    {reason}: {n:,}" for reason, n in o.excluded_reasons]
    lines += [
        "Included",
        f"  Studies included in review: {flow.studies_included:,}",
        f"  Reports of included studies: {flow.reports_included:,}",
    ]
    if flow.pending:
        lines += ["Not finished"] + [f"  {label}: {n:,}" for label, n in flow.pending]
    if flow.problems:
        lines += ["Arithmetic problems"] + [f"  {p}" for p in flow.problems]
    print("\n".join(lines))
    return EXIT_OK


def _undo_redo(args: argparse.Namespace, direction: str) -> int:
    from cerdesk.ops import plan

    with _open(args) as project:
        changes = plan.undo(project) if direction == "undo" else plan.redo(project)
        if changes.empty:
            raise UserError(f"nothing to {direction} in {project.path.name}")
        print(changes.label)
    return EXIT_OK


def cmd_undo(args: argparse.Namespace) -> int:
    """Undo the last edit (made here or in the window)."""
    return _undo_redo(args, "undo")


def cmd_redo(args: argparse.Namespace) -> int:
    """Redo the last undone edit."""
    return _undo_redo(args, "redo")


def cmd_log(args: argparse.Namespace) -> int:
    """Print the change log, newest first."""
    with _open(args, read_only=True) as project:
        entries = project.change_log(limit=args.limit or None)
    for e in entries:
        where = f"{e.entity}:{e.entity_id}" + (f".{e.field}" if e.field else "")
        change = ""
        if e.field:
            change = f"  {_short(e.old_value)} -> {_short(e.new_value)}"
        print(f"{e.seq:>6}  {e.at}  {e.user}  {e.action:<6} {e.label} [{where}]{change}")
    return EXIT_OK


def _short(text: str | None, width: int = 60) -> str:
    if text is None:
        return "(empty)"
    text = " ".join(text.split())
    return json.dumps(text if len(text) <= width else text[: width - 1] + "…", ensure_ascii=False)


# ---------------------------------------------------------------------------- parser
COMMANDS = (
    "new",
    "info",
    "dump",
    "load",
    "sample",
    "set",
    "add",
    "delete",
    "undo",
    "redo",
    "log",
    "import",
    "records",
    "dedupe",
    "prisma",
    "analyse",
)


def _project_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", metavar="PATH", help="the project file (.cerdesk)")


def _user_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--user", metavar="NAME", help="name recorded in the change log (default: preferences)"
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for ``cerdesk COMMAND …``."""
    parser = _Parser(
        prog=PROG,
        description="Prepare a clinical evaluation report (EU MDR) offline. "
        "'cerdesk [FILE]' starts the application; the commands below work without it.",
    )
    parser.add_argument("--version", action="version", version=version_text())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("new", help="create an empty project")
    _project_arg(p)
    p.add_argument("--device-name", metavar="NAME", help="the device's trade name")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    _user_arg(p)
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("info", help="format, contents and completeness of a project")
    _project_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("dump", help="write the whole project as JSON")
    _project_arg(p)
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(func=cmd_dump)

    p = sub.add_parser("load", help="create a project from a JSON dump")
    p.add_argument("dump", metavar="JSON", help="a file written by 'cerdesk dump'")
    _project_arg(p)
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("sample", help="write a copy of the bundled sample project")
    _project_arg(p)
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("set", help="set one field (undoable)")
    _project_arg(p)
    p.add_argument("field", metavar="TABLE.FIELD", help="e.g. device.trade_name")
    p.add_argument("value", metavar="VALUE", help="the new value ('' clears it)")
    p.add_argument("--row", metavar="ID|CODE", help="which row, for tables with many rows")
    _user_arg(p)
    p.set_defaults(func=cmd_set)

    p = sub.add_parser("add", help="add a row to a list (undoable); prints its id")
    _project_arg(p)
    p.add_argument("table", metavar="TABLE", help="e.g. indication, objective")
    p.add_argument("values", metavar="FIELD=VALUE", nargs="*", help="initial values")
    p.add_argument("--parent", metavar="ID|CODE", help="the owning row, for child lists")
    _user_arg(p)
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("delete", help="delete a row and its children (undoable)")
    _project_arg(p)
    p.add_argument("table", metavar="TABLE")
    p.add_argument("row", metavar="ID|CODE")
    _user_arg(p)
    p.set_defaults(func=cmd_delete)

    for name, func, what in (
        ("undo", cmd_undo, "undo the last edit"),
        ("redo", cmd_redo, "redo the last undone edit"),
    ):
        p = sub.add_parser(name, help=what)
        _project_arg(p)
        _user_arg(p)
        p.set_defaults(func=func)

    p = sub.add_parser("import", help="import search exports into the evidence register")
    _project_arg(p)
    p.add_argument(
        "files", metavar="FILE", nargs="+", help="RIS, nbib, XML, BibTeX, WoS, CSV, XLSX"
    )
    p.add_argument(
        "--format",
        default="auto",
        choices=(
            "auto",
            "ris",
            "nbib",
            "pubmed-xml",
            "endnote-xml",
            "bibtex",
            "wos",
            "csv",
            "xlsx",
        ),
        help="the files' format (default: detected)",
    )
    p.add_argument("--database", metavar="NAME", help="database searched (a new search run)")
    p.add_argument("--platform", metavar="NAME", help="interface used, e.g. Ovid")
    p.add_argument("--query", metavar="TEXT", help="the query exactly as run")
    p.add_argument("--searched-on", metavar="DATE", help="the day it was run (YYYY-MM-DD)")
    p.add_argument("--hits", metavar="N", help="number of hits the database reported")
    p.add_argument("--run", metavar="ID|CODE", help="add to an existing search run instead")
    p.add_argument(
        "--column",
        dest="columns",
        action="append",
        metavar="COLUMN=FIELD",
        help="read a CSV/TSV with this column mapping (repeat for each column)",
    )
    p.add_argument(
        "--accept-skipped", action="store_true", help="import the rest when records are unreadable"
    )
    p.add_argument("--again", action="store_true", help="import a file imported before")
    p.add_argument("--json", action="store_true", help="print JSON")
    _user_arg(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("records", help="write the evidence register with provenance")
    _project_arg(p)
    p.add_argument("--format", default="csv", choices=("csv", "ris", "json"))
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(func=cmd_records)

    p = sub.add_parser("dedupe", help="link duplicate records (never deletes any)")
    _project_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    _user_arg(p)
    p.set_defaults(func=cmd_dedupe)

    p = sub.add_parser("prisma", help="the PRISMA 2020 flow computed from the register")
    _project_arg(p)
    p.add_argument("--category", metavar="CATEGORY", help="only searches of this category")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_prisma)

    p = sub.add_parser("analyse", help="each objective's result against its acceptance criteria")
    _project_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_analyse)

    p = sub.add_parser("log", help="print the change log, newest first")
    _project_arg(p)
    p.add_argument("-n", "--limit", type=int, default=0, metavar="N", help="only the last N")
    p.set_defaults(func=cmd_log)
    return parser


def build_gui_parser() -> argparse.ArgumentParser:
    """Return the parser for ``cerdesk [FILE]`` (start the application)."""
    parser = _Parser(prog=PROG, add_help=False)
    parser.add_argument("file", nargs="?", metavar="FILE")
    return parser


def version_text() -> str:
    """Return the ``--version`` line: program and project format versions."""
    from cerdesk.storage.migrations import SCHEMA_VERSION

    return f"{PROG} {__version__} (project format {SCHEMA_VERSION})"


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    first = next((a for a in argv if a != "--"), None)
    if first is None or (first not in COMMANDS and not first.startswith("-")):
        args = build_gui_parser().parse_args(argv)
        args.func = cmd_gui
        return args
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if args.command == "add":
        # FIELD=VALUE pairs may come after --parent; argparse stops collecting them there.
        args.values += [a for a in extra if "=" in a and not a.startswith("-")]
        extra = [a for a in extra if a not in args.values]
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command is None:
        raise UsageError(f"say a command or a file (see '{PROG} --help')")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = _parse(argv)
        return args.func(args)
    except UserError as err:
        print(f"{PROG}: error: {_one_line(str(err))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `cerdesk dump x | head`: the reader left; nothing is wrong with the project.
        sys.stderr.close()
        return EXIT_OK


def _one_line(text: str) -> str:
    return " ".join(text.split())
