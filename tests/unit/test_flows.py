"""Flow schema and validation (SPEC §5): one valid and one broken flow per rule, and
property tests that no input can make the checker crash."""

from __future__ import annotations

import copy
import itertools
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.errors import Invalid, NotFound
from core.flows import (
    MAX_NODES,
    DelayNode,
    Edge,
    FlowCheck,
    FlowInvalid,
    FlowProblem,
    SendMessageNode,
    WaitForReplyNode,
    check_flow,
    parse_flow,
)

INTERNAL = "internal error"


def flow(*nodes: dict[str, Any], edges: list[dict[str, Any]]) -> dict[str, Any]:
    return {"nodes": list(nodes), "edges": edges}


def start(node_id: str = "s") -> dict[str, Any]:
    return {"id": node_id, "type": "start"}


def send(node_id: str, text: str = "Hi {{ first_name }}", **extra: Any) -> dict[str, Any]:
    return {"id": node_id, "type": "send_message", "text": text, **extra}


def end(node_id: str = "e") -> dict[str, Any]:
    return {"id": node_id, "type": "end"}


def e(source: str, target: str, when: str | None = None) -> dict[str, str]:
    edge = {"from": source, "to": target}
    if when is not None:
        edge["when"] = when
    return edge


def chain(*middle: dict[str, Any]) -> dict[str, Any]:
    """start → middle... → end, linear."""
    nodes = [start(), *middle, end()]
    ids = [n["id"] for n in nodes]
    return flow(*nodes, edges=[e(a, b) for a, b in itertools.pairwise(ids)])


def problem_ids(check: FlowCheck) -> list[str | None]:
    return [p.node_id for p in check.problems]


def assert_only(check: FlowCheck, *node_ids: str | None) -> None:
    """The problems are exactly on these nodes, and each message names its node."""
    assert sorted(problem_ids(check), key=str) == sorted(node_ids, key=str), check.problems
    for p in check.problems:
        if p.node_id is not None:
            assert f'"{p.node_id}"' in p.message, p.message
        assert p.message.endswith("."), p.message


# A flow using every node type, valid for a campaign with variants A and B.
FULL = flow(
    start(),
    send("m1", variants={"B": "Hello {{ first_name }}"}, link_preview=False),
    {"id": "w1", "type": "wait_for_reply", "timeout": {"amount": 2, "unit": "days"}},
    {
        "id": "c1",
        "type": "condition",
        "rule": {"field": "reply_text", "op": "icontains", "value": "price"},
    },
    {"id": "n1", "type": "notify", "text": "{{ full_name }} asked about the price"},
    {"id": "t1", "type": "tag", "add": ["warm"], "remove": ["cold"]},
    {"id": "ab", "type": "ab_split"},
    {"id": "d1", "type": "delay", "until": {"time": "09:30", "days": ["mon", "tue"]}},
    send("m2", "Following up, {{ first_name | default('there') }}"),
    send("m3", "{{ spin('Hi', 'Hello') }} again"),
    {"id": "d2", "type": "delay", "amount": 3, "unit": "hours"},
    end(),
    edges=[
        e("s", "m1"),
        e("m1", "w1"),
        e("w1", "c1", "replied"),
        e("w1", "ab", "timeout"),
        e("c1", "n1", "true"),
        e("c1", "t1", "false"),
        e("n1", "e"),
        e("ab", "d1", "A"),
        e("ab", "m3", "B"),
        e("d1", "m2"),
        e("m2", "w1"),
        e("m3", "d2"),
        e("d2", "e"),
    ],
)
AB = ("A", "B")


# --- the valid flow and the Flow object --------------------------------------------------


def test_full_flow_is_valid() -> None:
    check = check_flow(FULL, AB)
    assert check.ok and check.problems == [] and check.warnings == []


def test_parse_gives_typed_nodes_and_successors() -> None:
    f = parse_flow(FULL, AB)
    assert f.start_id == "s"
    assert isinstance(f.node("w1"), WaitForReplyNode)
    assert f.node("w1").timeout.seconds == 2 * 86_400  # type: ignore[union-attr]
    assert isinstance(f.node("d2"), DelayNode) and f.node("d2").duration.seconds == 3 * 3600  # type: ignore[union-attr]
    assert f.successor("s") == "m1"
    assert f.successor("w1", "replied") == "c1"
    assert f.successor("w1", "timeout") == "ab"
    assert f.successor("c1", "false") == "t1"
    assert f.successor("ab", "B") == "m3"
    assert f.successor("ab", "Z") is None
    assert f.successor("t1") is None  # no outgoing edge ends the flow
    assert f.successor("e") is None
    assert f.successor("m1", "ignored") == "w1"  # `when` only matters where a node branches
    with pytest.raises(NotFound):
        f.node("nope")
    with pytest.raises(NotFound):
        f.successor("nope")


def test_send_message_text_for_variant() -> None:
    node = parse_flow(FULL, AB).node("m1")
    assert isinstance(node, SendMessageNode)
    assert node.text_for("B") == "Hello {{ first_name }}"
    assert node.text_for("A") == node.text_for(None) == "Hi {{ first_name }}"
    assert node.link_preview is False


def test_message_nodes_in_bfs_order() -> None:
    f = parse_flow(FULL, AB)
    assert [n.id for n in f.message_nodes()] == ["m1", "m3", "m2"]


def test_outline_labels_branches_and_loops() -> None:
    text = parse_flow(FULL, AB).outline()
    lines = text.splitlines()
    assert lines[0].startswith("1. Start")
    assert "Wait up to 2 days for a reply" in text
    assert "if they reply:" in text and "if no reply within 2 days:" in text
    assert "if yes:" in text and "if no:" in text
    assert "variant A:" in text and "variant B:" in text
    assert "back to step 3 (w1)" in text
    assert "Wait until 09:30 (mon, tue)" in text
    assert "(no link preview)" in text
    assert "Tag: add warm; remove cold" in text
    assert len(lines) == len(set(lines))


def test_to_json_round_trips() -> None:
    f = parse_flow(FULL, AB)
    data = f.to_json()
    json.dumps(data)
    again = parse_flow(data, AB)
    assert again.to_json() == data
    assert again.nodes.keys() == f.nodes.keys()
    assert Edge("s", "m1") in again.edges


def test_flow_is_immutable() -> None:
    f = parse_flow(FULL, AB)
    with pytest.raises(TypeError):
        f.nodes["x"] = f.node("s")  # type: ignore[index]
    with pytest.raises(AttributeError):
        f.start_id = "m1"  # type: ignore[misc]


def test_parse_flow_raises_with_every_problem() -> None:
    bad = flow(start(), send("m1"), edges=[])
    with pytest.raises(FlowInvalid) as caught:
        parse_flow(bad)
    assert isinstance(caught.value, Invalid)
    assert [p.node_id for p in caught.value.problems] == ["s", "m1"]
    assert '"s"' in caught.value.message and '"m1"' in caught.value.message


def test_minimal_flows() -> None:
    assert check_flow(flow(start(), send("m"), edges=[e("s", "m")])).ok
    assert check_flow(chain(send("m"))).ok
    assert parse_flow(chain()).outline().splitlines()[-1].startswith("2. End")


# --- JSON shape --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [None, [], "flow", 3, {"edges": []}, {"nodes": {}, "edges": []}, {"nodes": [], "edges": {}}],
)
def test_shape(data: object) -> None:
    check = check_flow(data)
    assert not check.ok and problem_ids(check) == [None]


def test_missing_edges_key_means_no_edges() -> None:
    assert check_flow({"nodes": [start()]}).problems[0].node_id == "s"


def test_unknown_top_level_key_is_a_warning() -> None:
    data = {**chain(), "layout": {}}
    check = check_flow(data)
    assert check.ok and "layout" in check.warnings[0].message


@pytest.mark.parametrize(
    "bad_node",
    [
        "x",
        {"type": "end"},
        {"id": "", "type": "end"},
        {"id": "   ", "type": "end"},
        {"id": 5, "type": "end"},
        {"id": "x" * 65, "type": "end"},
    ],
)
def test_node_id(bad_node: object) -> None:
    data = chain()
    data["nodes"].append(bad_node)
    check = check_flow(data)
    assert problem_ids(check) == [None]
    assert "Node 3" in check.problems[0].message


def test_node_id_64_chars_is_fine() -> None:
    assert check_flow(chain(send("x" * 64))).ok


def test_duplicate_id() -> None:
    data = chain(send("m"))
    data["nodes"].append(send("m", "again"))
    assert_only(check_flow(data), "m")


@pytest.mark.parametrize("node_type", ["wait", None, 3, "Start"])
def test_unknown_type(node_type: object) -> None:
    data = chain({"id": "x", "type": node_type})
    check = check_flow(data)
    assert_only(check, "x")
    assert "unknown type" in check.problems[0].message


def test_too_many_nodes() -> None:
    nodes = [start(), *(send(f"m{i}") for i in range(MAX_NODES - 2)), end()]
    ids = [n["id"] for n in nodes]
    ok = flow(*nodes, edges=[e(a, b) for a, b in itertools.pairwise(ids)])
    assert len(ok["nodes"]) == MAX_NODES and check_flow(ok).ok
    ok["nodes"].append(send("extra"))
    check = check_flow(ok)
    assert problem_ids(check) == [None] and "201" in check.problems[0].message


# --- per-type settings -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("node", "words"),
    [
        ({"type": "ab_split", "weights": {}}, 'unknown setting "weights"'),
        ({"type": "send_message"}, "needs a text"),
        ({"type": "send_message", "text": ""}, "text"),
        ({"type": "send_message", "text": 5}, "text"),
        ({"type": "send_message", "text": "x", "txt": "y"}, 'unknown setting "txt"'),
        ({"type": "send_message", "text": "x", "link_preview": "yes"}, "link_preview"),
        ({"type": "send_message", "text": "x", "variants": ["B"]}, "variants"),
        ({"type": "send_message", "text": "x", "variants": {"B": 1}}, "variants"),
        ({"type": "delay"}, "needs an amount and a unit, or until"),
        ({"type": "delay", "amount": 5}, "needs an amount and a unit"),
        ({"type": "delay", "amount": 0, "unit": "hours"}, "amount"),
        ({"type": "delay", "amount": -1, "unit": "hours"}, "amount"),
        ({"type": "delay", "amount": 1.5, "unit": "hours"}, "amount"),
        ({"type": "delay", "amount": "5", "unit": "hours"}, "amount"),
        ({"type": "delay", "amount": True, "unit": "hours"}, "amount"),
        ({"type": "delay", "amount": 5, "unit": "weeks"}, "unit"),
        ({"type": "delay", "amount": 366, "unit": "days"}, "365 days"),
        ({"type": "delay", "amount": 10**40, "unit": "seconds"}, "365 days"),
        ({"type": "delay", "amount": 1, "unit": "days", "until": {"time": "09:00"}}, "not both"),
        ({"type": "delay", "until": {"time": "9:30"}}, "09:30"),
        ({"type": "delay", "until": {"time": "24:00"}}, "09:30"),
        ({"type": "delay", "until": {"time": "12:60"}}, "09:30"),
        ({"type": "delay", "until": {"time": "09:30", "days": ["monday"]}}, "monday"),
        ({"type": "delay", "until": {"time": "09:30", "days": []}}, "at least one day"),
        ({"type": "delay", "until": {"time": "09:30", "days": ["mon", "mon"]}}, "twice"),
        ({"type": "delay", "until": {"days": ["mon"]}}, "time"),
        ({"type": "wait_for_reply"}, "needs a timeout"),
        ({"type": "wait_for_reply", "timeout": 5}, "timeout"),
        ({"type": "wait_for_reply", "timeout": {"amount": 5}}, "unit"),
        ({"type": "wait_for_reply", "timeout": {"amount": 400, "unit": "days"}}, "365 days"),
        ({"type": "condition"}, "needs a rule"),
        ({"type": "condition", "rule": {"field": "replied", "op": "is"}}, "op"),
        ({"type": "condition", "rule": {"field": "mood", "op": "exists"}}, '"mood"'),
        ({"type": "condition", "rule": {"field": "contact.age", "op": "exists"}}, "contact"),
        ({"type": "condition", "rule": {"field": "fields.", "op": "exists"}}, "field"),
        ({"type": "condition", "rule": {"field": "tag", "op": "regex", "value": "("}}, "regex"),
        ({"type": "condition", "rule": {"field": "tag", "op": "regex", "value": 5}}, "regex"),
        ({"type": "condition", "rule": {"field": "tag", "op": "in", "value": "vip"}}, "list"),
        ({"type": "condition", "rule": {"field": "tag", "op": "in", "value": []}}, "list"),
        ({"type": "condition", "rule": {"field": "tag", "op": "in", "value": [{}]}}, "list"),
        ({"type": "condition", "rule": {"field": "fields.n", "op": "gt", "value": "3"}}, "number"),
        ({"type": "condition", "rule": {"field": "fields.n", "op": "lt", "value": True}}, "number"),
        (
            {"type": "condition", "rule": {"field": "fields.n", "op": "lt", "value": float("nan")}},
            "number",
        ),
        ({"type": "condition", "rule": {"field": "tag", "op": "contains", "value": 1}}, "text"),
        ({"type": "condition", "rule": {"field": "tag", "op": "eq", "value": [1]}}, "value"),
        ({"type": "condition", "rule": {"field": "replied", "op": "eq", "value": "yes"}}, "true"),
        ({"type": "tag"}, "needs tags"),
        ({"type": "tag", "add": "vip"}, "add"),
        ({"type": "tag", "add": [""]}, "add"),
        ({"type": "tag", "add": ["x" * 65]}, "add"),
        ({"type": "tag", "add": ["vip"], "remove": ["vip"]}, '"vip"'),
        ({"type": "notify"}, "needs a text"),
        ({"type": "notify", "text": ""}, "text"),
        ({"type": "end", "when": "x"}, "unknown setting"),
    ],
)
def test_settings(node: dict[str, Any], words: str) -> None:
    data = chain({"id": "x", **node})
    check = check_flow(data)
    assert check.problems and set(problem_ids(check)) == {"x"}, check.problems
    assert any(words in p.message for p in check.problems), check.problems
    for p in check.problems:
        assert p.message.startswith(f'Node "x" ({node["type"]})'), p.message


@pytest.mark.parametrize(
    "node",
    [
        {"type": "delay", "amount": 365, "unit": "days"},
        {"type": "delay", "amount": 30, "unit": "seconds"},
        {"type": "delay", "amount": 90, "unit": "minutes"},
        {"type": "delay", "until": {"time": "00:00"}},
        {"type": "delay", "until": {"time": "23:59", "days": ["sat", "sun"]}},
        {"type": "tag", "remove": ["cold"]},
        {"type": "send_message", "text": "x", "link_preview": True},
        {"type": "condition", "rule": {"field": "replied", "op": "eq", "value": True}},
        {"type": "condition", "rule": {"field": "fields.company", "op": "exists"}},
        {"type": "condition", "rule": {"field": "contact.language", "op": "in", "value": ["en"]}},
        {"type": "condition", "rule": {"field": "fields.score", "op": "gt", "value": 2.5}},
        {"type": "condition", "rule": {"field": "reply_text", "op": "regex", "value": r"^\d+$"}},
        {"type": "condition", "rule": {"field": "variant", "op": "ne", "value": "B"}},
        {"type": "condition", "rule": {"field": "tag", "op": "contains", "value": "vi"}},
    ],
)
def test_settings_valid(node: dict[str, Any]) -> None:
    if node["type"] == "condition":
        data = flow(
            start(),
            {"id": "x", **node},
            end(),
            end("e2"),
            edges=[e("s", "x"), e("x", "e", "true"), e("x", "e2", "false")],
        )
    else:
        data = chain({"id": "x", **node})
    check = check_flow(data)
    assert check.ok, check.problems


# --- start -------------------------------------------------------------------------------


def test_no_start() -> None:
    check = check_flow(flow(send("m"), edges=[]))
    assert problem_ids(check).count(None) == 1
    assert "start" in check.problems[0].message


def test_two_starts() -> None:
    data = chain()
    data["nodes"].append(start("s2"))
    data["edges"].append(e("s2", "e"))
    check = check_flow(data)
    assert_only(check, "s2")
    assert "second start" in check.problems[0].message


@pytest.mark.parametrize("count", [0, 2])
def test_start_needs_exactly_one_edge(count: int) -> None:
    data = flow(start(), end(), end("e2"), edges=[e("s", "e"), e("s", "e2")][:count])
    check = check_flow(data)
    assert "s" in problem_ids(check)


def test_no_edge_into_start() -> None:
    data = flow(
        start(),
        {"id": "d", "type": "delay", "amount": 1, "unit": "days"},
        edges=[e("s", "d"), e("d", "s")],
    )
    assert_only(check_flow(data), "d")


# --- edges -------------------------------------------------------------------------------


def test_edge_to_missing_node() -> None:
    data = chain(send("m"))
    data["edges"][-1] = e("m", "ghost")
    check = check_flow(data)
    # m's edge is refused, so "e" is no longer reachable.
    assert_only(check, "m", "e")
    assert "ghost" in check.problems[0].message


def test_edge_from_missing_node() -> None:
    data = chain()
    data["edges"].append(e("ghost", "e"))
    check = check_flow(data)
    assert problem_ids(check) == [None] and "ghost" in check.problems[0].message


@pytest.mark.parametrize(
    "edge",
    [
        {"from": "s"},
        {"to": "e"},
        {"from": 1, "to": "e"},
        "s->e",
        {"from": "s", "to": "e", "label": "x"},
    ],
)
def test_malformed_edge(edge: object) -> None:
    data = chain()
    data["edges"].append(edge)
    assert not check_flow(data).ok


def test_when_must_be_text() -> None:
    data = chain({"id": "w", "type": "wait_for_reply", "timeout": {"amount": 1, "unit": "days"}})
    data["edges"][1] = {"from": "w", "to": "e", "when": True}
    assert "w" in problem_ids(check_flow(data))


# --- outgoing edge counts and branch labels ---------------------------------------------


@pytest.mark.parametrize(
    "node",
    [
        send("x"),
        {"id": "x", "type": "delay", "amount": 1, "unit": "days"},
        {"id": "x", "type": "tag", "add": ["a"]},
        {"id": "x", "type": "notify", "text": "hi"},
    ],
)
def test_plain_nodes_have_at_most_one_edge(node: dict[str, Any]) -> None:
    ok = flow(start(), node, end(), edges=[e("s", "x"), e("x", "e")])
    assert check_flow(ok).ok
    no_edge = flow(start(), node, edges=[e("s", "x")])
    assert check_flow(no_edge).ok
    two = flow(start(), node, end(), end("e2"), edges=[e("s", "x"), e("x", "e"), e("x", "e2")])
    check = check_flow(two)
    assert_only(check, "x", "e2")  # the second edge is refused, so e2 is unreachable
    labelled = flow(start(), node, end(), edges=[e("s", "x"), e("x", "e", "true")])
    check = check_flow(labelled)
    assert_only(check, "x")
    assert "cannot have" in check.problems[0].message


def test_end_has_no_edges() -> None:
    data = flow(start(), end(), send("m"), edges=[e("s", "e"), e("e", "m")])
    check = check_flow(data)
    assert_only(check, "e", "m")


def test_when_on_start_is_refused() -> None:
    data = flow(start(), end(), edges=[e("s", "e", "replied")])
    assert_only(check_flow(data), "s")


WAIT = {"id": "w", "type": "wait_for_reply", "timeout": {"amount": 1, "unit": "hours"}}
COND = {"id": "c", "type": "condition", "rule": {"field": "replied", "op": "eq", "value": True}}


@pytest.mark.parametrize(
    ("node", "labels"), [(WAIT, ("replied", "timeout")), (COND, ("true", "false"))]
)
def test_branch_labels(node: dict[str, Any], labels: tuple[str, str]) -> None:
    nid = node["id"]
    yes, no = labels

    def build(*edges: dict[str, str]) -> dict[str, Any]:
        return flow(start(), node, end("e1"), end("e2"), edges=[e("s", nid), *edges])

    assert check_flow(build(e(nid, "e1", yes), e(nid, "e2", no))).ok
    # the same target for both branches is fine
    assert check_flow(
        flow(start(), node, end(), edges=[e("s", nid), e(nid, "e", yes), e(nid, "e", no)])
    ).ok
    missing = check_flow(build(e(nid, "e1", yes), e("e1", "e2")))
    assert nid in problem_ids(missing)
    assert any(f'no "{no}" edge' in p.message for p in missing.problems)
    duplicate = check_flow(build(e(nid, "e1", yes), e(nid, "e2", yes)))
    assert any("more than one" in p.message for p in duplicate.problems)
    assert set(problem_ids(duplicate)) == {nid, "e2"}
    unknown = check_flow(build(e(nid, "e1", yes), e(nid, "e2", no), e(nid, "e2", "maybe")))
    assert_only(unknown, nid)
    assert "maybe" in unknown.problems[0].message
    unlabelled = check_flow(build(e(nid, "e1", yes), e(nid, "e2")))
    assert problem_ids(unlabelled).count(nid) == 2  # the bare edge, and no "no" edge
    assert any('needs "when"' in p.message for p in unlabelled.problems)


def test_ab_split_branches_match_variants() -> None:
    split = {"id": "ab", "type": "ab_split"}

    def build(*labels: str) -> dict[str, Any]:
        ends = [end(f"e{label}") for label in labels]
        edges = [e("s", "ab"), *(e("ab", f"e{label}", label) for label in labels)]
        return flow(start(), split, *ends, edges=edges)

    assert check_flow(build("A", "B"), AB).ok
    assert check_flow(build("A", "B", "C"), ("A", "B", "C")).ok
    missing = check_flow(build("A"), AB)
    assert_only(missing, "ab")
    assert 'no "B" edge' in missing.problems[0].message
    extra = check_flow(build("A", "B", "C"), AB)
    assert_only(extra, "ab", "eC")
    no_ab = check_flow(build("A", "B"))
    assert "ab" in problem_ids(no_ab)
    assert any("no A/B variants" in p.message for p in no_ab.problems)


# --- reachability ------------------------------------------------------------------------


def test_unreachable_nodes() -> None:
    data = chain(send("m"))
    data["nodes"] += [send("lonely"), send("island"), end("e2")]
    data["edges"] += [e("island", "e2")]
    check = check_flow(data)
    assert_only(check, "lonely", "island", "e2")
    assert all("cannot be reached" in p.message for p in check.problems)


# --- loops -------------------------------------------------------------------------------


def test_loop_without_pause() -> None:
    data = flow(
        start(),
        send("a"),
        {"id": "t", "type": "tag", "add": ["x"]},
        edges=[e("s", "a"), e("a", "t"), e("t", "a")],
    )
    check = check_flow(data)
    assert_only(check, "a")
    assert '"a", "t"' in check.problems[0].message and "loop" in check.problems[0].message


def test_self_loop() -> None:
    data = flow(start(), send("a"), edges=[e("s", "a"), e("a", "a")])
    assert_only(check_flow(data), "a")


def test_loop_through_condition_without_pause() -> None:
    data = flow(
        start(),
        COND,
        send("m"),
        end(),
        edges=[e("s", "c"), e("c", "m", "true"), e("c", "e", "false"), e("m", "c")],
    )
    assert_only(check_flow(data), "c")


@pytest.mark.parametrize(
    "pause",
    [
        {"id": "p", "type": "delay", "amount": 1, "unit": "days"},
        {"id": "p", "type": "delay", "until": {"time": "10:00"}},
    ],
)
def test_loop_through_delay_is_fine(pause: dict[str, Any]) -> None:
    data = flow(start(), send("a"), pause, edges=[e("s", "a"), e("a", "p"), e("p", "a")])
    assert check_flow(data).ok


def test_loop_through_wait_for_reply_is_fine() -> None:
    data = flow(
        start(),
        send("a"),
        {**WAIT},
        end(),
        edges=[e("s", "a"), e("a", "w"), e("w", "a", "timeout"), e("w", "e", "replied")],
    )
    assert check_flow(data).ok


def test_two_separate_loops_are_two_problems() -> None:
    data = flow(
        start(),
        COND,
        send("a"),
        send("b"),
        edges=[e("s", "c"), e("c", "a", "true"), e("c", "b", "false"), e("a", "a"), e("b", "b")],
    )
    assert_only(check_flow(data), "a", "b")


def test_long_chain_does_not_recurse() -> None:
    nodes = [start(), *({"id": f"t{i}", "type": "tag", "add": ["x"]} for i in range(198))]
    ids = [n["id"] for n in nodes]
    edges = [e(a, b) for a, b in itertools.pairwise(ids)] + [e(ids[-1], ids[1])]
    check = check_flow(flow(*nodes, edges=edges))
    assert_only(check, "t0")


# --- templates and variants --------------------------------------------------------------


def test_template_syntax_error_is_a_problem() -> None:
    check = check_flow(chain(send("m", "Hi {{ first_name ")))
    assert_only(check, "m")
    assert "line 1" in check.problems[0].message


def test_template_error_in_variant_and_notify() -> None:
    data = chain(
        send("m", "ok", variants={"B": "{% if %}"}), {"id": "n", "type": "notify", "text": "{{ x }"}
    )
    check = check_flow(data, AB)
    assert_only(check, "m", "n")
    assert "variants.B" in check.problems[0].message


def test_unknown_variable_is_a_warning() -> None:
    check = check_flow(chain(send("m", "Hi {{ frist_name }} from {{ fields.company }}")))
    assert check.ok
    assert [w.node_id for w in check.warnings] == ["m"]
    assert "frist_name" in check.warnings[0].message


def test_variant_texts_must_match_campaign_variants() -> None:
    data = chain(send("m", variants={"B": "b", "C": "c"}))
    check = check_flow(data, AB)
    assert_only(check, "m")
    assert '"C"' in check.problems[0].message
    assert check_flow(chain(send("m", variants={"B": "b"})), ("A", "B", "C")).ok
    no_ab = check_flow(chain(send("m", variants={"B": "b"})))
    assert_only(no_ab, "m")
    assert "no A/B variants" in no_ab.problems[0].message


def test_problem_and_check_types() -> None:
    p = FlowProblem("x", 'Node "x" is wrong.')
    assert p == FlowProblem("x", 'Node "x" is wrong.')
    assert FlowCheck(problems=[], warnings=[p]).ok
    assert not FlowCheck(problems=[p], warnings=[]).ok
    assert str(FlowInvalid([p, FlowProblem(None, "Also.")])) == 'Node "x" is wrong. Also.'


# --- properties: no input makes the checker crash --------------------------------------

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(
        [
            "s",
            "m1",
            "w1",
            "start",
            "send_message",
            "delay",
            "true",
            "replied",
            "{{",
            "{% if %}",
            "days",
            "regex",
            "__class__",
        ]
    )
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "type",
                    "nodes",
                    "edges",
                    "from",
                    "to",
                    "when",
                    "text",
                    "timeout",
                    "amount",
                    "unit",
                    "rule",
                    "variants",
                    "until",
                ]
            )
            | st.text(max_size=8),
            children,
            max_size=5,
        )
    ),
    max_leaves=30,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


@st.composite
def mutated_flows(draw: st.DrawFn) -> Any:
    data = copy.deepcopy(FULL)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["replace", "delete", "duplicate"]))
        if not path:
            if action == "replace":
                data = draw(json_values)
            continue
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        key = path[-1]
        if action == "replace":
            parent[key] = draw(json_values)
        elif action == "delete":
            del parent[key]
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
        if not isinstance(data, dict | list):
            break
    return data


variant_lists = st.lists(st.text(max_size=3), max_size=3) | st.just(["A", "B"])


def _assert_safe(data: Any, variants: list[str]) -> None:
    check = check_flow(data, variants)
    assert isinstance(check, FlowCheck)
    assert all(INTERNAL not in p.message for p in check.problems), check.problems
    for p in [*check.problems, *check.warnings]:
        assert isinstance(p.message, str) and p.message
        assert p.node_id is None or isinstance(p.node_id, str)
    try:
        parsed = parse_flow(data, variants)
    except FlowInvalid as exc:
        assert not check.ok and exc.problems == check.problems
    else:
        assert check.ok
        parsed.outline()
        parsed.message_nodes()
        json.dumps(parsed.to_json())
        assert parse_flow(parsed.to_json(), variants).to_json() == parsed.to_json()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values, variant_lists)
def test_random_json_never_crashes(data: Any, variants: list[str]) -> None:
    _assert_safe(data, variants)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_flows(), variant_lists)
def test_mutated_flows_never_crash(data: Any, variants: list[str]) -> None:
    _assert_safe(data, variants)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.text(max_size=5), json_values, max_size=4))
def test_random_node_settings_never_crash(extra: dict[str, Any]) -> None:
    for node_type in ("send_message", "delay", "wait_for_reply", "condition", "tag", "notify"):
        _assert_safe(chain({**extra, "id": "x", "type": node_type}), ["A", "B"])


def test_exact_wording_of_a_missing_setting() -> None:
    check = check_flow(chain({"id": "w1", "type": "wait_for_reply"}))
    assert check.problems == [FlowProblem("w1", 'Node "w1" (wait_for_reply) needs a timeout.')]
