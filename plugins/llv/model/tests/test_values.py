"""Values read as an editor reads them: YAML 1.1's other readings refused, Paris
times the clocks skip or show twice refused, everything else as written."""

import datetime as dt

import pytest
from pydantic_core import PydanticCustomError

from llv.model.schema import parse_when
from llv.model.yamlfile import load_yaml

READ_AS_WRITTEN = [
    ("100", 100), ("-5", -5), ("+7", 7), ("0", 0), ("15.5", 15.5), ("015.5", 15.5), ("12.50", 12.5),
    (".5", 0.5), ("1.0e+3", 1000.0), ("true", True), ("False", False), ("~", None),
    ("2022-10-14", dt.date(2022, 10, 14)), ("'no'", "no"), ('"0100"', "0100"), ("'1:30'", "1:30"),
    ("a:b", "a:b"), ("Lens", "Lens"), ("|\n  no\n", "no\n"),
]
READ_OTHERWISE = [  # (written, what the message says)
    ("0100", "`0100` starts with 0, which YAML reads as an octal number (64): write 100, or put"
             " it in quotes ('0100') to keep it as text"),
    ("-015", "`-015` starts with 0, which YAML reads as an octal number (-13): write -15"),
    ("1:30", "`1:30` is read as the number 90 (base 60): put it in quotes ('1:30')"),
    ("yes", "`yes` is read as the boolean true: put it in quotes ('yes') to keep it as text,"
            " or write true"),
    ("no", "`no` is read as the boolean false: put it in quotes ('no')"),
    ("On", "`On` is read as the boolean true"),
    ("OFF", "`OFF` is read as the boolean false"),
    ("0x1F", "`0x1F` is read as the hexadecimal number 31: write 31"),
    ("0b101", "`0b101` is read as the binary number 5: write 5"),
    ("0o17", "`0o17` is read as text by some YAML readers and as the number 15 by others: write 15"),
    ("09", "`09` is read as text by some YAML readers and as the number 9 by others"),
    ("1e3", "`1e3` is read as text by some YAML readers and as the number 1000 by others"),
    ("1_000", "`1_000` has a `_`, which YAML readers read as 1000 or as text: write 1000"),
    (".inf", "`.inf` is read as infinity or not-a-number: write a number"),
    ("-.inf", "`-.inf` is read as infinity"),
    (".nan", "`.nan` is read as infinity or not-a-number"),
]


@pytest.mark.parametrize("written, value", READ_AS_WRITTEN)
def test_values_are_read_as_written(written, value):
    loaded = load_yaml(f"k: {written}\n", "content/x.yaml")
    assert loaded.issues == [] and loaded.data == {"k": value}


@pytest.mark.parametrize("written, message", READ_OTHERWISE)
def test_values_yaml_reads_otherwise_are_refused(written, message):
    loaded = load_yaml(f"a: 1\nk: {written}\nlist: [{written}]\n", "content/x.yaml")
    assert [(i.line, i.field) for i in loaded.issues] == [(2, "k"), (3, "list[0]")]
    assert all(i.message.startswith(message) for i in loaded.issues), loaded.issues


@pytest.mark.parametrize("written, refused", [
    ("2027-03-28 01:59", None), ("2027-03-28 03:00", None), ("2027-10-31 01:59", None),
    ("2027-10-31 03:00", None), ("2027-03-28", None), ("2026-03-29 12:00", None),
    ("2027-03-28 02:00", "does not exist in Paris"), ("2027-03-28 02:59", "does not exist in Paris"),
    ("2026-03-29 02:30", "does not exist in Paris"),
    ("2027-10-31 02:00", "happens twice in Paris"), ("2027-10-31 02:59", "happens twice in Paris"),
    ("2027-10-31T02:30:00+01:00", "happens twice in Paris"),
])
def test_paris_times_the_clocks_skip_or_show_twice_are_refused(written, refused):
    if refused is None:
        assert parse_when(written).value == dt.datetime.fromisoformat(written)
    else:
        with pytest.raises(PydanticCustomError, match=refused):
            parse_when(written)
