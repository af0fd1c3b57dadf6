"""Campaign flows (SPEC §5): one typed definition per node type, the whole-flow check
that runs on save and on launch, and the parsed, immutable `Flow` the engine walks."""

from __future__ import annotations

import math
import re
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictStr,
    ValidationError,
    model_validator,
)

from core.errors import Invalid, NotFound
from core.templates import template_problems, unknown_variables

__all__ = [
    "MAX_NODES",
    "NODE_TYPES",
    "ABSplitNode",
    "ConditionNode",
    "ConditionRule",
    "DelayNode",
    "DelayUntil",
    "Duration",
    "Edge",
    "EndNode",
    "Flow",
    "FlowCheck",
    "FlowInvalid",
    "FlowProblem",
    "Node",
    "NotifyNode",
    "SendMessageNode",
    "StartNode",
    "TagNode",
    "WaitForReplyNode",
    "check_flow",
    "parse_flow",
]

MAX_NODES = 200
MAX_NODE_ID_CHARS = 64
MAX_DURATION_SECONDS = 365 * 86_400
MAX_TAG_CHARS = 64
MAX_REGEX_CHARS = 500

UNIT_SECONDS: Mapping[str, int] = MappingProxyType(
    {"seconds": 1, "minutes": 60, "hours": 3_600, "days": 86_400}
)
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CONTACT_FIELDS: frozenset[str] = frozenset(
    {"first_name", "last_name", "full_name", "username", "phone", "language", "telegram_id"}
)
_HH_MM = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


# --- settings models --------------------------------------------------------------------

Unit = Literal["seconds", "minutes", "hours", "days"]
Op = Literal["eq", "ne", "contains", "icontains", "regex", "in", "gt", "lt", "exists"]
TagName = Annotated[StrictStr, Field(min_length=1, max_length=MAX_TAG_CHARS)]


class _Settings(BaseModel):
    # Unknown keys are refused: a typo like "txt" must not silently send an empty text.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Duration(_Settings):
    """An amount of time; bounded so a typo cannot park a lead for a century."""

    amount: int = Field(strict=True, gt=0)
    unit: Unit

    @model_validator(mode="after")
    def _bounded(self) -> Duration:
        if self.seconds > MAX_DURATION_SECONDS:
            raise ValueError("must be at most 365 days")
        return self

    @property
    def seconds(self) -> int:
        return self.amount * UNIT_SECONDS[self.unit]

    def describe(self) -> str:
        unit = self.unit[:-1] if self.amount == 1 else self.unit
        return f"{self.amount} {unit}"


class DelayUntil(_Settings):
    """The next HH:MM (campaign timezone) on one of `days`; every day when omitted."""

    time: StrictStr
    days: tuple[StrictStr, ...] = WEEKDAYS

    @model_validator(mode="after")
    def _valid(self) -> DelayUntil:
        if not _HH_MM.fullmatch(self.time):
            raise ValueError(f'time "{_short(self.time)}" is not a time like 09:30')
        if not self.days:
            raise ValueError("days must name at least one day")
        for day in self.days:
            if day not in WEEKDAYS:
                raise ValueError(f'day "{_short(day)}" is not one of {", ".join(WEEKDAYS)}')
        if len(set(self.days)) != len(self.days):
            raise ValueError("days names a day twice")
        return self

    def describe(self) -> str:
        days = "every day" if set(self.days) == set(WEEKDAYS) else ", ".join(self.days)
        return f"{self.time} ({days})"


class ConditionRule(_Settings):
    field: StrictStr
    op: Op
    value: Any = None

    @model_validator(mode="after")
    def _valid(self) -> ConditionRule:
        name = self.field
        prefix, _, rest = name.partition(".")
        if name in {"replied", "reply_text", "variant", "tag"}:
            pass
        elif prefix == "contact" and rest:
            if rest not in CONTACT_FIELDS:
                raise ValueError(
                    f'field "{_short(name)}" is not a contact field; use one of '
                    + ", ".join(f"contact.{n}" for n in sorted(CONTACT_FIELDS))
                )
        elif prefix == "fields" and rest.strip():
            pass
        else:
            raise ValueError(
                f'field "{_short(name)}" is not one of replied, reply_text, variant, tag, '
                "contact.<name>, fields.<name>"
            )
        value, op = self.value, self.op
        if not (_is_scalar(value) or isinstance(value, list)):
            raise ValueError("value must be a text, number, true/false, null or a list")
        if op == "exists":
            if not _is_scalar(value):
                raise ValueError('op "exists" takes no value')
            return self
        if op == "in":
            if not isinstance(value, list) or not value:
                raise ValueError('op "in" needs a non-empty list as value')
            if not all(_is_scalar(item) for item in value):
                raise ValueError('op "in" needs a list of texts or numbers')
        elif op in {"gt", "lt"}:
            if not _is_number(value):
                raise ValueError(f'op "{op}" needs a number as value')
        elif op in {"contains", "icontains", "regex"}:
            if not isinstance(value, str) or not value:
                raise ValueError(f'op "{op}" needs a non-empty text as value')
            if op == "regex":
                if len(value) > MAX_REGEX_CHARS:
                    raise ValueError(f"regex is longer than {MAX_REGEX_CHARS} characters")
                try:
                    re.compile(value)
                except (re.error, RecursionError, OverflowError, ValueError) as exc:
                    raise ValueError(f"regex does not compile: {exc}") from None
        elif not _is_scalar(value):  # eq, ne
            raise ValueError(f'op "{op}" needs a text, number, true/false or null as value')
        if name == "replied" and op in {"eq", "ne"} and not isinstance(value, bool):
            raise ValueError('field "replied" is compared with true or false')
        return self

    def describe(self) -> str:
        if self.op == "exists":
            return f"{self.field} is set"
        words = {
            "eq": "is",
            "ne": "is not",
            "contains": "contains",
            "icontains": "contains (any case)",
            "regex": "matches",
            "in": "is one of",
            "gt": ">",
            "lt": "<",
        }
        return f"{self.field} {words[self.op]} {_short(repr(self.value), 40)}"


# --- node definitions -------------------------------------------------------------------


class _Node(_Settings):
    """Common to all nodes. `branches` is None for nodes with at most one plain edge;
    otherwise the fixed `when` labels (ab_split's come from the campaign)."""

    id: StrictStr
    max_out: ClassVar[int] = 1
    branches: ClassVar[tuple[str, ...] | None] = None
    branch_words: ClassVar[Mapping[str, str]] = MappingProxyType({})

    def describe(self) -> str:
        raise NotImplementedError

    def templates(self) -> dict[str, str]:
        """Template texts by a name for messages ("text", "variants.B")."""
        return {}


class StartNode(_Node):
    type: Literal["start"] = "start"

    def describe(self) -> str:
        return "Start"


class SendMessageNode(_Node):
    type: Literal["send_message"] = "send_message"
    text: StrictStr = Field(min_length=1)
    variants: dict[StrictStr, Annotated[StrictStr, Field(min_length=1)]] | None = None
    link_preview: StrictBool | None = None

    def text_for(self, variant: str | None) -> str:
        """The template for an execution's variant; `text` unless the variant has its own."""
        if variant and self.variants and variant in self.variants:
            return self.variants[variant]
        return self.text

    def templates(self) -> dict[str, str]:
        found = {"text": self.text}
        for name, text in (self.variants or {}).items():
            found[f"variants.{name}"] = text
        return found

    def describe(self) -> str:
        extra = "".join(
            f" / {name}: {_quote(text)}" for name, text in (self.variants or {}).items()
        )
        preview = " (no link preview)" if self.link_preview is False else ""
        return f"Send message: {_quote(self.text)}{extra}{preview}"


class DelayNode(_Node):
    type: Literal["delay"] = "delay"
    amount: int | None = Field(default=None, strict=True, gt=0)
    unit: Unit | None = None
    until: DelayUntil | None = None

    @model_validator(mode="after")
    def _one_way(self) -> DelayNode:
        fixed = self.amount is not None or self.unit is not None
        if fixed and self.until is not None:
            raise ValueError("needs either amount and unit, or until, not both")
        if self.until is None:
            if self.amount is None or self.unit is None:
                raise ValueError("needs an amount and a unit, or until")
            if self.amount * UNIT_SECONDS[self.unit] > MAX_DURATION_SECONDS:
                raise ValueError("waits longer than the limit of 365 days")
        return self

    @property
    def duration(self) -> Duration | None:
        if self.amount is None or self.unit is None:
            return None
        return Duration(amount=self.amount, unit=self.unit)

    def describe(self) -> str:
        if self.until is not None:
            return f"Wait until {self.until.describe()}"
        assert self.duration is not None  # guaranteed by _one_way
        return f"Wait {self.duration.describe()}"


class WaitForReplyNode(_Node):
    type: Literal["wait_for_reply"] = "wait_for_reply"
    timeout: Duration
    branches: ClassVar[tuple[str, ...] | None] = ("replied", "timeout")
    branch_words: ClassVar[Mapping[str, str]] = MappingProxyType(
        {"replied": "if they reply", "timeout": "if no reply in time"}
    )

    def describe(self) -> str:
        return f"Wait up to {self.timeout.describe()} for a reply"


class ConditionNode(_Node):
    type: Literal["condition"] = "condition"
    rule: ConditionRule
    branches: ClassVar[tuple[str, ...] | None] = ("true", "false")
    branch_words: ClassVar[Mapping[str, str]] = MappingProxyType(
        {"true": "if yes", "false": "if no"}
    )

    def describe(self) -> str:
        return f"If {self.rule.describe()}"


class ABSplitNode(_Node):
    type: Literal["ab_split"] = "ab_split"
    branches: ClassVar[tuple[str, ...] | None] = ()  # the campaign's variants

    def describe(self) -> str:
        return "Split by A/B variant"


class TagNode(_Node):
    type: Literal["tag"] = "tag"
    add: tuple[TagName, ...] = ()
    remove: tuple[TagName, ...] = ()

    @model_validator(mode="after")
    def _something(self) -> TagNode:
        if not self.add and not self.remove:
            raise ValueError("needs tags to add or to remove")
        both = sorted(set(self.add) & set(self.remove))
        if both:
            raise ValueError(f'both adds and removes "{_short(both[0])}"')
        return self

    def describe(self) -> str:
        parts = []
        if self.add:
            parts.append("add " + ", ".join(self.add))
        if self.remove:
            parts.append("remove " + ", ".join(self.remove))
        return "Tag: " + "; ".join(parts)


class NotifyNode(_Node):
    type: Literal["notify"] = "notify"
    text: StrictStr = Field(min_length=1)

    def templates(self) -> dict[str, str]:
        return {"text": self.text}

    def describe(self) -> str:
        return f"Notify the team: {_quote(self.text)}"


class EndNode(_Node):
    type: Literal["end"] = "end"
    max_out: ClassVar[int] = 0

    def describe(self) -> str:
        return "End"


Node = (
    StartNode
    | SendMessageNode
    | DelayNode
    | WaitForReplyNode
    | ConditionNode
    | ABSplitNode
    | TagNode
    | NotifyNode
    | EndNode
)
NODE_TYPES: Mapping[str, type[_Node]] = MappingProxyType(
    {
        "start": StartNode,
        "send_message": SendMessageNode,
        "delay": DelayNode,
        "wait_for_reply": WaitForReplyNode,
        "condition": ConditionNode,
        "ab_split": ABSplitNode,
        "tag": TagNode,
        "notify": NotifyNode,
        "end": EndNode,
    }
)
# A loop through one of these waits for time to pass, so it cannot spin the engine.
_PAUSING_TYPES = frozenset({"delay", "wait_for_reply"})


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    when: str | None = None

    def to_json(self) -> dict[str, str]:
        data = {"from": self.source, "to": self.target}
        if self.when is not None:
            data["when"] = self.when
        return data


# --- results ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FlowProblem:
    node_id: str | None
    message: str


@dataclass
class FlowCheck:
    problems: list[FlowProblem] = field(default_factory=list)
    warnings: list[FlowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class FlowInvalid(Invalid):
    """The flow breaks the rules of §5; `problems` lists every one."""

    def __init__(self, problems: Sequence[FlowProblem]) -> None:
        self.problems = list(problems)
        super().__init__(" ".join(p.message for p in self.problems) or "The flow is invalid.")


# --- the flow ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Flow:
    """A validated flow. Only `parse_flow` builds one, so every rule of §5 holds."""

    nodes: Mapping[str, Node]
    edges: tuple[Edge, ...]
    start_id: str
    variants: tuple[str, ...] = ()

    def node(self, node_id: str) -> Node:
        try:
            return self.nodes[node_id]
        except (KeyError, TypeError):
            raise NotFound(f'The flow has no node "{_short(str(node_id))}".') from None

    def successor(self, node_id: str, when: str | None = None) -> str | None:
        """The node after `node_id`, following the `when` branch where the node branches
        (ignored where it does not). None means the flow ends there."""
        node = self.node(node_id)
        branching = node.branches is not None
        for edge in self._outgoing().get(node_id, ()):
            if not branching or edge.when == when:
                return edge.target
        return None

    def message_nodes(self) -> list[SendMessageNode]:
        """The send_message nodes in breadth-first order from start, branches in label
        order: what Preview shows, top to bottom."""
        return [n for n in (self.nodes[i] for i in self._bfs()) if isinstance(n, SendMessageNode)]

    def outline(self) -> str:
        """A readable text outline for the bot: one step a line, branches indented and
        labelled, a step met a second time written as a jump back to it."""
        lines: list[str] = []
        numbers: dict[str, int] = {}
        self._outline_from(self.start_id, 0, lines, numbers)
        return "\n".join(lines)

    def to_json(self) -> dict[str, list[dict[str, Any]]]:
        """The flow as JSON-ready data (a dict, ready for a JSON column or json.dumps)."""
        return {
            "nodes": [
                n.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
                for n in self.nodes.values()
            ],
            "edges": [e.to_json() for e in self.edges],
        }

    # - internals -

    def _outgoing(self) -> dict[str, list[Edge]]:
        cached = self.__dict__.get("_out_cache")
        if cached is None:
            cached = _outgoing_index(self.edges)
            object.__setattr__(self, "_out_cache", cached)
        return cached

    def _ordered_children(self, node_id: str) -> list[tuple[str | None, str]]:
        node = self.nodes[node_id]
        edges = self._outgoing().get(node_id, [])
        labels = _branch_labels(node, self.variants)
        if labels is None:
            return [(None, e.target) for e in edges[:1]]
        by_label = {e.when: e.target for e in edges}
        return [(label, by_label[label]) for label in labels if label in by_label]

    def _bfs(self) -> list[str]:
        seen = {self.start_id}
        order = [self.start_id]
        queue = deque(order)
        while queue:
            for _, child in self._ordered_children(queue.popleft()):
                if child not in seen:
                    seen.add(child)
                    order.append(child)
                    queue.append(child)
        return order

    def _outline_from(
        self, node_id: str | None, depth: int, lines: list[str], numbers: dict[str, int]
    ) -> None:
        pad = "   " * depth
        while node_id is not None:
            if node_id in numbers:
                lines.append(f"{pad}↪ back to step {numbers[node_id]} ({node_id})")
                return
            numbers[node_id] = len(numbers) + 1
            node = self.nodes[node_id]
            lines.append(f"{pad}{numbers[node_id]}. {node.describe()}  [{node_id}]")
            children = self._ordered_children(node_id)
            if node.branches is None:
                if not children and not isinstance(node, EndNode):
                    lines.append(f"{pad}   (the flow ends here)")
                node_id = children[0][1] if children else None
                continue
            for label, child in children:
                words = node.branch_words.get(label or "", f"variant {label}")
                if isinstance(node, WaitForReplyNode) and label == "timeout":
                    words = f"if no reply within {node.timeout.describe()}"
                lines.append(f"{pad}   • {words}:")
                self._outline_from(child, depth + 2, lines, numbers)
            return


def _outgoing_index(edges: Iterable[Edge]) -> dict[str, list[Edge]]:
    index: dict[str, list[Edge]] = {}
    for edge in edges:
        index.setdefault(edge.source, []).append(edge)
    return index


def _branch_labels(node: _Node, variants: Sequence[str]) -> tuple[str, ...] | None:
    if isinstance(node, ABSplitNode):
        return tuple(variants)
    return node.branches


# --- checking ---------------------------------------------------------------------------


def check_flow(data: object, variants: Sequence[str] = ()) -> FlowCheck:
    """Every problem (and warning) with `data` as a flow for a campaign whose A/B variant
    names are `variants` (empty: no A/B). Never raises, whatever `data` is."""
    return _Checker(data, variants).run()


def parse_flow(data: object, variants: Sequence[str] = ()) -> Flow:
    """The validated Flow, or FlowInvalid listing every problem."""
    checker = _Checker(data, variants)
    check = checker.run()
    if not check.ok or checker.start_id is None:
        raise FlowInvalid(check.problems or [FlowProblem(None, "The flow is invalid.")])
    return Flow(
        nodes=MappingProxyType(dict(checker.nodes)),
        edges=tuple(checker.edges),
        start_id=checker.start_id,
        variants=checker.variants,
    )


class _Checker:
    """One pass over untrusted data. Each check adds its own problems and later checks
    work on what survived, so one mistake is reported once, not as a cascade."""

    def __init__(self, data: object, variants: Sequence[str]) -> None:
        self.data = data
        self.variants: tuple[str, ...] = _clean_variants(variants)
        self.problems: list[FlowProblem] = []
        self.warnings: list[FlowProblem] = []
        self.types: dict[str, str] = {}  # every node with a good id: its type (maybe unknown)
        self.nodes: dict[str, Node] = {}  # nodes whose settings are valid
        self.edges: list[Edge] = []  # edges between existing nodes
        self.start_id: str | None = None

    def run(self) -> FlowCheck:
        try:
            self._run()
        except Exception:  # a bug here must not turn a save into a 500; say so plainly
            self.problems.append(
                FlowProblem(None, "The flow could not be checked because of an internal error.")
            )
        return FlowCheck(problems=self.problems, warnings=self.warnings)

    def problem(self, node_id: str | None, message: str) -> None:
        self.problems.append(FlowProblem(node_id, message))

    def warning(self, node_id: str | None, message: str) -> None:
        self.warnings.append(FlowProblem(node_id, message))

    def _run(self) -> None:
        data = self.data
        if not isinstance(data, Mapping):
            self.problem(None, 'A flow must be a JSON object with "nodes" and "edges" lists.')
            return
        raw_nodes, raw_edges = data.get("nodes"), data.get("edges", [])
        if not isinstance(raw_nodes, list | tuple):
            self.problem(None, 'The flow needs a "nodes" list.')
            return
        if not isinstance(raw_edges, list | tuple):
            self.problem(None, 'The flow\'s "edges" must be a list.')
            return
        for key in data:
            if key not in {"nodes", "edges"}:
                self.warning(
                    None, f'The flow has an unknown key "{_short(str(key))}"; it is ignored.'
                )
        if len(raw_nodes) > MAX_NODES:
            # Checking the rest of a flow that must be cut anyway is wasted work.
            self.problem(
                None, f"The flow has {len(raw_nodes)} nodes; at most {MAX_NODES} are allowed."
            )
            return
        for position, raw in enumerate(raw_nodes, start=1):
            self._node(position, raw)
        self._start()
        for position, raw in enumerate(raw_edges, start=1):
            self._edge(position, raw)
        self._outgoing_counts()
        if self.start_id is not None:
            self._reachability()
        self._loops()
        self._templates()

    # - nodes -

    def _node(self, position: int, raw: object) -> None:
        where = f"Node {position}"
        if not isinstance(raw, Mapping):
            self.problem(None, f"{where} is not a JSON object.")
            return
        node_id = raw.get("id")
        if not isinstance(node_id, str) or not node_id.strip():
            self.problem(None, f'{where} needs an "id": a non-empty text.')
            return
        if len(node_id) > MAX_NODE_ID_CHARS:
            self.problem(
                None,
                f"{where} has an id of {len(node_id)} characters; at most "
                f"{MAX_NODE_ID_CHARS} are allowed.",
            )
            return
        if node_id in self.types:
            self.problem(node_id, f'Node id "{node_id}" is used by more than one node.')
            return
        node_type = raw.get("type")
        self.types[node_id] = node_type if isinstance(node_type, str) else ""
        model = NODE_TYPES.get(node_type) if isinstance(node_type, str) else None
        if model is None:
            shown = f' "{_short(node_type)}"' if isinstance(node_type, str) else ""
            self.problem(
                node_id,
                f'Node "{node_id}" has an unknown type{shown}; use one of '
                + ", ".join(NODE_TYPES)
                + ".",
            )
            return
        try:
            node = model.model_validate(dict(raw))
        except ValidationError as exc:
            for error in exc.errors(include_url=False, include_input=False):
                self.problem(node_id, _plain_error(node_id, node_type, error))
            return
        except (RecursionError, ValueError, TypeError) as exc:
            self.problem(node_id, f'Node "{node_id}" ({node_type}) cannot be read ({exc}).')
            return
        self.nodes[node_id] = node  # type: ignore[assignment]  # model is one of Node

    def _start(self) -> None:
        starts = [i for i, t in self.types.items() if t == "start"]
        if not starts:
            self.problem(None, 'The flow needs a "start" node.')
        elif len(starts) > 1:
            for node_id in starts[1:]:
                self.problem(
                    node_id,
                    f'Node "{node_id}" (start) is a second start; a flow has exactly one '
                    f'(the first is "{starts[0]}").',
                )
        elif starts[0] in self.nodes:
            self.start_id = starts[0]

    # - edges -

    def _edge(self, position: int, raw: object) -> None:
        where = f"Edge {position}"
        if not isinstance(raw, Mapping):
            self.problem(None, f"{where} is not a JSON object.")
            return
        source, target, when = raw.get("from"), raw.get("to"), raw.get("when")
        anchor = source if isinstance(source, str) and source in self.types else None
        extra = [str(k) for k in raw if k not in {"from", "to", "when"}]
        if extra:
            self.problem(anchor, f'{where} has an unknown key "{_short(extra[0])}".')
        if not isinstance(source, str) or not isinstance(target, str):
            self.problem(anchor, f'{where} needs "from" and "to": the ids of two nodes.')
            return
        if when is not None and not isinstance(when, str):
            self.problem(anchor, f'{where} from "{_short(source)}" has a "when" that is not text.')
            return
        if source not in self.types:
            self.problem(None, f'{where} starts at "{_short(source)}", which is not a node.')
            return
        if target not in self.types:
            self.problem(
                source, f'Node "{source}" has an edge to "{_short(target)}", which is not a node.'
            )
            return
        if self.types.get(target) == "start":
            self.problem(source, f'Node "{source}" has an edge into the start node "{target}".')
            return
        self.edges.append(Edge(source, target, when))

    def _outgoing_counts(self) -> None:
        index = _outgoing_index(self.edges)
        kept: list[Edge] = []
        for node_id, node_type in self.types.items():
            edges = index.get(node_id, [])
            node = self.nodes.get(node_id)
            if node is None:
                kept.extend(edges)  # its settings are wrong; that is already reported
                continue
            label = f'Node "{node_id}" ({node_type})'
            labels = _branch_labels(node, self.variants)
            if labels is None:
                kept.extend(self._plain_edges(node, label, edges))
            else:
                kept.extend(self._branch_edges(node, label, labels, edges))
        self.edges = kept

    def _plain_edges(self, node: _Node, label: str, edges: list[Edge]) -> list[Edge]:
        for edge in edges:
            if edge.when is not None:
                self.problem(
                    node.id,
                    f'{label} does not branch, so its edge to "{edge.target}" cannot have "when".',
                )
        if isinstance(node, StartNode) and len(edges) != 1:
            self.problem(
                node.id,
                f"{label} needs exactly one outgoing edge to the first step; it has {len(edges)}.",
            )
        elif len(edges) > node.max_out:
            if node.max_out == 0:
                self.problem(node.id, f"{label} ends the flow, so it cannot have outgoing edges.")
            else:
                targets = ", ".join(f'"{e.target}"' for e in edges)
                self.problem(
                    node.id, f"{label} can lead to one next step, but it has edges to {targets}."
                )
        return edges[: node.max_out]

    def _branch_edges(
        self, node: _Node, label: str, labels: tuple[str, ...], edges: list[Edge]
    ) -> list[Edge]:
        if isinstance(node, ABSplitNode) and not labels:
            self.problem(
                node.id,
                f"{label} splits by A/B variant, but the campaign has no A/B variants; "
                "set them or remove this node.",
            )
            return []
        kept: list[Edge] = []
        seen: set[str] = set()
        for edge in edges:
            if edge.when is None:
                self.problem(
                    node.id,
                    f'{label} branches, so its edge to "{edge.target}" needs "when" '
                    f"({_or(labels)}).",
                )
            elif edge.when not in labels:
                self.problem(
                    node.id,
                    f'{label} has an edge with when "{_short(edge.when)}"; it must be '
                    f"{_or(labels)}.",
                )
            elif edge.when in seen:
                self.problem(node.id, f'{label} has more than one "{edge.when}" edge.')
            else:
                seen.add(edge.when)
                kept.append(edge)
        for missing in (name for name in labels if name not in seen):
            self.problem(node.id, f'{label} has no "{missing}" edge.')
        return kept

    # - graph -

    def _reachability(self) -> None:
        assert self.start_id is not None
        index = _outgoing_index(self.edges)
        seen = {self.start_id}
        queue = deque([self.start_id])
        while queue:
            for edge in index.get(queue.popleft(), ()):
                if edge.target not in seen:
                    seen.add(edge.target)
                    queue.append(edge.target)
        for node_id, node_type in self.types.items():
            if node_id not in seen:
                self.problem(
                    node_id,
                    f'Node "{node_id}" ({node_type or "unknown"}) cannot be reached from start.',
                )

    def _loops(self) -> None:
        # A loop must pass through a delay or wait_for_reply: drop those nodes and any
        # cycle left would run forever without waiting.
        fast = {i for i, t in self.types.items() if t not in _PAUSING_TYPES}
        graph: dict[str, list[str]] = {i: [] for i in fast}
        for edge in self.edges:
            if edge.source in fast and edge.target in fast:
                graph[edge.source].append(edge.target)
        order = {node_id: n for n, node_id in enumerate(self.types)}
        for component in _strongly_connected(graph):
            if len(component) == 1 and component[0] not in graph[component[0]]:
                continue
            members = sorted(component, key=order.__getitem__)
            names = ", ".join(f'"{m}"' for m in members)
            first = members[0]
            self.problem(
                first,
                f'Node "{first}" ({self.types[first]}) is in a loop ({names}) with no delay or '
                "wait_for_reply; add one so the loop cannot repeat without pause.",
            )

    # - templates -

    def _templates(self) -> None:
        for node_id, node in self.nodes.items():
            label = f'Node "{node_id}" ({node.type})'
            for where, text in node.templates().items():
                for message in template_problems(text):
                    self.problem(node_id, f"{label}, {where}: {message}")
                for name in sorted(unknown_variables(text)):
                    self.warning(
                        node_id,
                        f'{label}, {where}: "{_short(name)}" is not a known variable; '
                        "it will render empty.",
                    )
            if isinstance(node, SendMessageNode) and node.variants:
                for name in node.variants:
                    if not self.variants:
                        self.problem(
                            node_id,
                            f'{label} has a text for variant "{_short(name)}", but the '
                            "campaign has no A/B variants.",
                        )
                    elif name not in self.variants:
                        self.problem(
                            node_id,
                            f'{label} has a text for variant "{_short(name)}", which is not one '
                            f"of the campaign's variants ({', '.join(self.variants)}).",
                        )


def _strongly_connected(graph: Mapping[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative so a long chain cannot hit the recursion limit."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, child_pos = work.pop()
            if child_pos == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            children = graph[node]
            if child_pos < len(children):
                work.append((node, child_pos + 1))
                child = children[child_pos]
                if child not in index:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                result.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return result


# --- wording ----------------------------------------------------------------------------


def _plain_error(node_id: str, node_type: str, error: Mapping[str, Any]) -> str:
    """A pydantic error as a sentence a campaign author can act on."""
    label = f'Node "{node_id}" ({node_type})'
    loc = [str(part) for part in error.get("loc", ()) if not isinstance(part, int)]
    loc = [part for part in loc if part not in {"function-after", "[key]"}]
    where = ".".join(_short(part, 30) for part in loc)
    kind = error.get("type", "")
    message = str(error.get("msg", "is invalid"))
    if kind == "missing":
        return f"{label} needs {_article(where)}."
    if kind == "extra_forbidden":
        return f'{label} has an unknown setting "{where}".'
    if kind == "value_error":
        reason = message.removeprefix("Value error, ")
        return f"{label}: {where} {reason}." if where else f"{label} {reason}."
    reason = message.replace("Input should be", "must be").replace("Value should", "must")
    reason = reason.replace("String should", "must").replace("Tuple should", "must")
    reason = reason.replace("Dictionary should", "must").replace("Input", "it")
    reason = reason.rstrip(".")
    return f"{label}: {where or 'the node'} {reason}."


def _article(word: str) -> str:
    return f"an {word}" if word[:1].lower() in "aeiou" else f"a {word}"


def _short(text: str, limit: int = 40) -> str:
    text = "".join(ch if ch.isprintable() else "?" for ch in text[: limit + 1])
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quote(text: str) -> str:
    return '"' + _short(" ".join(text.split()), 60) + '"'


def _or(labels: Sequence[str]) -> str:
    quoted = [f'"{label}"' for label in labels]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _is_number(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value) if isinstance(value, float) else True


def _is_scalar(value: object) -> bool:
    return value is None or isinstance(value, str | bool) or _is_number(value)


def _clean_variants(variants: object) -> tuple[str, ...]:
    if isinstance(variants, str) or not isinstance(variants, Iterable):
        return ()
    seen: dict[str, None] = {}
    for name in variants:
        if isinstance(name, str) and name:
            seen.setdefault(name, None)
    return tuple(seen)
