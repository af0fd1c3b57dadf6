"""The server-drawn flow graph and charts: layout left to right, labels, escaping."""

from panel import svg

FLOW = {
    "nodes": [
        {"id": "start", "type": "start"},
        {"id": "ask", "type": "send_message", "text": "Hello <b>there</b>"},
        {"id": "wait", "type": "wait_for_reply", "timeout": {"amount": 2, "unit": "days"}},
        {"id": "thanks", "type": "send_message", "text": "Thanks"},
        {"id": "nudge", "type": "send_message", "text": "Ping"},
    ],
    "edges": [
        {"from": "start", "to": "ask"},
        {"from": "ask", "to": "wait"},
        {"from": "wait", "to": "thanks", "when": "replied"},
        {"from": "wait", "to": "nudge", "when": "timeout"},
        {"from": "nudge", "to": "wait"},
    ],
}


def test_columns_follow_distance_from_start():
    positions, _, _ = svg.layout(FLOW)
    xs = {node: x for node, (x, _) in positions.items()}
    assert xs["start"] < xs["ask"] < xs["wait"] < xs["thanks"] == xs["nudge"]
    assert positions["thanks"][1] != positions["nudge"][1]


def test_drawing_has_branch_labels_back_edges_and_escaped_text():
    drawing = str(svg.flow_svg(FLOW, {"nudge"}))
    assert ">replied</text>" in drawing and ">timeout</text>" in drawing
    assert 'class="edge back"' in drawing  # nudge → wait loops back
    assert "<b>" not in drawing and "&lt;b&gt;" in drawing
    assert 'class="node send_message problem"' in drawing


def test_garbage_never_breaks_the_drawing():
    for data in (None, [], {"nodes": "x"}, {"nodes": [{"id": 3}, {"no": "id"}], "edges": [1]}):
        assert "<svg" in str(svg.flow_svg(data))


def test_charts_scale_and_escape():
    chart = str(svg.bar_chart([("<x>", 10, "a"), ("y", 5, "b")], label="t"))
    assert "&lt;x&gt;" in chart and ">10</text>" in chart
    assert "Nothing to show" in str(svg.bar_chart([], label="t"))
    assert "no A/B test" in str(svg.ab_chart({}))
