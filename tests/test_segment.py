"""Segmentation: exact offsets, spans never cut by tokens or sentences, lossless BIO round trip."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conflictnews.segment import bio_tags, segment

TEXT = st.text(alphabet=st.sampled_from(list("ab Z9.!?\n'\"-é🇸 ")), min_size=0, max_size=80)


def test_sentences_keep_abbreviations_and_break_at_line_ends() -> None:
    text = "Gen. Petrov met U.S. officials on Jan. 5 in Ankara. Talks ended.\nNo deal."
    seg = segment(text)
    assert [text[s:e] for s, e in seg.sentences] == [
        "Gen. Petrov met U.S. officials on Jan. 5 in Ankara.",
        "Talks ended.",
        "No deal.",
    ]
    assert seg.words[:4] == ["Gen", ".", "Petrov", "met"]


@settings(max_examples=300, deadline=None)
@given(TEXT, st.lists(st.tuples(st.integers(0, 80), st.integers(1, 12)), max_size=4))
def test_offsets_are_exact_and_spans_are_whole_tokens_in_one_sentence(text: str, raw: list) -> None:
    spans = []
    for start, length in raw:
        start, end = min(start, len(text)), min(start + length, len(text))
        piece = text[start:end]
        if piece.strip() == piece and piece:
            spans.append((start, end))
    seg = segment(text, spans)
    assert [text[s:e] for s, e in zip(seg.starts, seg.ends, strict=True)] == seg.words
    assert "".join(seg.words) == "".join(text.split())  # every non-space character is in exactly one token
    for start, end in spans:
        assert start in seg.starts and end in seg.ends
        assert sum(1 for s, e in seg.sentences if s <= start and end <= e) == 1


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["Aleppo", "UN", "said", ".", "Red", "Cross", "on", "Monday"]), min_size=1, max_size=15),
    st.data(),
)
def test_bio_round_trip_for_non_overlapping_spans(words: list[str], data: st.DataObject) -> None:
    text = " ".join(words)
    seg = segment(text)
    tokens = seg.tokens
    cuts = sorted(data.draw(st.sets(st.integers(0, len(tokens)), max_size=6)) | {0, len(tokens)})
    spans = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if data.draw(st.booleans()):
            spans.append((tokens[a][0], tokens[b - 1][1], data.draw(st.sampled_from(["PER", "GPE"]))))
    tags = bio_tags(tokens, spans, ["PER", "GPE"])
    decoded, current = [], None
    for (s, e), tag in zip(tokens, tags, strict=True):
        if tag.startswith("B-") or tag == "O":
            if current:
                decoded.append(tuple(current))
            current = [s, e, tag[2:]] if tag != "O" else None
        else:
            current[1] = e
    if current:
        decoded.append(tuple(current))
    assert decoded == sorted(spans)


def test_bio_prefers_the_longest_overlapping_span() -> None:
    text = "U.S. officials met"
    seg = segment(text, [(0, 4), (0, 14)])
    tags = bio_tags(seg.tokens, [(0, 4, "GPE"), (0, 14, "PER")], ["PER", "GPE"])
    assert tags == ["B-PER", "I-PER", "I-PER", "I-PER", "I-PER", "O"]
