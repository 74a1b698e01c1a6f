"""Reads JSON Lines, orders them so references resolve, imports each line on its own."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from core.models import ExternalKey

from .registry import ImportRowError, registry


@dataclass
class Line:
    path: str
    number: int
    row: dict[str, Any]

    @property
    def kind(self) -> str:
        kind: str = self.row["kind"]
        return kind

    @property
    def key(self) -> str:
        key: str = self.row["key"]
        return key


@dataclass
class ImportReport:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    problems: list[tuple[str, int, str]] = field(default_factory=list)

    def fail(self, path: str, number: int, kind: str, reason: str) -> None:
        self.failed[kind] += 1
        self.problems.append((path, number, reason))

    @property
    def errors(self) -> list[str]:
        """`FILE:LINE: reason`, in file and line order."""
        return [f"{path}:{number}: {reason}" for path, number, reason in sorted(self.problems)]

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary_lines(self) -> list[str]:
        kinds = sorted(set(self.created) | set(self.updated) | set(self.failed))
        return [
            f"{kind}: {self.created[kind]} created, {self.updated[kind]} updated, "
            f"{self.failed[kind]} failed"
            for kind in kinds
        ]


class ImportContext:
    """What a kind needs to find the objects that a line refers to.

    The keys already stored for a kind are read once per run, so that looking up a key that
    is new (most lines of a first import) costs no query, and remembering it one INSERT.
    """

    def __init__(self) -> None:
        self._stored_keys: dict[str, set[str]] = {}
        # The folder of the file being imported: files a line names are relative to it.
        self.base_dir: Path | None = None

    def stored_keys(self, kind: str) -> set[str]:
        if kind not in self._stored_keys:
            self._stored_keys[kind] = set(
                ExternalKey.objects.filter(kind=kind).values_list("key", flat=True)
            )
        return self._stored_keys[kind]

    def find(self, kind: str, key: str) -> Any | None:
        if key not in self.stored_keys(kind):
            return None
        external = ExternalKey.objects.filter(kind=kind, key=key).first()
        return external.content_object if external else None

    def resolve(self, kind: str, key: str) -> Any:
        if not isinstance(key, str) or not key:
            raise ImportRowError(f"a {kind} reference must be a non-empty string key")
        found = self.find(kind, key)
        if found is None:
            raise ImportRowError(f"unknown {kind} '{key}' (not in this import nor in Ruche)")
        return found

    def remember(self, kind: str, key: str, obj: Any) -> None:
        values = {
            "content_type": ContentType.objects.get_for_model(obj, for_concrete_model=False),
            "object_id": str(obj.pk),
        }
        keys = self.stored_keys(kind)
        if key in keys and ExternalKey.objects.filter(kind=kind, key=key).update(
            **values, imported_at=timezone.now()
        ):
            return
        ExternalKey.objects.create(kind=kind, key=key, **values)
        keys.add(key)


def read_lines(path: Path, report: ImportReport) -> Iterable[Line]:
    """Parse a file, reporting lines that are not JSON objects with a known kind and a key."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                report.fail(str(path), number, "(unreadable)", "not valid UTF-8")
                continue
            except json.JSONDecodeError as error:
                report.fail(str(path), number, "(unreadable)", f"invalid JSON: {error.msg}")
                continue
            problem = check_envelope(row)
            if problem:
                kind = row.get("kind") if isinstance(row, dict) else None
                kind = kind if isinstance(kind, str) else "(unreadable)"
                report.fail(str(path), number, kind, problem)
                continue
            yield Line(str(path), number, row)


def check_envelope(row: Any) -> str | None:
    if not isinstance(row, dict):
        return "each line must be a JSON object"
    kind = row.get("kind")
    if not isinstance(kind, str) or not kind:
        return "missing field 'kind'"
    if kind not in registry:
        return f"unknown kind '{kind}' (known: {', '.join(sorted(registry))})"
    key = row.get("key")
    if not isinstance(key, str) or not key.strip():
        return "missing field 'key'"
    for name in registry[kind].required:
        if row.get(name) in (None, "", []):
            return f"missing field '{name}'"
    return None


def kind_order() -> list[str]:
    """Kinds sorted so that the kinds a kind refers to are imported before it."""
    ordered: list[str] = []

    def visit(kind: str, trail: tuple[str, ...]) -> None:
        if kind in ordered or kind in trail:
            return
        for target in registry[kind].references.values():
            if target in registry and target != kind:
                visit(target, (*trail, kind))
        ordered.append(kind)

    for kind in registry:
        visit(kind, ())
    return ordered


def referenced_keys(line: Line, kind: str) -> list[str]:
    keys: list[str] = []
    for field_name, target in registry[line.kind].references.items():
        if target != kind:
            continue
        value = line.row.get(field_name)
        keys.extend(value if isinstance(value, list) else [value] if value else [])
    return [key for key in keys if isinstance(key, str)]


def order_within_kind(lines: list[Line], report: ImportReport) -> list[Line]:
    """Lines of one kind that refer to each other (a team's parent) come after their target.

    Lines caught in a reference cycle are reported and left out.
    """
    by_key = {line.key: line for line in lines}
    ordered: list[Line] = []
    state: dict[str, str] = {}

    def visit(line: Line, trail: list[str]) -> bool:
        if state.get(line.key) == "done":
            return True
        if state.get(line.key) == "failed":
            return False
        if line.key in trail:
            cycle = " -> ".join([*trail[trail.index(line.key) :], line.key])
            for key in trail[trail.index(line.key) :]:
                state[key] = "failed"
                report.fail(by_key[key].path, by_key[key].number, line.kind, f"cycle: {cycle}")
            return False
        for target_key in referenced_keys(line, line.kind):
            target = by_key.get(target_key)
            if target is not None and target is not line and not visit(target, [*trail, line.key]):
                if state.get(line.key) != "failed":
                    state[line.key] = "failed"
                    report.fail(
                        line.path,
                        line.number,
                        line.kind,
                        f"refers to {line.kind} '{target_key}', which could not be imported",
                    )
                return False
        state[line.key] = "done"
        ordered.append(line)
        return True

    for line in lines:
        visit(line, [])
    return ordered


def run_import(
    paths: list[Path],
    *,
    progress_bar: Callable[[int], Any] | None = None,
) -> ImportReport:
    """Import every valid line of the files; each line succeeds or fails on its own.

    `progress_bar(total)` may return an object with `update(n)` and `close()` (a tqdm bar).
    """
    report = ImportReport()
    lines_by_kind: dict[str, list[Line]] = defaultdict(list)
    for path in paths:
        for line in read_lines(path, report):
            lines_by_kind[line.kind].append(line)
    bar = progress_bar(sum(map(len, lines_by_kind.values()))) if progress_bar else None
    context = ImportContext()
    for kind in kind_order():
        handler = registry[kind]
        for line in order_within_kind(lines_by_kind.get(kind, []), report):
            context.base_dir = Path(line.path).parent
            try:
                with transaction.atomic():
                    obj, created = handler.import_row(line.row, context)
                    context.remember(kind, line.key, obj)
            except ImportRowError as error:
                report.fail(line.path, line.number, kind, str(error))
            except ValidationError as error:
                report.fail(line.path, line.number, kind, "; ".join(error.messages))
            except (DatabaseError, ValueError, TypeError) as error:
                report.fail(line.path, line.number, kind, f"{type(error).__name__}: {error}")
            else:
                (report.created if created else report.updated)[kind] += 1
            if bar:
                bar.update(1)
        with transaction.atomic():
            handler.finish(context)
    if bar:
        bar.close()
    return report
