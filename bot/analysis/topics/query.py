"""The topic query language: text -> CompiledQuery, with errors that point at a column.

    "north korea*" AND (troops OR soldiers OR brigade*) AND NOT "missile test"

AND/OR/NOT (any case; adjacent terms are ANDed; NOT binds tightest, then AND, then OR),
"quoted phrases", `prefix*` (also on a phrase's last word), `a NEAR/n b` (both within n words,
either order; operands are terms or phrases), parentheses, and `title:` before a term, phrase,
NEAR or group. A bare term with punctuation inside (`U.S.`, `kim-jong`) is a phrase of its words.
Matching is on words folded by `tokens.words` (case/accent-insensitive, word-boundary aware).
The grammar is lark's LALR; the parse tree becomes the nodes of `query_nodes`.
"""

from __future__ import annotations

import re
from functools import cache

from lark import Lark, Token, Transformer_NonRecursive
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken, VisitError

from bot.analysis.topics.nodes import FIELD_NAMES, And, Document, Near, Node, Not, Or, Term, Trigger
from bot.analysis.topics.tokens import words

MAX_LENGTH = 2000
MAX_DEPTH = 32
# What one entry may cost a query: every term is one look-up (NEAR and phrases one pass over their
# occurrences), so these bound the work per entry and topic whoever wrote the query.
MAX_TERMS = 200
MAX_NEAR = 50

_GRAMMAR = r"""
?start: or_expr
?or_expr: and_expr (_OR and_expr)*
?and_expr: unary (_AND? unary)*
?unary: NOT unary -> negation
      | atom
?atom: FIELD atom -> field
     | "(" or_expr ")"
     | term NEAR term -> near
     | term
?term: WORD -> word
     | PHRASE -> phrase

NOT: "not"i
_AND: "and"i
_OR: "or"i
NEAR.3: /near\/\d+(?![^\s()"])/i
FIELD.2: /[^\W\d_]+:/
PHRASE: /"[^"]*"/
WORD: /[^\s()"]+/i
%ignore /\s+/
"""


class QueryError(ValueError):
    """A query that cannot compile; `column` is 1-based in the query text."""

    def __init__(self, message: str, column: int = 1, located: bool = True) -> None:
        self.message = message
        self.column = column
        self.located = located
        super().__init__(f"{message} at column {column}" if located else message)

    def __reduce__(self) -> tuple:  # survives a trip through a worker process intact
        return (QueryError, (self.message, self.column, self.located))


class CompiledQuery:
    """A parsed query, ready to match many entries."""

    def __init__(self, text: str, root: Node) -> None:
        self.text = text
        self.root = root
        self.terms: tuple[str, ...] = tuple(dict.fromkeys(root.positive_terms()))
        triggers = root.triggers()
        assert triggers is not None  # compile_query refuses queries without a positive term
        self.triggers: tuple[Trigger, ...] = tuple(dict.fromkeys(triggers))

    def match(self, title: str, text: str) -> dict[str, list[str]] | None:
        """None when the entry does not match, else which terms hit in the title and text."""
        return self.match_document(Document(title, text))

    def match_document(self, doc: Document) -> dict[str, list[str]] | None:
        hits = self.root.evaluate(doc)
        if hits is None:
            return None
        why: dict[str, list[str]] = {"title": [], "text": []}
        for field, source in dict.fromkeys(hits):
            why[FIELD_NAMES[field]].append(source)
        return why

    def __repr__(self) -> str:
        return f"CompiledQuery({self.text!r})"


def compile_query(text: str) -> CompiledQuery:
    """Parse `text`; raises QueryError with a column for anything that is not a valid query."""
    if not text.strip():
        raise QueryError("empty query", 1, located=False)
    if len(text) > MAX_LENGTH:
        raise QueryError(f"query longer than {MAX_LENGTH} characters", MAX_LENGTH)
    _check_brackets(text)
    try:
        tree = _parser().parse(text)
        root = _ToNodes().transform(tree)
    except VisitError as e:
        if isinstance(e.orig_exc, QueryError):
            raise e.orig_exc from None
        raise
    except UnexpectedInput as e:
        raise _located(e, text) from None
    if root.triggers() is None:
        raise QueryError("a query needs at least one positive term", _first_not_column(root))
    _check_size(root)
    return CompiledQuery(text, root)


def _check_size(root: Node) -> None:
    """Too many terms or NEAR clauses: refused with the column where the limit is passed."""
    terms: list[Term] = []
    nears: list[Near] = []
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, Term):
            terms.append(node)
        elif isinstance(node, Near):
            nears.append(node)
            terms += [node.left, node.right]
        elif isinstance(node, Not):
            stack.append(node.child)
        else:
            stack.extend(node.children)
    if len(terms) > MAX_TERMS:
        column = sorted(t.column for t in terms)[MAX_TERMS]
        raise QueryError(f"too many terms ({len(terms)}; a query may have at most {MAX_TERMS})", column)
    if len(nears) > MAX_NEAR:
        column = sorted(n.column for n in nears)[MAX_NEAR]
        raise QueryError(f"too many NEAR clauses ({len(nears)}; a query may have at most {MAX_NEAR})", column)


@cache
def _parser() -> Lark:
    return Lark(_GRAMMAR, parser="lalr", lexer="basic", maybe_placeholders=False)


def _check_brackets(text: str) -> None:
    """Quotes and parentheses first: their errors read better than the parser's."""
    opened: list[int] = []
    quote: int | None = None
    for i, char in enumerate(text):
        if quote is not None:
            if char == '"':
                quote = None
        elif char == '"':
            quote = i
        elif char == "(":
            opened.append(i)
            if len(opened) > MAX_DEPTH:
                raise QueryError(f"more than {MAX_DEPTH} nested parentheses", i + 1)
        elif char == ")":
            if not opened:
                raise QueryError("unbalanced parenthesis", i + 1)
            opened.pop()
    if quote is not None:
        raise QueryError("unterminated phrase (missing closing quote)", quote + 1)
    if opened:
        raise QueryError("unbalanced parenthesis", opened[-1] + 1)


def _located(error: UnexpectedInput, text: str) -> QueryError:
    if isinstance(error, UnexpectedToken) and error.token.type == "$END":
        last = re.search(r"(\S+)\s*$", text)
        assert last is not None  # text is not blank here
        return QueryError(f"query ends unexpectedly after {_shown(last.group(1))}",
                          last.start(1) + 1)
    if isinstance(error, UnexpectedToken):
        token = error.token
        return QueryError(f"unexpected {_shown(str(token))}", token.start_pos + 1)
    if isinstance(error, UnexpectedCharacters):
        position = error.pos_in_stream
        return QueryError(f"unexpected {_shown(text[position])}", position + 1)
    position = min(max(getattr(error, "pos_in_stream", 0) or 0, 0), len(text) - 1)
    return QueryError("cannot parse the query", position + 1)


def _shown(fragment: str) -> str:
    return repr(fragment if len(fragment) <= 30 else fragment[:29] + "…")


def _first_not_column(node: Node) -> int:
    if isinstance(node, Not):
        return node.column
    for child in getattr(node, "children", ()):
        if child.triggers() is None:
            return _first_not_column(child)
    return node.column


class _ToNodes(Transformer_NonRecursive):
    """Parse tree -> query_nodes; validates terms as it goes (errors carry columns)."""

    def word(self, children: list[Token]) -> Term:
        (token,) = children
        value = str(token)
        column = token.start_pos + 1
        star = value.find("*")
        if 0 <= star < len(value) - 1:
            raise QueryError("'*' may only end a word (prefix*)", column + star)
        prefix = value.endswith("*")
        found = tuple(words(value[:-1] if prefix else value))
        if not found:
            raise QueryError(f"{_shown(value)} has no letters or digits to match", column)
        return Term(value, found, prefix, column)

    def phrase(self, children: list[Token]) -> Term:
        (token,) = children
        value = str(token)
        column = token.start_pos + 1
        inner = value[1:-1].rstrip()
        prefix = inner.endswith("*")
        star = inner.find("*")
        if 0 <= star < len(inner) - 1:
            raise QueryError("'*' may only end a phrase's last word", column + 1 + star)
        found = tuple(words(inner[:-1] if prefix else inner))
        if not found:
            raise QueryError("empty phrase", column)
        return Term(value, found, prefix, column)

    def near(self, children: list) -> Near:
        left, operator, right = children
        distance = int(str(operator).split("/", 1)[1])
        if not 1 <= distance <= 1000:
            raise QueryError("NEAR/n needs n between 1 and 1000", operator.start_pos + 1)
        return Near(left, right, distance, left.column)

    def field(self, children: list) -> Node:
        token, node = children
        name = str(token)[:-1]
        if name.casefold() != "title":
            raise QueryError(f"unknown field {_shown(name + ':')} "
                             "(only title: exists; quote it to search the words)",
                             token.start_pos + 1)
        return node.restricted()

    def negation(self, children: list) -> Node:
        token, node = children
        if isinstance(node, Not):  # NOT NOT x is x
            return node.child
        return Not(node, token.start_pos + 1)

    def and_expr(self, children: list[Node]) -> And:
        flat: list[Node] = []
        for child in children:
            flat.extend(child.children if isinstance(child, And) else (child,))
        return And(tuple(flat), flat[0].column)

    def or_expr(self, children: list[Node]) -> Or:
        flat: list[Node] = []
        for child in children:
            flat.extend(child.children if isinstance(child, Or) else (child,))
        return Or(tuple(flat), flat[0].column)
