"""Which pager a long view goes through, and when."""

from __future__ import annotations

from minecli.render.pager import pager_command, too_tall


def test_minecli_pager_wins_then_pager_then_less() -> None:
    assert pager_command({"MINECLI_PAGER": "most -s", "PAGER": "more"}) == ["most", "-s"]
    assert pager_command({"PAGER": "less -S"}) == ["less", "-S"]
    assert pager_command({}) == ["less"]


def test_an_empty_value_or_cat_means_no_pager() -> None:
    assert pager_command({"MINECLI_PAGER": ""}) is None
    assert pager_command({"MINECLI_PAGER": "  ", "PAGER": "less"}) is None  # the first one named
    assert pager_command({"PAGER": "cat"}) is None
    assert pager_command({"MINECLI_PAGER": "cat", "PAGER": "less"}) is None


def test_a_quoted_pager_keeps_its_words() -> None:
    assert pager_command({"PAGER": "'/opt/my pager/less' -R"}) == ["/opt/my pager/less", "-R"]


def test_only_text_taller_than_the_screen_is_paged() -> None:
    assert not too_tall("a\nb\n", 24)
    assert too_tall("x\n" * 23, 24)  # one line is kept for the prompt
    assert not too_tall("x\n" * 22, 24)
