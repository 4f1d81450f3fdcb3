"""`{{ user.profile.<field> }}` and `{% if user.profile.<field> %}` in templates read the field on the user."""

from __future__ import annotations

import re

from ...core.files import TEMPLATE
from ...core.transform import TextTransform
from ._common import elsewhere_message

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


class Templates(TextTransform):
    ROLES = frozenset({TEMPLATE})

    @classmethod
    def wants(cls, text, options, file):
        return file.role in cls.ROLES and (".%s." % options.accessor) in text

    def transform(self, text: str) -> str:
        options = self.options
        path = re.compile(r"(?<=[\w\]\)])\.%s\.(\w+)\b" % re.escape(options.accessor))

        def in_tag(tag: re.Match) -> str:
            def field(m: re.Match) -> str:
                if not options.reads_on_user(m.group(1)):
                    return m.group(0)
                if options.accessor_elsewhere:
                    self.note_at(text, tag.start() + m.start(), elsewhere_message(
                        options, "`.%s.%s`" % (options.accessor, m.group(1)), m.group(1)))
                    return m.group(0)
                return "." + m.group(1)

            return path.sub(field, tag.group(0))

        return _TAG.sub(in_tag, text)
