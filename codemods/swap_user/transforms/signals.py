"""Model signal receivers for auth's User use the lazy sender settings.AUTH_USER_MODEL."""

from __future__ import annotations

import re

import libcst as cst

from ...core.files import PYTHON
from ...core.transform import PythonTransform
from ._common import (
    AUTH_WORD,
    code_of,
    is_auth_user,
    rewrite_away,
    settings_is_django,
    user_model_setting,
    user_words,
    wants_user,
)

# The model signals that resolve a lazy "app_label.Model" sender (ModelSignal in django/db/models/signals.py).
# m2m_changed is one too, but its sender is the through model, never User itself.
MODEL_SIGNALS = frozenset(
    "django.db.models.signals.%s" % name
    for name in ("pre_init", "post_init", "pre_save", "post_save", "pre_delete", "post_delete")
)
RECEIVER = frozenset({"django.dispatch.receiver", "django.dispatch.dispatcher.receiver"})
# Any reference to a model signal names it somewhere in the file, if only in its import.
_SIGNAL_WORD = re.compile(r"\b(?:pre|post)_(?:init|save|delete)\b")
MIXED = (
    "receiver of model signals and other signals with sender=%s; after the swap a model signal needs the lazy"
    " sender settings.AUTH_USER_MODEL, which the other signals cannot take; split it into one @receiver for the"
    " model signals with sender=settings.AUTH_USER_MODEL and one for the others"
)
SETTINGS_TAKEN = (
    "%s(..., sender=%s) never fires after the swap; `settings` here is not django.conf.settings, so it was left"
    " as it is; use sender=django.conf.settings.AUTH_USER_MODEL"
)


class Signals(PythonTransform):
    TITLE = "Model-signal senders → settings.AUTH_USER_MODEL"
    RUNS_AFTER = ("model_fields",)
    ROLES = frozenset({PYTHON})
    STATEMENT_LOCAL = True
    PATTERN = _SIGNAL_WORD
    LITERALS = ("_init", "_save", "_delete")
    LIGHT_SCOPE = True  # qualified names and what binds `settings`

    @classmethod
    def keep_pattern(cls, options, file, tree):
        # What it reads: receivers and connect() calls with a User sender.
        return re.compile(AUTH_WORD + "|" + user_words(options, file, tree))

    @classmethod
    def wants(cls, text, options, file):
        # The index's answer, a set look-up, before the regex.
        return wants_user(text, options, file) and super().wants(text, options, file)

    def __init__(self, context, options, file):
        super().__init__(context, options, file)
        # id(original call) -> index of its auth User sender argument
        self.senders: dict[int, int] = {}

    # Decided on the way down, so the sender is consumed before user_class leaves it.
    def visit_Call(self, node: cst.Call) -> None:
        if self.qualified_names(node.func) & RECEIVER:
            self._receiver(node)
            return
        func = node.func
        if (
            isinstance(func, cst.Attribute)
            and func.attr.value in ("connect", "disconnect")
            and self._is_model_signal(func.value)
        ):
            # Signal.connect(receiver, sender=None, ...) and disconnect(receiver=None, sender=None, ...)
            self._plan_lazy_sender(node, positional=1)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        at = self.senders.get(id(original_node))
        if at is None:
            return updated_node
        args = list(updated_node.args)
        args[at] = args[at].with_changes(value=user_model_setting(self))
        return updated_node.with_changes(args=args)

    def _receiver(self, call: cst.Call) -> None:
        signal = _argument(call, 0, "signal")
        if signal is None:
            return
        is_list = isinstance(signal, (cst.List, cst.Tuple))
        model = [
            self._is_model_signal(s)
            for s in ([e.value for e in signal.elements] if is_list else [signal])
        ]
        if all(model):
            self._plan_lazy_sender(call, positional=None)
            return
        sender = _argument(call, None, "sender")
        if any(model) and sender is not None and is_auth_user(self, sender):
            self.note(call, MIXED % code_of(sender))

    def _plan_lazy_sender(self, call: cst.Call, positional: int | None) -> None:
        for i, arg in enumerate(call.args):
            is_sender = (arg.keyword is not None and arg.keyword.value == "sender") or (
                positional is not None
                and arg.keyword is None
                and arg.star == ""
                and i == positional
            )
            if not is_sender or not is_auth_user(self, arg.value):
                continue
            if not settings_is_django(self, call):
                self.note(call, SETTINGS_TAKEN % (code_of(call.func), code_of(arg.value)))
                return
            rewrite_away(self, arg.value)
            self.senders[id(call)] = i
            return

    def _is_model_signal(self, node: cst.BaseExpression) -> bool:
        return bool(self.qualified_names(node) & MODEL_SIGNALS)


def _argument(call: cst.Call, index: int | None, keyword: str) -> cst.BaseExpression | None:
    """The value of a call's argument, by keyword or by position (before any star argument)."""
    for i, arg in enumerate(call.args):
        if arg.keyword is not None:
            if arg.keyword.value == keyword:
                return arg.value
        elif arg.star:
            index = None
        elif i == index:
            return arg.value
    return None
