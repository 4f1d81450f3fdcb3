"""Fixture rows of the profile: the moved fields' values go to their user's row in the same JSON file, else a note."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from ...core.files import FIXTURE
from ...core.transform import TextTransform

_WS = re.compile(r"[ \t\r\n]*")
_DECODER = json.JSONDecoder()
_YAML_MODEL = re.compile(r"""^[ \t]*(?:-[ \t]*)?model[ \t]*:""", re.M)


@dataclass
class Node:
    """A JSON value and where it stands in the text: [start, end); objects keep their members, arrays their
    items."""

    start: int
    end: int
    value: Any = None
    members: list[Member] | None = None
    items: list[Node] | None = None

    def get(self, key: str) -> Member | None:
        for m in reversed(self.members or []):  # as json.loads: the last of a repeated key wins
            if m.key == key:
                return m
        return None


@dataclass
class Member:
    key: str
    start: int  # the key's opening quote
    value: Node = field(repr=False)

    @property
    def end(self) -> int:
        return self.value.end


def _ws(text: str, i: int) -> int:
    return _WS.match(text, i).end()


def parse(text: str) -> Node:
    """The whole text as one JSON value, with positions; ValueError when it is not JSON."""
    start = 1 if text.startswith("\ufeff") else 0
    node = _value(text, start)
    if _ws(text, node.end) != len(text):
        raise ValueError("text after the JSON value")
    return node


def _value(text: str, i: int) -> Node:
    i = _ws(text, i)
    c = text[i : i + 1]
    if c == "{":
        node = Node(i, i, {}, members=[])
        i = _ws(text, i + 1)
        if text[i : i + 1] == "}":
            node.end = i + 1
            return node
        while True:
            if text[i : i + 1] != '"':
                raise ValueError("expected a key at %d" % i)
            key, after = json.decoder.scanstring(text, i + 1)
            colon = _ws(text, after)
            if text[colon : colon + 1] != ":":
                raise ValueError("expected ':' at %d" % colon)
            value = _value(text, colon + 1)
            node.members.append(Member(key, i, value))
            node.value[key] = value.value
            i = _ws(text, value.end)
            if text[i : i + 1] == ",":
                i = _ws(text, i + 1)
            elif text[i : i + 1] == "}":
                node.end = i + 1
                return node
            else:
                raise ValueError("expected ',' or '}' at %d" % i)
    if c == "[":
        node = Node(i, i, [], items=[])
        i = _ws(text, i + 1)
        if text[i : i + 1] == "]":
            node.end = i + 1
            return node
        while True:
            item = _value(text, i)
            node.items.append(item)
            node.value.append(item.value)
            i = _ws(text, item.end)
            if text[i : i + 1] == ",":
                i += 1
            elif text[i : i + 1] == "]":
                node.end = i + 1
                return node
            else:
                raise ValueError("expected ',' or ']' at %d" % i)
    try:
        value, end = _DECODER.raw_decode(text, i)
    except json.JSONDecodeError as exc:
        raise ValueError(str(exc)) from None
    return Node(i, end, value)


def _same(a: Any, b: Any) -> bool:
    """Do two fixture values name the same row (a pk given as 1 or "1")?"""
    if isinstance(a, (list, dict)) or isinstance(b, (list, dict)):
        return a == b
    return a is not None and b is not None and str(a) == str(b)


def _separator(text: str, obj: Node) -> str | None:
    """What stands between two members of this object in the file (`, ` or `,\\n      `), when it has two."""
    members = obj.members or []
    if len(members) < 2:
        return None
    return text[members[-2].end : members[-1].start]


class Fixtures(TextTransform):
    TITLE = "Fixture rows of the profile: moved fields' values on their user's row"
    RUNS_AFTER = ("templates",)
    ROLES = frozenset({FIXTURE})

    @classmethod
    def wants(cls, text, options, file):
        return (
            super().wants(text, options, file)
            and bool(options.fields)
            and options.profile_label.lower() in text.lower()
        )

    def transform(self, text: str) -> str:
        try:
            root = parse(text)
        except ValueError:
            return self._not_json(text)
        if root.items is None:
            return text
        rows = [r for r in root.items if r.members is not None]
        profile, user = self.options.profile_label.lower(), self.options.user_label.lower()
        users = [r for r in rows if str(r.value.get("model", "")).lower() == user]
        # id(user row's fields) -> (member, from object)
        added: dict[int, list[tuple[Member, Node]]] = {}
        edits: list[tuple[Node, str]] = []  # (object whose inside is replaced, new inside)
        targets: dict[int, Node] = {}
        for row in rows:
            if str(row.value.get("model", "")).lower() != profile:
                continue
            fields = row.get("fields")
            if fields is None or fields.value.members is None:
                continue
            moving = [m for m in fields.value.members if self.options.moved(m.key)]
            if not moving:
                continue
            where = row.get("model").start
            names = ", ".join(m.key for m in moving)
            target, why = self._user_row(row, users)
            if target is None:
                self._note(text, where, row, names, why)
                continue
            user_fields = target.get("fields")
            if user_fields is None or user_fields.value.members is None:
                self._note(text, where, row, names, 'its user\'s row has no "fields" object')
                continue
            set_there = {m.key for m in user_fields.value.members}
            set_there |= {m.key for m, _ in added.get(id(user_fields.value), [])}
            set_there |= {n for k in set(set_there) for n in self._names(k)}
            clash = [m.key for m in moving if ({m.key} | self._names(m.key)) & set_there]
            if clash:
                line = text.count("\n", 0, target.start) + 1
                self._note(
                    text,
                    where,
                    row,
                    names,
                    "its user's row (line %d) already sets %s" % (line, ", ".join(clash)),
                )
                continue
            added.setdefault(id(user_fields.value), []).extend((m, fields.value) for m in moving)
            targets[id(user_fields.value)] = user_fields.value
            kept = [m for m in fields.value.members if m not in moving]
            edits.append((fields.value, self._inside(text, fields.value, kept)))
        for key, members in added.items():
            edits.append((targets[key], self._appended(text, targets[key], members)))
        for obj, inside in sorted(edits, key=lambda e: -e[0].start):
            text = text[: obj.start + 1] + inside + text[obj.end - 1 :]
        return text

    # -- which user row ----------------------------------------------------------------------------
    def _user_row(self, row: Node, users: list[Node]) -> tuple[Node | None, str]:
        o = self.options
        if o.link_pk:
            if "pk" not in row.value:
                return None, 'it has no "pk", which is its user\'s (%s is its primary key)' % o.link
            ref, said = row.value["pk"], "pk %s" % json.dumps(row.value["pk"])
        else:
            fields = row.value.get("fields") or {}
            if o.link not in fields:
                return None, "it does not say its user (no %r)" % o.link
            ref, said = fields[o.link], "%s %s" % (o.link, json.dumps(fields[o.link]))
        if ref is None:
            return None, "its %s is null" % ("pk" if o.link_pk else o.link)
        if isinstance(ref, list):  # a natural key
            if len(ref) != 1 or not o.username_field or o.link_to_field:
                return None, "its user is given by a natural key (%s) the tool cannot resolve" % (
                    json.dumps(ref)
                )
            found = [
                u
                for u in users
                if _same((u.value.get("fields") or {}).get(o.username_field), ref[0])
            ]
        elif o.link_to_field:
            found = [
                u for u in users if _same((u.value.get("fields") or {}).get(o.link_to_field), ref)
            ]
        else:
            found = [u for u in users if _same(u.value.get("pk"), ref)]
        if len(found) == 1:
            return found[0], ""
        if found:
            return None, "%d %s rows in this file match its %s" % (len(found), o.user_label, said)
        return None, "no %s row in this file matches its %s" % (o.user_label, said)

    def _names(self, key: str) -> set[str]:
        moved = self.options.moved(key)
        return {moved.name, moved.attname} if moved else set()

    # -- the text ----------------------------------------------------------------------------------
    @staticmethod
    def _inside(text: str, obj: Node, kept: list[Member]) -> str:
        """The inside of `obj` with only the `kept` members, each with the separator that stood before it."""
        members = obj.members
        if not kept:
            return ""
        lead = text[obj.start + 1 : members[0].start]
        trail = text[members[-1].end : obj.end - 1]
        out = [lead]
        for i, m in enumerate(kept):
            if i:  # not the first kept, so not the first member: the separator that stood before it
                out.append(text[members[members.index(m) - 1].end : m.start])
            out.append(text[m.start : m.end])
        out.append(trail)
        return "".join(out)

    @staticmethod
    def _appended(text: str, obj: Node, new: list[tuple[Member, Node]]) -> str:
        """The inside of the user row's `obj` with the profile's members appended, as the file writes them."""
        members = obj.members
        source = new[0][1]
        sep = _separator(text, obj) or _separator(text, source)
        if sep is None:
            base = members[0] if members else source.members[0]
            owner = obj if members else source
            lead = text[owner.start + 1 : base.start]
            sep = "," + lead if "\n" in lead else ", "
        pieces = sep.join(text[m.start : m.end] for m, _ in new)
        if members:
            last = members[-1].end
            return text[obj.start + 1 : last] + sep + pieces + text[last : obj.end - 1]
        lead = text[source.start + 1 : source.members[0].start]
        trail = text[source.members[-1].end : source.end - 1]
        return lead + pieces + trail

    # -- notes -------------------------------------------------------------------------------------
    def _note(self, text: str, offset: int, row: Node, names: str, why: str) -> None:
        o = self.options
        self.note_at(
            text,
            offset,
            "this %s row sets %s, which moved to %s, and %s: loaddata saves them on its user through the "
            "compatibility layer for this release; before it goes, move those values to the row of its user in "
            "the fixture that creates it (or set them where the user is created, when no fixture does) and drop "
            "them from this row" % (o.profile_label, names, o.user_label, why),
        )

    def _not_json(self, text: str) -> str:
        o = self.options
        names = [
            f.name
            for f in o.fields
            if re.search(r"""["']?\b%s["']?\s*:""" % re.escape(f.name), text)
        ]
        rows = list(
            re.finditer(
                r"""["']?model["']?\s*:\s*["']?%s\b""" % re.escape(o.profile_label), text, re.I
            )
        )
        if rows and names:
            kind = (
                "a YAML fixture"
                if _YAML_MODEL.search(text)
                else "not a JSON fixture the tool can read"
            )
            self.note_at(
                text,
                rows[0].start(),
                "%d row(s) of %s set %s, which moved to %s, and this is %s, which the tool does not rewrite: "
                "loaddata saves those values on their users through the compatibility layer for this release; "
                "before it goes, move them to the rows of their users and drop them from the profile's rows"
                % (len(rows), o.profile_label, ", ".join(names), o.user_label, kind),
            )
        return text
