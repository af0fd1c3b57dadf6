"""Server-drawn SVG: a flow as a graph laid out left to right with branch labels, and the
statistics charts. Every text that reaches the drawing is escaped here."""

from __future__ import annotations

from collections import deque
from typing import Any

from markupsafe import Markup, escape

NODE_W, NODE_H = 176, 58
COL_GAP, ROW_GAP = 64, 30
PAD = 20
TYPE_NAMES = {
    "start": "Start",
    "send_message": "Send message",
    "delay": "Delay",
    "wait_for_reply": "Wait for reply",
    "condition": "Condition",
    "ab_split": "A/B split",
    "tag": "Tag",
    "notify": "Notify",
    "end": "End",
}


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _duration(node: dict[str, Any]) -> str:
    amount, unit = node.get("amount"), node.get("unit")
    if amount is not None and unit:
        # The drawing also shows flows that are not valid yet, so it reads the raw JSON.
        if amount == 1 and isinstance(unit, str) and unit.endswith("s"):
            unit = unit[:-1]
        return f"{amount} {unit}"
    until = node.get("until")
    if isinstance(until, dict):
        return f"until {until.get('time', '?')}"
    return ""


def node_summary(node: dict[str, Any]) -> str:
    """One line saying what the node does, from raw JSON (the editor draws invalid flows)."""
    kind = node.get("type")
    if kind in ("send_message", "notify"):
        return str(node.get("text", ""))
    if kind == "delay":
        return _duration(node)
    if kind == "wait_for_reply":
        timeout = node.get("timeout")
        return "timeout " + _duration(timeout) if isinstance(timeout, dict) else "no timeout"
    if kind == "condition":
        rule = node.get("rule")
        if isinstance(rule, dict):
            return f"{rule.get('field', '?')} {rule.get('op', '?')} {rule.get('value', '')}"
        return ""
    if kind == "tag":
        add = node.get("add") or []
        remove = node.get("remove") or []
        parts = [f"+{t}" for t in add if isinstance(t, str)]
        parts += [f"-{t}" for t in remove if isinstance(t, str)]
        return " ".join(parts)
    return ""


def _graph(data: Any) -> tuple[list[dict[str, Any]], list[tuple[str, str, str | None]]]:
    if not isinstance(data, dict):
        return [], []
    nodes: list[dict[str, Any]] = []
    seen: set[str] = set()
    for node in data.get("nodes") or []:
        if isinstance(node, dict) and isinstance(node.get("id"), str) and node["id"] not in seen:
            seen.add(node["id"])
            nodes.append(node)
        if len(nodes) >= 300:
            break
    edges = []
    for edge in data.get("edges") or []:
        if not isinstance(edge, dict):
            continue
        src, dst, when = edge.get("from"), edge.get("to"), edge.get("when")
        if src in seen and dst in seen:
            edges.append((src, dst, str(when) if when is not None else None))
    return nodes, edges


def layout(data: Any) -> tuple[dict[str, tuple[int, int]], list[dict[str, Any]], list]:
    """Columns by distance from start (breadth first); unreachable nodes in a last column."""
    nodes, edges = _graph(data)
    if not nodes:
        return {}, [], []
    out: dict[str, list[str]] = {}
    for src, dst, _ in edges:
        out.setdefault(src, []).append(dst)
    start = next((n["id"] for n in nodes if n.get("type") == "start"), nodes[0]["id"])
    depth = {start: 0}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        for child in out.get(current, []):
            if child not in depth:
                depth[child] = depth[current] + 1
                queue.append(child)
    last = max(depth.values()) + 1
    for node in nodes:
        depth.setdefault(node["id"], last)
    columns: dict[int, list[str]] = {}
    order = sorted(nodes, key=lambda n: depth[n["id"]])
    for node in order:
        columns.setdefault(depth[node["id"]], []).append(node["id"])
    positions = {}
    for col, ids in columns.items():
        for row, node_id in enumerate(ids):
            positions[node_id] = (
                PAD + col * (NODE_W + COL_GAP),
                PAD + row * (NODE_H + ROW_GAP),
            )
    return positions, nodes, edges


def flow_svg(data: Any, problem_nodes: set[str] | frozenset[str] = frozenset()) -> Markup:
    positions, nodes, edges = layout(data)
    if not nodes:
        return Markup(
            '<svg class="flow" viewBox="0 0 320 60" role="img" aria-label="Empty flow">'
            '<text x="16" y="36" class="muted">No steps yet.</text></svg>'
        )
    width = max(x for x, _ in positions.values()) + NODE_W + PAD
    height = max(y for _, y in positions.values()) + NODE_H + PAD + 40
    parts = [
        f'<svg class="flow" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'role="img" aria-label="Flow graph" xmlns="http://www.w3.org/2000/svg">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'class="arrowhead"/></marker></defs>',
    ]
    labels = []
    for src, dst, when in edges:
        (x1, y1), (x2, y2) = positions[src], positions[dst]
        if x2 > x1:
            sx, sy, ex, ey = x1 + NODE_W, y1 + NODE_H / 2, x2, y2 + NODE_H / 2
            mid = (sx + ex) / 2
            path = f"M{sx},{sy} C{mid},{sy} {mid},{ey} {ex},{ey}"
            lx, ly = mid, (sy + ey) / 2
            cls = "edge"
        else:  # back edge (a loop) or same column: drawn below the nodes
            sx, sy = x1 + NODE_W / 2, y1 + NODE_H
            ex, ey = x2 + NODE_W / 2, y2 + NODE_H
            low = max(sy, ey) + 34
            path = f"M{sx},{sy} C{sx},{low} {ex},{low} {ex},{ey}"
            lx, ly = (sx + ex) / 2, low - 8
            cls = "edge back"
        parts.append(
            f'<path class="{cls}" d="{path}" data-from="{escape(src)}" data-to="{escape(dst)}" '
            'marker-end="url(#arrow)"/>'
        )
        if when is not None:
            text = escape(_short(when, 16))
            w = 8 + 7 * len(_short(when, 16))
            labels.append(
                f'<g class="edge-label"><rect x="{lx - w / 2}" y="{ly - 10}" width="{w}" '
                f'height="18" rx="4"/><text x="{lx}" y="{ly + 3}" text-anchor="middle">'
                f"{text}</text></g>"
            )
    for node in nodes:
        x, y = positions[node["id"]]
        kind = str(node.get("type", "?"))
        css = kind if kind in TYPE_NAMES else "unknown"
        bad = " problem" if node["id"] in problem_nodes else ""
        summary = node_summary(node)
        title = f"{node['id']} — {TYPE_NAMES.get(kind, kind)}" + (f": {summary}" if summary else "")
        parts.append(
            f'<g class="node {css}{bad}" data-node="{escape(node["id"])}">'
            f"<title>{escape(title)}</title>"
            f'<rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="8"/>'
            f'<text x="{x + 10}" y="{y + 22}" class="node-type">'
            f"{escape(_short(TYPE_NAMES.get(kind, kind), 20))}"
            f'<tspan class="node-id"> · {escape(_short(node["id"], 12))}</tspan></text>'
            f'<text x="{x + 10}" y="{y + 42}" class="node-text">{escape(_short(summary, 24))}'
            "</text></g>"
        )
    parts.extend(labels)
    parts.append("</svg>")
    return Markup("".join(parts))


# ---------------------------------------------------------------- charts


def bar_chart(rows: list[tuple[str, int, str]], *, label: str, width: int = 560) -> Markup:
    """Horizontal bars: (label, value, css class) per row, with the value printed."""
    if not rows:
        return Markup('<p class="muted">Nothing to show yet.</p>')
    top = max((value for _, value, _ in rows), default=0) or 1
    bar_x, bar_w, row_h = 150, width - 150 - 70, 26
    height = row_h * len(rows) + 10
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (name, value, css) in enumerate(rows):
        y = 5 + i * row_h
        w = round(bar_w * value / top, 1)
        parts.append(
            f'<g class="bar {escape(css)}"><text x="{bar_x - 8}" y="{y + 16}" '
            f'text-anchor="end">{escape(_short(name, 20))}</text>'
            f'<rect x="{bar_x}" y="{y + 3}" width="{max(w, 1)}" height="{row_h - 8}" rx="3"/>'
            f'<text x="{bar_x + w + 6}" y="{y + 16}" class="value">{value}</text></g>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def breakdown_chart(breakdown: dict[str, int]) -> Markup:
    rows = [(status, int(n), f"s-{status}") for status, n in breakdown.items()]
    return bar_chart(rows, label="Executions by status")


def funnel_chart(funnel: list[dict[str, Any]], order: list[str] | None = None) -> Markup:
    items = list(funnel)
    if order:
        rank = {node_id: i for i, node_id in enumerate(order)}
        items.sort(key=lambda f: (rank.get(f["node_id"], len(rank)), f["node_id"]))
    rows = [
        (f"{f['node_id']} ({f.get('node_type') or '?'})", int(f["reached"]), "funnel")
        for f in items
    ]
    return bar_chart(rows, label="Executions that reached each step")


def ab_chart(variants: dict[str, dict[str, Any]]) -> Markup:
    if not variants:
        return Markup('<p class="muted">This campaign has no A/B test.</p>')
    rows = []
    for name, figures in variants.items():
        rows.append((f"{name} sent", int(figures.get("sent", 0)), "ab-sent"))
        rows.append((f"{name} delivered", int(figures.get("delivered", 0)), "ab-delivered"))
        rows.append((f"{name} responded", int(figures.get("responded", 0)), "ab-responded"))
    return bar_chart(rows, label="A/B comparison")
