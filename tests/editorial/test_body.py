"""build_tools.editorial.body: what the approval hash covers."""

from __future__ import annotations

import pytest

from build_tools.editorial.body import body_sha256, normalise_body, page_sha256, split_front_matter

PAGE = "---\nid: x\nstatus: submitted\n---\n\n# Title\n\nText.\n"


def test_front_matter_is_split_off_and_the_body_kept_exactly() -> None:
    meta, body = split_front_matter(PAGE)
    assert meta == "id: x\nstatus: submitted\n"
    assert body == "\n# Title\n\nText.\n"
    assert split_front_matter("# No front matter\n") == (None, "# No front matter\n")


@pytest.mark.parametrize(
    "variant",
    [
        "\n# Title\n\nText.\n",
        "\r\n# Title\r\n\r\nText.\r\n",  # Windows line endings
        "# Title   \n\nText.\t\n\n\n",  # trailing whitespace and blank lines
        "\n\n# Title\n\nText.",  # no final newline
    ],
)
def test_formatting_noise_does_not_change_the_hash(variant: str) -> None:
    assert body_sha256(variant) == body_sha256("# Title\n\nText.\n")


@pytest.mark.parametrize(
    "edit",
    ["# Title\n\nText!\n", "# Title\nText.\n", "#  Title\n\nText.\n", "# Title\n\n Text.\n"],
)
def test_any_real_edit_changes_the_hash(edit: str) -> None:
    assert body_sha256(edit) != body_sha256("# Title\n\nText.\n")


def test_the_front_matter_is_not_part_of_the_hash() -> None:
    other = PAGE.replace("status: submitted", "status: approved")
    assert page_sha256(PAGE) == page_sha256(other) == body_sha256("# Title\n\nText.\n")


def test_normalised_body_ends_with_one_newline() -> None:
    assert normalise_body("a  \r\nb\r\n\r\n") == "a\nb\n"
    assert normalise_body("\n \n") == ""
