"""The Japanese edition keeps one register, です・ます調 (as 『ゼロから作るDeep Learning』 does):
no sentence of its prose ends in the plain である調 (…である。 …だ。 …する。 …した。 …ない。).

Only running prose is read: list items (a quiz's statements to judge, a list of things to
try) are conventionally written in plain form or end in a noun (体言止め), tables are not
sentences, and the English summaries are English; code spans and formulas are left out."""
from __future__ import annotations

import re

import pytest

from autograder import editions

from conftest import WEEKS

# a sentence in plain style: its last word before 。 is a plain verb, adjective or copula
PLAIN = re.compile(r"(である|のだ|(?<![でま])した|(?<!ませ)(?<!じゃ)(?<!では)ない|る|(?<![でう])だ)。")


def prose(markdown: str) -> str:
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"<details>.*?</details>", " ", text, flags=re.S)  # the English summaries
    text = re.sub(r"`[^`]*`|\$\$.*?\$\$|\$[^$]*\$", " ", text, flags=re.S)
    lines = [line for line in text.splitlines()
             if not re.match(r"\s*([-*+]\s|\d+[.)]\s|\|)", line)]  # list items and table rows
    return "\n".join(lines)


def plain_sentences(week: str, root) -> list[str]:
    found = []
    for gid, entry in editions.load(week, root).items():
        for sentence in re.findall(r"[^。\n]{0,40}。", prose(str((entry or {}).get("ja", "")))):
            if PLAIN.search(sentence):
                found.append(f"{gid}: …{sentence.strip()}")
    return found


def test_the_register_check_can_fail():
    sample = {"a": {"ja": "勾配を計算する。これは重要である。形状を確かめます。"}}
    text = prose(sample["a"]["ja"])
    assert [s for s in re.findall(r"[^。\n]{0,40}。", text) if PLAIN.search(s)] == ["勾配を計算する。", "これは重要である。"]


@pytest.mark.parametrize("week", WEEKS)
def test_japanese_edition_is_desu_masu(week, root):
    if not editions.has_edition(week, "ja", root):
        pytest.skip("no Japanese edition")
    found = plain_sentences(week, root)
    assert not found, f"{len(found)} sentence(s) in である調:\n" + "\n".join(found[:30])
