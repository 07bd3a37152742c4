"""YAML for the files ``spog log`` reads (model-card front matter, version files), with no dependency.

spog parses YAML 1.2 (the core schema: ``yes`` is a string, ``2026-10-31`` a string, ``0o17`` an
int). When PyYAML is installed it is used, with its resolvers set to YAML 1.2's core schema so it
reads what spog reads. Otherwise a small strict reader handles the subset registries use: block
mappings and sequences, flow ``{}`` / ``[]``, plain, single- and double-quoted scalars (plain ones
over several lines too), ``|`` / ``>`` block scalars and comments. Anything else (anchors, aliases,
tags, complex keys, several documents) raises ``YamlUnsupported`` naming the file and line and the
extra to install. A document that is not valid YAML raises ``YamlSyntaxError``.

Values come back as JavaScript sees them after ``JSON.parse(JSON.stringify(doc))``: numbers as
float, mapping keys as strings.
"""
from __future__ import annotations

import math
import re
from typing import Any

from ._jsjson import js_number

__all__ = ["YamlError", "YamlUnsupported", "YamlSyntaxError", "load_yaml", "front_matter", "HAVE_PYYAML"]

INSTALL_HINT = 'pip install PyYAML'


class YamlError(ValueError):
    """A YAML file spog-client cannot read."""

    def __init__(self, file: str, line: int, message: str) -> None:
        self.file, self.line, self.reason = file, line, message
        super().__init__(f"{file}:{line}: {message}")


class YamlUnsupported(YamlError):
    """Valid YAML beyond the built-in reader's subset; PyYAML reads it."""

    def __init__(self, file: str, line: int, what: str) -> None:
        super().__init__(file, line, f"{what} is beyond the YAML subset spog-client reads without PyYAML; {INSTALL_HINT}")


class YamlSyntaxError(YamlError):
    """Not valid YAML (spog's own parser refuses it too)."""


_pyyaml: Any
try:  # pragma: no cover - exercised by whichever is installed
    import yaml as _pyyaml

    HAVE_PYYAML = True
except ImportError:  # pragma: no cover
    _pyyaml = None
    HAVE_PYYAML = False

# ---- YAML 1.2 core schema ---------------------------------------------------------------------

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


def resolve_plain(s: str) -> Any:
    """A plain scalar's value under YAML 1.2's core schema (numbers as float, as JavaScript holds them)."""
    if _NULL.match(s):
        return None
    if _BOOL.match(s):
        return s[0] in "tT"
    if _INT.match(s) or _FLOAT.match(s):
        return float(s)
    if _OCT.match(s):
        return float(int(s[2:], 8))
    if _HEX.match(s):
        return float(int(s[2:], 16))
    if _INF.match(s):
        return -math.inf if s[0] == "-" else math.inf
    if _NAN.match(s):
        return math.nan
    return s


def _key_text(k: Any) -> str:
    """A mapping key as a JavaScript object holds it (String(key))."""
    if isinstance(k, str):
        return k
    if k is None:
        return ""
    if isinstance(k, bool):
        return "true" if k else "false"
    if isinstance(k, (int, float)):
        return js_number(float(k))
    raise TypeError(type(k).__name__)


# ---- the subset reader ------------------------------------------------------------------------


class _Line:
    __slots__ = ("no", "indent", "text")

    def __init__(self, no: int, indent: int, text: str) -> None:
        self.no, self.indent, self.text = no, indent, text


def _strip_comment(s: str) -> str:
    """The line without its comment ("#" at the start or after a space, outside quotes)."""
    quote = ""
    i = 0
    while i < len(s):
        c = s[i]
        if quote:
            if c == "\\" and quote == '"':
                i += 2
                continue
            if c == quote:
                if quote == "'" and s[i + 1 : i + 2] == "'":
                    i += 2
                    continue
                quote = ""
        elif c in "\"'" and (i == 0 or s[i - 1] in " \t[{,:-"):
            quote = c
        elif c == "#" and (i == 0 or s[i - 1] in " \t"):
            return s[:i].rstrip()
        i += 1
    return s.rstrip()


_DQ_ESC = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b",
           " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}


class _Reader:
    def __init__(self, text: str, file: str, line_offset: int) -> None:
        self.file = file
        self.off = line_offset
        self.raw = text.split("\n")
        if len(self.raw) > 1 and self.raw[-1] == "":
            self.raw.pop()  # the final newline ends the last line; it starts no empty one
        self.lines: list[_Line] = []
        for i, raw in enumerate(self.raw):
            no = i + 1 + line_offset
            m = re.match(r"^( *)", raw)
            indent = len(m.group(1)) if m else 0
            rest = raw[indent:]
            if rest.startswith("\t") and rest.strip():
                raise YamlSyntaxError(file, no, "a tab in the indentation (YAML is indented with spaces only)")
            self.lines.append(_Line(no, indent, rest))
        self.i = 0

    def err(self, no: int, msg: str) -> YamlSyntaxError:
        return YamlSyntaxError(self.file, no, msg)

    def unsupported(self, no: int, what: str) -> YamlUnsupported:
        return YamlUnsupported(self.file, no, what)

    def _content(self, ln: _Line) -> str:
        return _strip_comment(ln.text)

    def skip_blank(self) -> None:
        while self.i < len(self.lines) and self._content(self.lines[self.i]) == "":
            self.i += 1

    def document(self) -> Any:
        self.skip_blank()
        if self.i < len(self.lines) and self._content(self.lines[self.i]).startswith("%"):
            raise self.unsupported(self.lines[self.i].no, "a directive")
        if self.i < len(self.lines) and self._content(self.lines[self.i]) == "---":
            self.i += 1
            self.skip_blank()
        if self.i >= len(self.lines):
            return None
        value = self.node(self.lines[self.i].indent)
        self.skip_blank()
        if self.i < len(self.lines):
            ln = self.lines[self.i]
            c = self._content(ln)
            if c in ("---", "...") and ln.indent == 0:
                raise self.unsupported(ln.no, "a second document")
            raise self.err(ln.no, f'unexpected "{c}" (indentation?)')
        return value

    def node(self, indent: int) -> Any:
        """The block node starting at the current line, indented by ``indent``."""
        self.skip_blank()
        ln = self.lines[self.i]
        c = self._content(ln)
        if c == "-" or c.startswith("- "):
            return self.sequence(ln.indent)
        if self._key_split(c, ln.no) is not None:
            return self.mapping(ln.indent)
        # A scalar or flow node alone (a document of one value, or a value on its own lines).
        start = self.i
        self.i += 1
        return self.inline_value(c, ln.no, indent - 1, start)

    def _key_split(self, c: str, no: int) -> tuple[str, str] | None:
        """(key text, rest) when the line is a "key: value" entry, else None."""
        if c[:1] in "\"'":
            end = self._quoted_end(c, 0)
            if end is None:
                return None
            rest = c[end:].lstrip(" ")
            if rest == ":" or rest.startswith(": "):
                return c[:end], rest[1:].strip()
            return None
        if c[:1] in "[{":
            return None
        if c[:1] == "?":
            raise self.unsupported(no, "a complex mapping key (?)")
        m = re.search(r":(?: |$)", c)
        if not m:
            return None
        return c[: m.start()].rstrip(), c[m.end():].strip()

    @staticmethod
    def _quoted_end(s: str, i: int) -> int | None:
        q = s[i]
        j = i + 1
        while j < len(s):
            if q == '"' and s[j] == "\\":
                j += 2
                continue
            if s[j] == q:
                if q == "'" and s[j + 1 : j + 2] == "'":
                    j += 2
                    continue
                return j + 1
            j += 1
        return None

    def key_value(self, text: str, no: int) -> str:
        if text[:1] == '"':
            return self.double(text[1:-1], no)
        if text[:1] == "'":
            return text[1:-1].replace("''", "'")
        if text[:1] in "&*!":
            raise self.unsupported(no, "an anchor, alias or tag")
        return _key_text(resolve_plain(text))

    def mapping(self, indent: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        while True:
            self.skip_blank()
            if self.i >= len(self.lines):
                break
            ln = self.lines[self.i]
            if ln.indent < indent:
                break
            c = self._content(ln)
            if ln.indent > indent:
                raise self.err(ln.no, "bad indentation of a mapping entry")
            if c == "-" or c.startswith("- ") or (indent == 0 and c in ("---", "...")):
                break
            kv = self._key_split(c, ln.no)
            if kv is None:
                raise self.err(ln.no, f'expected "key: value", got "{c}"')
            key = self.key_value(kv[0], ln.no)
            if key in out:
                raise self.err(ln.no, f'duplicate key "{key}"')
            self.i += 1
            out[key] = self.value_after(kv[1], ln.no, indent)
        return out

    def sequence(self, indent: int) -> list[Any]:
        out: list[Any] = []
        while True:
            self.skip_blank()
            if self.i >= len(self.lines):
                break
            ln = self.lines[self.i]
            c = self._content(ln)
            if ln.indent != indent or not (c == "-" or c.startswith("- ")):
                if ln.indent > indent:
                    raise self.err(ln.no, "bad indentation of a sequence entry")
                break
            rest = ln.text[1:]
            spaces = len(rest) - len(rest.lstrip(" "))
            item = _strip_comment(rest).strip()
            if item == "":
                self.i += 1
                self.skip_blank()
                if self.i < len(self.lines) and self.lines[self.i].indent > indent:
                    out.append(self.node(self.lines[self.i].indent))
                else:
                    out.append(None)
                continue
            col = indent + 1 + spaces
            if item == "-" or item.startswith("- ") or self._key_split(item, ln.no) is not None:
                # The item is a block node starting on this line: read it as if it began at its column.
                self.lines[self.i] = _Line(ln.no, col, rest[spaces:])
                out.append(self.node(col))
            else:
                self.i += 1
                out.append(self.value_after(item, ln.no, indent))
        return out

    def value_after(self, rest: str, no: int, indent: int) -> Any:
        """The value of an entry whose key (or "-") is at ``indent`` and whose text after it is ``rest``."""
        if rest == "":
            self.skip_blank()
            if self.i < len(self.lines):
                nxt = self.lines[self.i]
                c = self._content(nxt)
                if nxt.indent > indent:
                    return self.node(nxt.indent)
                if nxt.indent == indent and (c == "-" or c.startswith("- ")):
                    return self.sequence(indent)
            return None
        return self.inline_value(rest, no, indent, self.i - 1)

    def inline_value(self, rest: str, no: int, indent: int, line_index: int) -> Any:
        if rest[0] in "&*!":
            raise self.unsupported(no, "an anchor, alias or tag")
        if rest[0] in "|>":
            return self.block_scalar(rest, no, indent)
        if rest[0] in "[{":
            text = rest
            while not _flow_closed(text):
                if self.i >= len(self.lines):
                    raise self.err(no, "a flow collection that is never closed")
                text += " " + self._content(self.lines[self.i]).strip()
                self.i += 1
            flow = _Flow(text, self, no)
            v = flow.value()
            flow.ws()
            if flow.i != len(text):
                raise self.err(no, f'unexpected text after a flow collection: "{text[flow.i:]}"')
            return v
        if rest[0] in "\"'":
            end = self._quoted_end(rest, 0)
            if end is None:
                return self.multiline_quoted(rest, no)
            if rest[end:].strip():
                raise self.err(no, f'unexpected text after a quoted scalar: "{rest[end:].strip()}"')
            return self.double(rest[1:end - 1], no) if rest[0] == '"' else rest[1:end - 1].replace("''", "'")
        # A plain scalar, continued on the lines indented more than its key.
        parts = [rest]
        while self.i < len(self.lines):
            ln = self.lines[self.i]
            c = self._content(ln)
            if c == "":
                if ln.text.strip().startswith("#"):
                    break
                # An empty line inside a plain scalar is a line break; look ahead for a continuation.
                j = self.i
                while j < len(self.lines) and self._content(self.lines[j]) == "" and not self.lines[j].text.strip().startswith("#"):
                    j += 1
                if j < len(self.lines) and self.lines[j].indent > indent and self._content(self.lines[j]) != "":
                    parts.append("\n" * (j - self.i))
                    self.i = j
                    continue
                break
            if ln.indent <= indent:
                break
            if self._key_split(c, ln.no) is not None and ln.indent > indent:
                raise self.err(ln.no, "a mapping entry inside a plain scalar (indentation?)")
            parts.append(c.strip())
            self.i += 1
        text = ""
        for p in parts:
            if p.startswith("\n"):
                text += p
            elif text and not text.endswith("\n"):
                text += " " + p
            else:
                text += p
        return resolve_plain(text) if len(parts) == 1 else text

    def multiline_quoted(self, rest: str, no: int) -> str:
        raise self.unsupported(no, "a quoted scalar over several lines")

    def block_scalar(self, head: str, no: int, indent: int) -> str:
        m = re.match(r"^([|>])([-+]?)([1-9]?)([-+]?)$", head)
        if not m:
            raise self.err(no, f'bad block scalar header "{head}"')
        style, chomp, explicit = m.group(1), m.group(2) or m.group(4), m.group(3)
        body: list[str] = []
        block_indent = indent + int(explicit) if explicit else None
        while self.i < len(self.lines):
            ln = self.lines[self.i]
            raw = self.raw[ln.no - 1 - self.off]
            if raw.strip() == "":
                body.append("")
                self.i += 1
                continue
            if block_indent is None:
                if ln.indent <= indent:
                    break
                block_indent = ln.indent
            if ln.indent < block_indent:
                break
            body.append(raw[block_indent:])
            self.i += 1
        # Trailing empty lines belong to the chomping, not the content.
        trailing = 0
        while body and body[-1] == "":
            body.pop()
            trailing += 1
        if style == "|":
            text = "\n".join(body)
        else:
            text = ""
            for k, b in enumerate(body):
                if k == 0:
                    text = b
                elif b == "" or b.startswith(" ") or body[k - 1] == "" or body[k - 1].startswith(" "):
                    text += "\n" + b
                else:
                    text += " " + b
            if any(b.startswith(" ") for b in body):
                raise self.unsupported(no, "a folded block scalar with more-indented lines")
        if not body:
            return "" if chomp != "+" else "\n" * trailing
        if chomp == "-":
            return text
        if chomp == "+":
            return text + "\n" + "\n" * trailing
        return text + "\n"

    def double(self, s: str, no: int) -> str:
        out: list[str] = []
        i = 0
        while i < len(s):
            c = s[i]
            if c != "\\":
                out.append(c)
                i += 1
                continue
            e = s[i + 1 : i + 2]
            if e in _DQ_ESC:
                out.append(_DQ_ESC[e])
                i += 2
            elif e in ("x", "u", "U"):
                n = {"x": 2, "u": 4, "U": 8}[e]
                h = s[i + 2 : i + 2 + n]
                if len(h) != n or not re.fullmatch(r"[0-9a-fA-F]+", h):
                    raise self.err(no, f'bad escape "\\{e}{h}" in a double-quoted scalar')
                out.append(chr(int(h, 16)))
                i += 2 + n
            else:
                raise self.err(no, f'bad escape "\\{e}" in a double-quoted scalar')
        return "".join(out)


def _flow_closed(text: str) -> bool:
    depth = 0
    quote = ""
    i = 0
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\" and quote == '"':
                i += 2
                continue
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
        i += 1
    return depth <= 0 and not quote


class _Flow:
    """Flow collections of scalars: {a: 1, b: [x, "y"]}."""

    def __init__(self, text: str, reader: _Reader, no: int) -> None:
        self.s, self.r, self.no, self.i = text, reader, no, 0

    def ws(self) -> None:
        while self.i < len(self.s) and self.s[self.i] == " ":
            self.i += 1

    def value(self) -> Any:
        self.ws()
        c = self.s[self.i : self.i + 1]
        if c == "[":
            return self.seq()
        if c == "{":
            return self.map()
        if c in ("&", "*", "!"):
            raise self.r.unsupported(self.no, "an anchor, alias or tag")
        if c in ("\"", "'"):
            end = self.r._quoted_end(self.s, self.i)
            if end is None:
                raise self.r.err(self.no, "an unterminated quoted scalar")
            body = self.s[self.i + 1 : end - 1]
            self.i = end
            return self.r.double(body, self.no) if c == '"' else body.replace("''", "'")
        m = re.compile(r"(?:[^,\[\]{}:]|:(?=[^ ,\]}]))*").match(self.s, self.i)
        text = m.group(0).strip() if m else ""
        self.i = m.end() if m else self.i
        return resolve_plain(text)

    def seq(self) -> list[Any]:
        self.i += 1
        out: list[Any] = []
        self.ws()
        if self.s[self.i : self.i + 1] == "]":
            self.i += 1
            return out
        while True:
            start = self.i
            v = self.value()
            self.ws()
            if self.s[self.i : self.i + 1] == ":":
                raise self.r.unsupported(self.no, "a mapping inside a flow sequence")
            out.append(v)
            c = self.s[self.i : self.i + 1]
            self.i += 1
            if c == "]":
                return out
            if c != ",":
                raise self.r.err(self.no, f'expected "," or "]" in a flow sequence near "{self.s[start:start + 20]}"')
            self.ws()
            if self.s[self.i : self.i + 1] == "]":
                self.i += 1
                return out

    def map(self) -> dict[str, Any]:
        self.i += 1
        out: dict[str, Any] = {}
        self.ws()
        if self.s[self.i : self.i + 1] == "}":
            self.i += 1
            return out
        while True:
            k = self.value()
            if isinstance(k, (dict, list)):
                raise self.r.unsupported(self.no, "a collection as a mapping key")
            key = _key_text(k)
            self.ws()
            c = self.s[self.i : self.i + 1]
            if c == ":":
                self.i += 1
                self.ws()
                nxt = self.s[self.i : self.i + 1]
                v = None if nxt in (",", "}") else self.value()
            else:
                v = None
            if key in out:
                raise self.r.err(self.no, f'duplicate key "{key}"')
            out[key] = v
            self.ws()
            c = self.s[self.i : self.i + 1]
            self.i += 1
            if c == "}":
                return out
            if c != ",":
                raise self.r.err(self.no, 'expected "," or "}" in a flow mapping')
            self.ws()
            if self.s[self.i : self.i + 1] == "}":
                self.i += 1
                return out


# ---- PyYAML with YAML 1.2 core resolvers --------------------------------------------------------


def _pyyaml_loader() -> Any:
    assert _pyyaml is not None

    class Loader(_pyyaml.SafeLoader):  # type: ignore[name-defined,misc,unused-ignore]
        pass

    Loader.yaml_implicit_resolvers = {}
    for tag, pattern, first in [
        ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
        ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
        ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
        ("tag:yaml.org,2002:float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", list("-+0123456789.")),
    ]:
        Loader.add_implicit_resolver(tag, re.compile(pattern), first)

    def construct_scalar_value(loader: Any, node: Any) -> Any:
        return resolve_plain(node.value) if node.style is None else node.value

    for tag in ("null", "bool", "int", "float"):
        Loader.add_constructor(f"tag:yaml.org,2002:{tag}", construct_scalar_value)

    def construct_mapping(loader: Any, node: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for knode, vnode in node.value:
            k = loader.construct_object(knode, deep=True)
            key = _key_text(k)
            if key in out:
                raise _pyyaml.constructor.ConstructorError(None, None, f'duplicate key "{key}"', knode.start_mark)
            out[key] = loader.construct_object(vnode, deep=True)
        return out

    Loader.add_constructor("tag:yaml.org,2002:map", construct_mapping)
    return Loader


_LOADER: Any = None


def load_yaml(text: str, file: str, *, line_offset: int = 0, use_pyyaml: bool | None = None) -> Any:
    """Parse one YAML document as spog does (YAML 1.2 core schema); see the module comment."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = re.sub(r"\r\n?", "\n", text)
    if use_pyyaml is None:
        use_pyyaml = HAVE_PYYAML
    if use_pyyaml:
        global _LOADER
        if _LOADER is None:
            _LOADER = _pyyaml_loader()
        try:
            return _pyyaml.load(text, Loader=_LOADER)  # noqa: S506 - a SafeLoader subclass
        except _pyyaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            raise YamlSyntaxError(file, (mark.line + 1 if mark else 1) + line_offset, str(e).split("\n")[0]) from e
    return _Reader(text, file, line_offset).document()


def front_matter(text: str) -> tuple[str, int] | None:
    """The YAML front matter of a model card and the line it starts on, or None when it has none
    (the card then has no metric names for spog either)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = re.sub(r"\r\n?", "\n", text)
    lines = text.split("\n")
    first = lines[0].strip()
    if not first.startswith("---") or first[3:].strip().lower() not in ("", "yaml", "yml"):
        return None
    for i in range(1, len(lines)):
        if re.match(r"^---[ \t]*$", lines[i]):
            return "\n".join(lines[1:i]) + "\n", 1
    return None
