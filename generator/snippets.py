"""The HTML pieces the pages repeat tens of thousands of times, written in Python.

A Jinja macro call costs more than the few tags it writes (a 10,000-task site calls these
hundreds of thousands of times), so these are plain functions the templates call as globals.
They write exactly what the macros they replace wrote, every value escaped.
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup, escape

from .compute import Facts, State
from .explain import anchor, reason
from .model import Status, Task

# Every status's badge, made once: a status is one of a few constants
BADGES = {s: Markup('<span class="gk-status gk-status--{}">{}</span>').format(s.value, s.label) for s in Status}


def badge(status: Status) -> Markup:
    """Write a status as its coloured label."""
    return BADGES[status]


@jinja2.pass_context
def verdict(context: jinja2.runtime.Context, status: Status, state: State | None) -> Markup:
    """Write a status with its reasons in words, linking to the rule on /methodology/."""
    return Markup(
        f'<a class="gk-verdict" href="{escape(context["root"])}methodology/#{escape(anchor(state))}">{BADGES[status]}'
        f' <span class="gk-why" data-search-exclude>{escape(reason(state, status))}</span></a>'
    )


def task_item(task: Task, facts: Facts, base: str) -> Markup:
    """Write one task of a list: its status says why, and the item says what a filter needs to know."""
    status = facts.status(task)
    places = escape("|".join(task.tags))
    return Markup(
        f'<li data-status="{status.value}" data-action="{escape(task.id.split("-")[0])}" data-places="{places}">'
        f'<a href="{escape(base)}tasks/{escape(task.id)}/"><span class="gk-id">{escape(task.id)}</span> '
        f'{escape(task.title)}</a> <span class="gk-state">{BADGES[status]} '
        f'<span class="gk-why">{escape(reason(facts.current(task), status))}</span></span></li>'
    )
