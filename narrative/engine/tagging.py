"""Faster, same-result matching for spaCy's attribute ruler.

spaCy's ``attribute_ruler`` runs a general :class:`~spacy.matcher.Matcher` with every pattern
of the model (179 for ``en_core_web_sm``) at every token: on note text that costs about as much
as the parser (~25 us per token). Its patterns are plain attribute equalities (``{"TAG": "NN"}``,
``{"LOWER": "he", "TAG": "PRP"}``), a few sets (``IN``, ``NOT_IN``), regexes and two-token
sequences, so :func:`speed_up_attribute_ruler` gives the ruler a ``match`` (and a ``pipe`` that
matches a whole batch of docs at once) finding the same matches by table look-up and numpy masks
over the docs' token arrays, and leaves the rest of the component (the order in which matches are
applied, how attributes are set, serialisation) to spaCy. A ruler holding any pattern outside that
subset (quantifiers, other operators or attributes, extensions) keeps spaCy's matcher. On the
benchmark's notes matching takes about a ninth of the time.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

logger = logging.getLogger(__name__)

# Pattern attributes the fast matcher reads. The matcher and ``Doc.to_array`` read a token's
# attribute through the same function (``get_token_attr``), so the array holds what it compares.
_ATTRS = ("ORTH", "LOWER", "TAG", "DEP", "IS_SPACE")
_STRING_ATTRS = ("ORTH", "LOWER", "TAG", "DEP")


class _Unsupported(Exception):
    """A pattern the fast matcher does not handle (the ruler keeps spaCy's matcher)."""


# A condition on one token: ("eq", attr, value), ("in" / "not_in", attr, frozenset of values)
# or ("regex", attr, compiled pattern); values as the matcher compares them.
Condition = tuple[str, str, Any]


def _conditions(token: Any, vocab: Any) -> tuple[Condition, ...]:
    """One token pattern as conditions, values converted as spaCy's matcher converts them
    (``_get_attr_values`` and the set and regex predicates), or raise :class:`_Unsupported`."""
    import re

    from spacy.strings import get_string_id

    if not isinstance(token, Mapping) or not token:
        raise _Unsupported
    out: list[Condition] = []
    for name, value in token.items():
        attr = str(name).upper()
        attr = "ORTH" if attr == "TEXT" else attr
        if attr not in _ATTRS:
            raise _Unsupported
        if isinstance(value, bool):
            out.append(("eq", attr, int(value)))
        elif isinstance(value, str) and attr in _STRING_ATTRS:
            out.append(("eq", attr, int(vocab.strings.add(value))))
        elif isinstance(value, Mapping) and value and attr in _STRING_ATTRS:
            for op, arg in value.items():
                if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
                    out.append((op.lower(), attr, frozenset(int(get_string_id(v)) for v in arg)))
                elif op == "REGEX" and isinstance(arg, str):
                    out.append(("regex", attr, re.compile(arg)))
                else:
                    raise _Unsupported
        else:
            raise _Unsupported
    return tuple(out)


class FastRulerMatch:
    """A drop-in for ``AttributeRuler.match``: the same sorted ``(attr_id, match_id, start, end)``
    list (without duplicates, as the matcher returns it), found over ``doc.to_array`` instead of
    spaCy's general matcher: single-token patterns of plain equalities by table look-up, the
    others (sets, regexes, several tokens) with numpy masks."""

    def __init__(self, ruler: Any) -> None:
        self._ruler = ruler
        self._n_entries = -1
        self._regex_memo: dict[tuple[int, int], bool] = {}  # (id of the pattern, value) -> found
        self._compile()

    def _compile(self) -> None:
        from spacy.attrs import IDS

        ruler = self._ruler
        vocab = ruler.vocab
        self._regex_memo = {}
        singles: dict[tuple[str, ...], dict[tuple[int, ...], list[tuple[int, int]]]] = {}
        general: list[tuple[int, int, tuple[tuple[Condition, ...], ...]]] = []
        for i in range(len(ruler.attrs)):
            key = int(vocab.strings[str(i)])
            _, patterns = ruler.matcher.get(key)
            for pattern in patterns:
                specs = tuple(_conditions(tok, vocab) for tok in pattern)
                if not specs:
                    raise _Unsupported
                if len(specs) == 1 and all(kind == "eq" for kind, _, _ in specs[0]):
                    pairs = sorted((attr, value) for _, attr, value in specs[0])
                    if len({attr for attr, _ in pairs}) != len(pairs):
                        raise _Unsupported  # the same attribute twice: leave it to spaCy
                    names = tuple(a for a, _ in pairs)
                    values = tuple(v for _, v in pairs)
                    entries = singles.setdefault(names, {}).setdefault(values, [])
                    if (i, key) not in entries:
                        entries.append((i, key))
                else:
                    general.append((i, key, specs))
        used = {a for names in singles for a in names}
        used |= {attr for _, _, specs in general for spec in specs for _, attr, _ in spec}
        cols = sorted(used)
        col = {a: k for k, a in enumerate(cols)}
        self._array_ids = [IDS[a] for a in cols]
        self._singles = [
            (
                tuple(col[a] for a in names),
                table,
                np.array(sorted({values[0] for values in table}), dtype=np.uint64),
            )
            for names, table in singles.items()
        ]
        self._general = [
            (
                i,
                key,
                tuple(
                    tuple(
                        (
                            kind,
                            col[attr],
                            np.array(sorted(arg), dtype=np.uint64) if kind in ("in", "not_in") else arg,
                        )
                        for kind, attr, arg in spec
                    )
                    for spec in specs
                ),
            )
            for i, key, specs in general
        ]
        self._n_entries = len(ruler.attrs)

    def _condition_mask(self, kind: str, values: np.ndarray, arg: Any) -> np.ndarray:
        if kind == "eq":
            return values == np.uint64(arg)
        if kind == "in":
            return np.isin(values, arg)
        if kind == "not_in":
            return ~np.isin(values, arg)
        # regex: searched in the string of each distinct value (as the matcher's regex predicate)
        strings = self._ruler.vocab.strings
        memo = self._regex_memo
        pid = id(arg)
        distinct, inverse = np.unique(values, return_inverse=True)
        hits = []
        for v in distinct.tolist():
            found = memo.get((pid, v))
            if found is None:
                found = memo[(pid, v)] = bool(arg.search(strings[v]))
            hits.append(found)
        return np.asarray(hits, dtype=bool)[inverse.reshape(-1)]

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        return self.match_docs([doc])[0]

    def match_docs(self, docs: Sequence[Doc]) -> list[list[tuple[int, int, int, int]]]:
        """``AttributeRuler.match`` of each doc, the docs' token arrays read as one (a pattern of
        several tokens never spans two docs)."""
        if self._n_entries != len(self._ruler.attrs):  # patterns added since: compile again
            self._compile()
        found: list[set[tuple[int, int, int, int]]] = [set() for _ in docs]
        sizes = [len(doc) for doc in docs]
        n = sum(sizes)
        if n == 0 or not self._array_ids:
            return [[] for _ in docs]
        width = len(self._array_ids)
        array = np.concatenate(
            [doc.to_array(self._array_ids).astype(np.uint64, copy=False).reshape(-1, width) for doc in docs]
        )
        which = np.repeat(np.arange(len(docs)), sizes)  # doc of each row
        starts = np.cumsum([0, *sizes[:-1]])
        which_list = which.tolist()
        start_list = starts.tolist()
        columns: dict[int, list[int]] = {}
        for cols, table, first_values in self._singles:
            hits = np.flatnonzero(np.isin(array[:, cols[0]], first_values))
            if not len(hits):
                continue
            for c in cols:
                if c not in columns:
                    columns[c] = array[:, c].tolist()
            lists = [columns[c] for c in cols]
            for row in hits.tolist():
                entries = table.get(tuple(values[row] for values in lists))
                if entries:
                    d = which_list[row]
                    pos = row - start_list[d]
                    for i, key in entries:
                        found[d].add((i, key, pos, pos + 1))
        for i, key, specs in self._general:
            length = len(specs)
            if length > n:
                continue
            span = n - length + 1
            mask = np.ones(span, dtype=bool) if length == 1 else which[:span] == which[length - 1 :]
            for offset, spec in enumerate(specs):
                for kind, c, arg in spec:
                    mask &= self._condition_mask(kind, array[offset : span + offset, c], arg)
            for row in np.flatnonzero(mask).tolist():
                d = which_list[row]
                pos = row - start_list[d]
                found[d].add((i, key, pos, pos + length))
        return [sorted(f) for f in found]


class FastRulerPipe:
    """A drop-in for ``AttributeRuler.pipe`` (what ``nlp.pipe`` calls): each batch of docs matched
    together by :class:`FastRulerMatch`, then spaCy's own ``set_annotations`` per doc."""

    def __init__(self, ruler: Any, match: FastRulerMatch) -> None:
        self._ruler = ruler
        self._match = match

    def __call__(self, stream: Any, *, batch_size: int = 128) -> Any:
        from spacy.util import minibatch

        ruler = self._ruler
        error_handler = ruler.get_error_handler()
        for batch in minibatch(stream, size=batch_size):
            docs = list(batch)
            try:
                matches = self._match.match_docs(docs)
            except Exception:  # noqa: BLE001 - spaCy's path (ruler(doc)) reports it to the error handler
                yield from (ruler(doc) for doc in docs)
                continue
            for doc, doc_matches in zip(docs, matches, strict=True):
                try:
                    ruler.set_annotations(doc, doc_matches)
                except Exception as e:  # noqa: BLE001 - as AttributeRuler.__call__: to the error handler
                    yield error_handler(ruler.name, ruler, [doc], e)
                    continue
                yield doc


def speed_up_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Give ``nlp``'s attribute ruler the fast ``match``; False (nothing changed) when the pipeline
    has no such ruler or one of its patterns is outside the fast matcher's subset."""
    from spacy.pipeline import AttributeRuler

    if name not in nlp.component_names:
        return False
    ruler = nlp.get_pipe(name)
    if type(ruler) is not AttributeRuler or type(ruler).match is not AttributeRuler.match:
        return False
    try:
        match = FastRulerMatch(ruler)
    except _Unsupported:
        logger.debug("attribute ruler %s keeps spaCy's matcher (a pattern outside the fast subset)", name)
        return False
    ruler.match = match
    ruler.pipe = FastRulerPipe(ruler, match)
    return True


def speed_up(nlp: Language) -> list[str]:
    """Apply the speed-up where it fits; returns the names of the components sped up."""
    return ["attribute_ruler"] if speed_up_attribute_ruler(nlp) else []
