"""What a rule is given: one schema (in one of its forms) or the whole run."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from msgspec import Struct, field

from eventschemas.diagnostics import Diagnostic
from eventschemas.errors import SourcePosition
from eventschemas.lint.catalogue import Rule
from eventschemas.tree.loader import Document
from eventschemas.tree.model import Repository, Version
from eventschemas.tree.pointer import escape
from eventschemas.tree.walk import (
    ONE_SCHEMA,
    SCHEMA_ARRAYS,
    SCHEMA_MAPS,
)

if TYPE_CHECKING:
    from eventschemas.lint.units import Failure

# current: current.yaml as written; build: what materializing it produces;
# version: a published <version>.yaml/.json file.
Kind = Literal["current", "build", "version"]


class SchemaContext(Struct):
    """One schema file as a rule sees it.

    `data` is what the rule reads and `document` is where its positions are
    looked up: the file itself, or for a `build`, the published file of that
    version when there is one (else current.yaml, at the nearest written part).
    """

    repo: Repository
    title: str
    kind: Kind
    data: dict[str, Any]
    document: Document
    file_version: Version | None = None
    rule: Rule | None = None
    # False while the running rule is waived for this schema: its findings are
    # only counted, so they are not given (costly) line and column numbers.
    locate: bool = True
    _nodes: list[tuple[str, dict[str, Any]]] | None = None
    _index: dict[str, list[tuple[str, dict[str, Any]]]] | None = None

    @property
    def schema_id(self) -> str:
        value = self.data.get("$id")
        return value if isinstance(value, str) else ""

    @property
    def subject(self) -> str:
        """What waivers match: the `$id`, or the title when `$id` is missing."""
        return self.schema_id or self.title

    @property
    def is_fragment(self) -> bool:
        return self.title == "fragment" or self.title.startswith("fragment/")

    @property
    def objects(self) -> list[tuple[str, dict[str, Any]]]:
        """Every schema object in `data` as `(pointer, schema)`, walked once."""
        if self._nodes is None:
            self._nodes = schema_objects(self.data)
        return self._nodes

    @property
    def keywords(self) -> dict[str, list[tuple[str, dict[str, Any]]]]:
        """The schema objects holding each keyword, in walk order.

        Most rules look at one or two keywords; asking this index instead of
        walking every object keeps a run over thousands of files fast.
        """
        if self._index is None:
            index: dict[str, list[tuple[str, dict[str, Any]]]] = {}
            for item in self.objects:
                for key in item[1]:
                    index.setdefault(key, []).append(item)
            self._index = index
        return self._index

    def having(self, keyword: str) -> list[tuple[str, dict[str, Any]]]:
        """`(pointer, schema)` for every schema object that holds `keyword`."""
        return self.keywords.get(keyword, [])

    def having_any(self, keywords: frozenset[str]) -> list[tuple[str, dict[str, Any]]]:
        """Every schema object holding any of `keywords`, once, in walk order."""
        return [item for item in self.objects if not keywords.isdisjoint(item[1])]

    def position(self, pointer: str) -> SourcePosition:
        return self.document.position(pointer)

    def report(self, pointer: str, message: str, **extra: Any) -> Diagnostic:
        """A diagnostic of the running rule at `pointer` of this schema."""
        assert self.rule is not None, "the runner sets the rule before a check"
        where = (
            self.document.position(pointer)
            if self.locate
            else SourcePosition(self.document.path, 0, 0)
        )
        return Diagnostic.at(
            self.rule.id,
            self.rule.severity,
            message,
            where,
            pointer,
            subject=self.subject,
            **extra,
        )


class RepoContext(Struct):
    """Everything one run looks at, for rules that compare files or streams."""

    repo: Repository
    schemas: list[SchemaContext]
    failures: list[Failure] = field(default_factory=list)
    streams: bool = True  # whether the streams file is checked in this run
    rule: Rule | None = None

    def report(
        self,
        message: str,
        position: SourcePosition | None,
        pointer: str = "",
        subject: str = "",
        **extra: Any,
    ) -> Diagnostic:
        assert self.rule is not None, "the runner sets the rule before a check"
        return Diagnostic.at(
            self.rule.id,
            self.rule.severity,
            message,
            position,
            pointer,
            subject=subject,
            **extra,
        )


def schema_objects(root: Any) -> list[tuple[str, dict[str, Any]]]:
    """Every schema object nested in `root` (root first) with its JSON pointer.

    A walk over `tree.walk`'s subschema keywords, built for speed: lint walks
    every schema of a repository, and most of the cost is building pointers.
    """
    found: list[tuple[str, dict[str, Any]]] = []
    todo: list[tuple[str, Any]] = [("", root)]
    while todo:
        pointer, node = todo.pop()
        if type(node) is not dict:
            continue
        found.append((pointer, node))
        for key, value in node.items():
            if key in ONE_SCHEMA:
                if type(value) is list and key == "items":
                    todo.extend(
                        (f"{pointer}/items/{i}", v) for i, v in enumerate(value)
                    )
                else:
                    todo.append((f"{pointer}/{key}", value))
            elif key in SCHEMA_ARRAYS and type(value) is list:
                todo.extend((f"{pointer}/{key}/{i}", v) for i, v in enumerate(value))
            elif key in SCHEMA_MAPS and type(value) is dict:
                todo.extend(
                    (f"{pointer}/{key}/{escape(n)}", v) for n, v in value.items()
                )
    return found
