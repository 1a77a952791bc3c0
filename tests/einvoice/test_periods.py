"""Two-month periods, their printed label, their code, and ROC dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.clock import TAIPEI
from core.einvoice.periods import Period, period_of, roc_date

periods = st.builds(Period, st.integers(min_value=1, max_value=999), st.sampled_from([2, 4, 6, 8, 10, 12]))


@pytest.mark.parametrize(
    ("day", "code", "label"),
    [
        (date(2026, 1, 1), "11502", "115年01-02月"),
        (date(2026, 2, 28), "11502", "115年01-02月"),
        (date(2026, 3, 1), "11504", "115年03-04月"),
        (date(2026, 9, 30), "11510", "115年09-10月"),
        (date(2026, 11, 22), "11512", "115年11-12月"),
        (date(2026, 12, 31), "11512", "115年11-12月"),
        (date(2015, 4, 10), "10404", "104年03-04月"),
        (date(2024, 2, 29), "11302", "113年01-02月"),
    ],
)
def test_period_of_code_and_label(day: date, code: str, label: str) -> None:
    period = period_of(day)
    assert period.code == code
    assert period.label == label
    assert period_of(datetime(day.year, day.month, day.day, 12, 0, tzinfo=TAIPEI)) == period


@settings(max_examples=300, deadline=None)
# ROC year 999 is the last a 3-digit period code can name, so its last period has no next().
@given(st.dates(min_value=date(1912, 1, 1), max_value=date(2910, 10, 31)))
def test_period_of_matches_the_even_month_rule(day: date) -> None:
    period = period_of(day)
    assert period.roc_year == day.year - 1911
    assert period.even_month == day.month + day.month % 2
    assert period.contains(day)
    assert period.first_day <= day < period.next().first_day
    assert len(period.code) == 5
    assert period.code == f"{day.year - 1911:03d}{period.even_month:02d}"
    assert period.label == f"{day.year - 1911}年{period.even_month - 1:02d}-{period.even_month:02d}月"


def test_period_ordering_and_first_day() -> None:
    assert Period(115, 12) < Period(116, 2) < Period(116, 4)
    assert Period(115, 12).first_day == date(2026, 11, 1)
    assert Period(116, 2).first_day == date(2027, 1, 1)


@pytest.mark.parametrize(
    ("period", "following"),
    [(Period(115, 12), Period(116, 2)), (Period(115, 2), Period(115, 4)), (Period(99, 12), Period(100, 2)),
     (Period(115, 10), Period(115, 12))],
)
def test_next_and_previous_around_year_ends(period: Period, following: Period) -> None:
    assert period.next() == following
    assert following.previous() == period


@settings(max_examples=300, deadline=None)
@given(st.builds(Period, st.integers(min_value=2, max_value=998), st.sampled_from([2, 4, 6, 8, 10, 12])))
def test_next_previous_are_inverse(period: Period) -> None:
    assert period.next().previous() == period
    assert period.previous().next() == period
    assert period.previous() < period < period.next()
    # consecutive periods tile the calendar: the day before next() starts is still in this period
    assert period_of(period.next().first_day - timedelta(days=1)) == period
    assert period_of(period.next().first_day) == period.next()


@settings(max_examples=300, deadline=None)
@given(periods)
def test_from_code_round_trip(period: Period) -> None:
    assert Period.from_code(period.code) == period
    assert Period.from_code(period.code).code == period.code


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=7),
                 st.text(alphabet=st.characters(categories=["Nd"]), min_size=5, max_size=5)))
def test_from_code_accepts_only_what_it_would_print(text: str) -> None:
    try:
        period = Period.from_code(text)
    except ValueError:
        return
    assert period.code == text


@pytest.mark.parametrize("code", ["1151", "115120", "11513", "11511", "11500", "00012", "abcde", "115-2",
                                  "１１５１２", " 1512", ""])
def test_from_code_rejects(code: str) -> None:
    with pytest.raises(ValueError):
        Period.from_code(code)


@pytest.mark.parametrize(("year", "month"), [(115, 1), (115, 13), (115, 0), (0, 12), (1000, 2), (-1, 2)])
def test_invalid_period_raises(year: int, month: int) -> None:
    with pytest.raises(ValueError):
        Period(year, month)


@pytest.mark.parametrize(
    ("last_moment", "old_code", "new_code"),
    [
        (datetime(2026, 12, 31, 23, 59, 59, tzinfo=TAIPEI), "11512", "11602"),
        (datetime(2026, 10, 31, 23, 59, 59, tzinfo=TAIPEI), "11510", "11512"),
        (datetime(2026, 2, 28, 23, 59, 59, tzinfo=TAIPEI), "11502", "11504"),
        (datetime(2024, 2, 29, 23, 59, 59, tzinfo=TAIPEI), "11302", "11304"),
    ],
)
def test_period_boundary_at_midnight_taipei(last_moment: datetime, old_code: str, new_code: str) -> None:
    first_moment = last_moment + timedelta(seconds=1)
    assert (first_moment.hour, first_moment.minute, first_moment.second, first_moment.day) == (0, 0, 0, 1)
    assert period_of(last_moment).code == old_code
    assert period_of(first_moment).code == new_code
    assert period_of(last_moment) != period_of(first_moment)
    assert period_of(last_moment).next() == period_of(first_moment)


def test_utc_instant_is_judged_in_taipei_time() -> None:
    utc = datetime(2026, 12, 31, 16, 0, 0, tzinfo=UTC)
    assert period_of(utc).code == "11602"
    assert period_of(utc).label == "116年01-02月"
    assert roc_date(utc) == "1160101"
    just_before = datetime(2026, 12, 31, 15, 59, 59, tzinfo=UTC)
    assert period_of(just_before).code == "11512"
    assert roc_date(just_before) == "1151231"
    # and the other way: 00:30 in Taipei on 1 January is still 31 December in UTC
    assert period_of(datetime(2027, 1, 1, 0, 30, tzinfo=TAIPEI).astimezone(UTC)).code == "11602"


def test_naive_datetime_is_taken_as_taipei_time() -> None:
    assert period_of(datetime(2026, 12, 31, 23, 59, 59)).code == "11512"
    assert period_of(datetime(2027, 1, 1, 0, 0, 0)).code == "11602"


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (date(2026, 11, 22), "1151122"),
        (date(2026, 1, 5), "1150105"),
        (date(2015, 4, 10), "1040410"),
        (date(2000, 1, 1), "0890101"),
        (datetime(2026, 11, 22, 14, 5, 9, tzinfo=TAIPEI), "1151122"),
    ],
)
def test_roc_date(when: date, expected: str) -> None:
    assert roc_date(when) == expected
    assert len(roc_date(when)) == 7


@settings(max_examples=200, deadline=None)
@given(st.datetimes(min_value=datetime(1912, 1, 2), max_value=datetime(2900, 12, 30),
                    timezones=st.sampled_from([UTC, TAIPEI, timezone(timedelta(hours=-10))])))
def test_roc_date_and_period_agree_in_taipei(when: datetime) -> None:
    local = when.astimezone(TAIPEI)
    assert roc_date(when) == f"{local.year - 1911:03d}{local.month:02d}{local.day:02d}"
    assert period_of(when) == period_of(local.date())
