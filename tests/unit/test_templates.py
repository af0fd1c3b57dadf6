"""Message templates: variables, the `default` filter, deterministic spin, and the
sandbox refusing every way into Python's internals."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.errors import Invalid
from core.templates import (
    MAX_RENDERED_CHARS,
    MAX_TEMPLATE_CHARS,
    TemplateError,
    contact_context,
    render,
    template_problems,
    unknown_variables,
)


def ctx(**overrides: object) -> dict[str, object]:
    base = contact_context(
        first_name="Ann",
        last_name="Lee",
        username="@annlee",
        phone="+15550100",
        language="en",
        tags=["vip", "warm"],
        fields={"company": "Acme", "score": 7},
        variant="B",
    )
    base.update(overrides)
    return base


# --- context and variables ---------------------------------------------------------------


def test_contact_context() -> None:
    c = ctx()
    assert c["full_name"] == "Ann Lee"
    assert c["username"] == "annlee"
    assert c["tags"] == ["vip", "warm"] and c["fields"] == {"company": "Acme", "score": 7}
    assert c["variant"] == "B"
    empty = contact_context(None, None, None, None, None, None, None)
    assert empty == {
        "first_name": "",
        "last_name": "",
        "full_name": "",
        "username": "",
        "phone": "",
        "language": "",
        "tags": [],
        "fields": {},
        "variant": "",
    }
    assert contact_context(None, " Lee ", None, None, None, None, None)["full_name"] == "Lee"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi {{ first_name }}!", "Hi Ann!"),
        ("{{ full_name }} @{{ username }}", "Ann Lee @annlee"),
        ("{{ fields.company }} / {{ fields['company'] }}", "Acme / Acme"),
        ("{{ phone }} {{ language }} {{ variant }}", "+15550100 en B"),
        ("{% if 'vip' in tags %}VIP{% endif %}", "VIP"),
        ("{{ tags | join(', ') }}", "vip, warm"),
        ("{{ fields.score + 1 }}", "8"),
        ("Line1\nLine2 & <b>", "Line1\nLine2 & <b>"),  # no HTML escaping: Telegram text
        ("{{ '<' ~ first_name ~ '>' }}", "<Ann>"),
        ("Hi {{ nobody }}{{ fields.missing }}{{ fields.a.b.c }}!", "Hi !"),
        ("{{ unknown_function() }}|{{ fields.missing.method(1) }}", "|"),
        ("{{ last_name | upper }}", "LEE"),
    ],
)
def test_render(text: str, expected: str) -> None:
    assert render(text, ctx(), "exec1:m1") == expected


@pytest.mark.parametrize(
    ("first_name", "expected"),
    [("Ann", "Hi Ann"), ("", "Hi there"), ("   ", "Hi there"), (None, "Hi there")],
)
def test_default_treats_empty_as_missing(first_name: str | None, expected: str) -> None:
    c = contact_context(first_name, None, None, None, None, None, None)
    assert render('Hi {{ first_name | default("there") }}', c, "s") == expected


def test_default_when_variable_is_absent_and_keeps_zero() -> None:
    assert render('{{ nothing | default("x") }}', {}, "s") == "x"
    assert render('{{ fields.n | d("none") }}', {"fields": {"n": 0}}, "s") == "0"
    assert render('{{ fields.n | default("none", true) }}', {"fields": {"n": 0}}, "s") == "none"


def test_template_problems() -> None:
    assert template_problems("Hi {{ first_name }}") == []
    assert template_problems("plain text") == []
    problems = template_problems("Hi {{ first_name ")
    assert len(problems) == 1 and problems[0].startswith("Template error on line 1")
    assert "line 2" in template_problems("ok\n{% if %}")[0]
    assert template_problems("{% for x in tags %}") != []
    assert template_problems("x" * (MAX_TEMPLATE_CHARS + 1)) != []
    assert template_problems(5) == ["The template must be text."]  # type: ignore[arg-type]
    deep = "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}"
    assert template_problems(deep) != []


def test_unknown_variables() -> None:
    text = "{{ first_name }} {{ frist_name }} {{ fields.x }} {{ spin('a') }} {{ range(3)|list }}"
    assert unknown_variables(text) == {"frist_name"}
    assert (
        unknown_variables("{% set y = 1 %}{{ y }}{% for t in tags %}{{ t }}{% endfor %}") == set()
    )
    assert unknown_variables("{{ broken ") == set()


def test_render_raises_template_error_on_runtime_error() -> None:
    for text in ("{{ 1 / 0 }}", "{{ 'a' + 1 }}", "{{ first_name ", "{{ fields.company(1) }}"):
        with pytest.raises(TemplateError) as caught:
            render(text, ctx(), "s")
        assert isinstance(caught.value, Invalid)
        assert caught.value.message.endswith(".")


# --- spin --------------------------------------------------------------------------------


def test_spin_is_deterministic_per_seed() -> None:
    text = '{{ spin("Hi", "Hello", "Hey") }} {{ first_name }}'
    first = render(text, ctx(), "exec42:m1")
    assert all(render(text, ctx(), "exec42:m1") == first for _ in range(20))
    assert first.split()[0] in {"Hi", "Hello", "Hey"}


def test_spin_spreads_over_seeds() -> None:
    counts = Counter(render('{{ spin("a", "b", "c") }}', {}, f"exec{i}:m1") for i in range(3000))
    assert set(counts) == {"a", "b", "c"}
    assert all(800 <= n <= 1200 for n in counts.values()), counts


def test_spin_calls_in_one_template_are_independent() -> None:
    text = '{{ spin("a", "b") }}{{ spin("a", "b") }}'
    results = Counter(render(text, {}, f"e{i}:n") for i in range(2000))
    # independent choices give all four pairs about equally, not just "aa" and "bb"
    assert set(results) == {"aa", "ab", "ba", "bb"}
    assert all(350 <= n <= 650 for n in results.values()), results
    assert render(text, {}, "e7:n") == render(text, {}, "e7:n")


def test_spin_edge_cases() -> None:
    assert render("{{ spin() }}|{{ spin('only') }}|{{ spin(1, 2) in [1, 2] }}", {}, "s") == (
        "|only|True"
    )
    # the same seed in another node picks independently
    picks = {render('{{ spin("a", "b", "c", "d") }}', {}, f"e1:n{i}") for i in range(40)}
    assert len(picks) > 1


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30), st.lists(st.text(max_size=5), min_size=1, max_size=5))
def test_spin_always_picks_an_option(seed: str, options: list[str]) -> None:
    args = ", ".join(repr(o) for o in options)
    assert render(f"{{{{ spin({args}) }}}}", {}, seed) in options


# --- sandbox -----------------------------------------------------------------------------

ESCAPES = [
    "{{ ''.__class__ }}",
    "{{ ''.__class__.__mro__ }}",
    "{{ fields.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ fields.__class__.__mro__[1].__subclasses__() }}",
    "{{ fields['__class__'] }}",
    "{{ tags.__class__.__base__.__subclasses__() }}",
    "{{ first_name.__init__.__globals__ }}",
    "{{ spin.__globals__ }}",
    "{{ spin.__code__ }}",
    "{{ range.__self__ }}",
    "{{ self.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ request.application.__globals__.__builtins__.__import__('os') }}",
    "{{ ''|attr('__class__') }}",
    "{{ (fields|attr('__class__')).__mro__ }}",
    "{{ fields.update({'x': 1}) }}{{ fields }}",
    "{{ tags.append('x') }}{{ tags }}",
    "{% set x = fields.pop('company') %}{{ fields }}",
    "{{ first_name.format.__globals__ }}",
    "{{ '{0.__class__}'.format(fields) }}",
    "{{ '%s' % fields.__class__ }}",
]


@pytest.mark.parametrize("text", ESCAPES)
def test_sandbox_refuses_internals(text: str) -> None:
    try:
        out = render(text, ctx(), "s")
    except TemplateError:
        return
    assert "class" not in out and "module" not in out and "function" not in out
    assert "uid=" not in out and "built-in" not in out
    assert "'x'" not in out and "x" not in out.replace("\n", "")


def test_context_is_not_mutated() -> None:
    c = ctx()
    for text in ("{{ fields.update({'a': 1}) }}", "{{ tags.append('x') }}"):
        with pytest.raises(TemplateError):
            render(text, c, "s")
    assert c["fields"] == {"company": "Acme", "score": 7} and c["tags"] == ["vip", "warm"]


@pytest.mark.parametrize(
    "text",
    [
        "{{ 'x' * 1000000000 }}",
        "{{ [1] * 1000000000 }}",
        "{{ 9 ** 999999 }}",
        "{% for i in range(1000000) %}{% endfor %}",
        "{% for i in range(900) %}{{ 'x' * 50 }}{% endfor %}",
    ],
)
def test_resource_abuse_is_refused(text: str) -> None:
    with pytest.raises(TemplateError):
        render(text, {}, "s")


def test_removed_globals_render_empty() -> None:
    # lipsum/cycler/joiner are not offered; like any unknown name they render empty.
    assert render("{{ lipsum(1000) }}{{ cycler(1, 2) }}", {}, "s") == ""


def test_reasonable_output_is_allowed() -> None:
    out = render("{% for i in range(100) %}{{ 'ab' * 10 }}{% endfor %}", {}, "s")
    assert len(out) == 2000 < MAX_RENDERED_CHARS
    assert render("{{ 2 ** 10 }}", {}, "s") == "1024"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_text_renders_or_raises_template_error(text: str) -> None:
    problems = template_problems(text)
    unknown_variables(text)
    try:
        out = render(text, ctx(), "seed")
    except TemplateError:
        return
    assert not problems and isinstance(out, str)
