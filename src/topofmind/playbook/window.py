"""Until when the rules' output stays the same as time passes, found while they run.

The rules are pure functions of the facts, the settings and ``now``. Run them with a
``WatchedNow`` in place of ``now`` and every way they look at the moment is noted: a
comparison with a due moment, a count of days since a meeting, the day of the week.
Each one says when its answer would next change; the earliest of those, over the whole
run, ends the window in which the same rules on the same facts give the same output.

Anything the watch does not understand ends the window at once (no window: the output
is recomputed at the next moment asked). Operations it does not know at all raise
``TypeError`` (a ``WatchedNow`` is not a ``datetime``), and the caller then runs the
rules again with a plain moment and keeps nothing. So a window can be too short, never
too long.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import operator
from datetime import date, datetime, time, timedelta, tzinfo
from numbers import Real

#: The smallest step of a moment: a window ending here holds for ``now`` alone.
TICK = timedelta(microseconds=1)


class Watch:
    """The moment the rules run at and the earliest moment after it at which their
    output may change."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.until: datetime | None = None

    def ends(self, moment: datetime) -> None:
        """The output may change at ``moment`` (ignored unless later than now)."""
        if moment <= self.now:
            return
        if self.until is None or moment < self.until:
            self.until = moment

    def ends_now(self) -> None:
        """The output may change at any moment after now."""
        self.ends(self.now + TICK)

    def after(self, seconds: float) -> None:
        """The output may change this many seconds after now (a crossing already past,
        a negative number, changes nothing)."""
        if math.isnan(seconds) or seconds == 0:
            self.ends_now()
            return
        if seconds < 0 or math.isinf(seconds) or seconds > 3e11:
            return
        # a microsecond early, so that rounding can never make the window too long
        self.ends(self.now + timedelta(microseconds=max(int(seconds * 1_000_000) - 1, 1)))


class WatchedNow:
    """A moment that moves with now (``value`` is now plus a fixed offset), noting in
    its ``Watch`` when each question asked of it would next be answered otherwise."""

    __slots__ = ("value", "watch")

    def __init__(self, value: datetime, watch: Watch) -> None:
        self.value = value
        self.watch = watch

    # -- when does a comparison with a fixed moment change -------------------------

    def _crossing(self, other: datetime) -> None:
        # value(t) = other when t = now + (other - value)
        with contextlib.suppress(OverflowError):
            self.watch.ends(self.watch.now + (other - self.value))

    def _settled(self, other: datetime, op) -> None:
        """Equal now: whether the answer changes the moment after."""
        if other == self.value and op(self.value, other) != op(self.value + TICK, other):
            self.watch.ends_now()

    def _other(self, other):
        if isinstance(other, WatchedNow):
            return other.value, False  # both move with now: their order never changes
        if isinstance(other, datetime):
            return other, True
        return None, False

    def _compare(self, other, op):
        value, moving = self._other(other)
        if value is None:
            return NotImplemented
        if moving:
            self._crossing(value)
            self._settled(value, op)
        return op(self.value, value)

    def __lt__(self, other):
        return self._compare(other, lambda a, b: a < b)

    def __le__(self, other):
        return self._compare(other, lambda a, b: a <= b)

    def __gt__(self, other):
        return self._compare(other, lambda a, b: a > b)

    def __ge__(self, other):
        return self._compare(other, lambda a, b: a >= b)

    def __eq__(self, other):
        result = self._compare(other, lambda a, b: a == b)
        return False if result is NotImplemented else result

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash(self.value)

    # -- arithmetic ---------------------------------------------------------------------

    def __add__(self, other):
        if isinstance(other, timedelta):
            return WatchedNow(self.value + other, self.watch)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return WatchedNow(self.value - other, self.watch)
        if isinstance(other, WatchedNow):
            return self.value - other.value
        if isinstance(other, datetime):
            return WatchedDelta(self.value - other, 1, self.watch)
        return NotImplemented

    def __rsub__(self, other):
        if isinstance(other, datetime):
            return WatchedDelta(other - self.value, -1, self.watch)
        return NotImplemented

    # -- what stays the same until a boundary of the calendar ----------------------

    @property
    def tzinfo(self) -> tzinfo | None:
        return self.value.tzinfo

    def astimezone(self, zone: dt.tzinfo | None = None) -> WatchedNow:
        return WatchedNow(self.value.astimezone(zone), self.watch)

    def _next_midnight(self) -> None:
        here = self.value
        following = datetime.combine(here.date() + timedelta(days=1), time(), tzinfo=here.tzinfo)
        self._crossing(following)

    def date(self) -> date:
        self._next_midnight()
        return self.value.date()

    def weekday(self) -> int:
        self._next_midnight()
        return self.value.weekday()

    def isoweekday(self) -> int:
        self._next_midnight()
        return self.value.isoweekday()

    def isocalendar(self):
        self._next_midnight()
        return self.value.isocalendar()

    def toordinal(self) -> int:
        self._next_midnight()
        return self.value.toordinal()

    @property
    def year(self) -> int:
        self._next_midnight()
        return self.value.year

    @property
    def month(self) -> int:
        self._next_midnight()
        return self.value.month

    @property
    def day(self) -> int:
        self._next_midnight()
        return self.value.day

    @property
    def hour(self) -> int:
        here = self.value
        self._crossing(here.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1))
        return here.hour

    @property
    def minute(self) -> int:
        here = self.value
        self._crossing(here.replace(second=0, microsecond=0) + timedelta(minutes=1))
        return here.minute

    def _opaque(self) -> datetime:
        """The plain moment, for a question whose answer may change at any time."""
        self.watch.ends_now()
        return self.value

    def time(self) -> time:
        return self._opaque().time()

    def timetz(self) -> dt.time:
        return self._opaque().timetz()

    @property
    def second(self) -> int:
        return self._opaque().second

    @property
    def microsecond(self) -> int:
        return self._opaque().microsecond

    def utcoffset(self) -> timedelta | None:
        return self._opaque().utcoffset()

    def replace(self, **fields) -> datetime:
        return self._opaque().replace(**fields)

    def timestamp(self) -> float:
        return self._opaque().timestamp()

    def isoformat(self, *args, **kwargs) -> str:
        return self._opaque().isoformat(*args, **kwargs)

    def strftime(self, fmt: str) -> str:
        return self._opaque().strftime(fmt)

    def __format__(self, spec: str) -> str:
        return format(self._opaque(), spec)

    def __str__(self) -> str:
        return str(self._opaque())

    def __repr__(self) -> str:
        return f"WatchedNow({self.value!r})"


class Ordered:
    """The comparisons of a watched value, each answered by its ``_compare`` (which notes
    when the answer would change)."""

    __slots__ = ()

    def _compare(self, other, op):
        raise NotImplementedError

    def __lt__(self, other):
        return self._compare(other, operator.lt)

    def __le__(self, other):
        return self._compare(other, operator.le)

    def __gt__(self, other):
        return self._compare(other, operator.gt)

    def __ge__(self, other):
        return self._compare(other, operator.ge)

    def __eq__(self, other):
        result = self._compare(other, operator.eq)
        return False if result is NotImplemented else result

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = None  # type: ignore[assignment]


class WatchedDelta(Ordered):
    """A duration that grows (``rate`` 1) or shrinks (-1) as now passes."""

    __slots__ = ("value", "rate", "watch")

    def __init__(self, value: timedelta, rate: int, watch: Watch) -> None:
        self.value = value
        self.rate = rate
        self.watch = watch

    def _crossing(self, other: timedelta) -> None:
        with contextlib.suppress(OverflowError):
            self.watch.ends(self.watch.now + (other - self.value) * self.rate)

    def _compare(self, other, op):
        if not isinstance(other, timedelta):
            return NotImplemented
        self._crossing(other)
        if other == self.value and op(self.value, other) != op(
            self.value + TICK * self.rate, other
        ):
            self.watch.ends_now()
        return op(self.value, other)

    def __neg__(self) -> WatchedDelta:
        return WatchedDelta(-self.value, -self.rate, self.watch)

    def __abs__(self) -> WatchedDelta:
        self._crossing(timedelta(0))
        zero = timedelta(0)
        falling = self.value < zero or (self.value == zero and self.rate < 0)
        return -self if falling else self

    def __add__(self, other):
        if isinstance(other, timedelta):
            return WatchedDelta(self.value + other, self.rate, self.watch)
        if isinstance(other, datetime):  # a moment plus a growing duration moves with now
            return WatchedNow(other + self.value, self.watch) if self.rate == 1 else NotImplemented
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return WatchedDelta(self.value - other, self.rate, self.watch)
        return NotImplemented

    def __rsub__(self, other):
        if isinstance(other, timedelta):
            return WatchedDelta(other - self.value, -self.rate, self.watch)
        return NotImplemented

    def total_seconds(self) -> WatchedNumber:
        return WatchedNumber(self.value.total_seconds(), float(self.rate), self.watch)

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            return WatchedNumber(self.value / other, self.rate / other.total_seconds(), self.watch)
        return NotImplemented

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            return (self / other).__floordiv__(1)
        return NotImplemented

    @property
    def days(self) -> int:
        return (self / timedelta(days=1)).__floordiv__(1)


class WatchedNumber(Ordered):
    """A number that changes at ``rate`` per second of now."""

    __slots__ = ("value", "rate", "watch")

    def __init__(self, value: float, rate: float, watch: Watch) -> None:
        self.value = value
        self.rate = rate
        self.watch = watch

    def _crossing(self, other: float) -> None:
        """When the value reaches ``other`` (nothing if it moves away from it)."""
        if self.rate:
            seconds = (other - self.value) / self.rate
            if seconds > 0:
                self.watch.after(seconds)

    def _next_step(self, step: float) -> None:
        """The next moment ``value // step`` changes."""
        if not self.rate:
            return
        lower = math.floor(self.value / step) * step
        if self.rate > 0:
            self.watch.after((lower + step - self.value) / self.rate)
        elif lower == self.value:  # on a step and going down: changes at once
            self.watch.ends_now()
        else:
            self.watch.after((self.value - lower) / -self.rate)

    def _compare(self, other, op):
        if isinstance(other, WatchedNumber) or not isinstance(other, Real):
            return NotImplemented
        self._crossing(float(other))
        if other == self.value and op(self.value, other) != op(
            self.value + math.copysign(1e-3, self.rate), other
        ):
            self.watch.ends_now()
        return op(self.value, other)

    def __add__(self, other):
        if isinstance(other, Real) and not isinstance(other, bool):
            return WatchedNumber(self.value + other, self.rate, self.watch)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, Real):
            return WatchedNumber(self.value - other, self.rate, self.watch)
        return NotImplemented

    def __rsub__(self, other):
        if isinstance(other, Real):
            return WatchedNumber(other - self.value, -self.rate, self.watch)
        return NotImplemented

    def __mul__(self, other):
        if isinstance(other, Real):
            return WatchedNumber(self.value * other, self.rate * other, self.watch)
        return NotImplemented

    __rmul__ = __mul__

    def __truediv__(self, other):
        if isinstance(other, Real) and other:
            return WatchedNumber(self.value / other, self.rate / other, self.watch)
        return NotImplemented

    def __neg__(self) -> WatchedNumber:
        return WatchedNumber(-self.value, -self.rate, self.watch)

    def __abs__(self) -> WatchedNumber:
        self._crossing(0.0)
        falling = self.value < 0 or (self.value == 0 and self.rate < 0)
        return -self if falling else self

    def __floordiv__(self, other):
        if isinstance(other, Real) and other > 0:
            self._next_step(float(other))
            return self.value // other
        return NotImplemented

    def __int__(self) -> int:
        self._next_step(1.0)  # conservative: any whole step ends the window
        return int(self.value)

    def __round__(self, ndigits=None):
        self.watch.ends_now()
        return round(self.value, ndigits)

    def __float__(self) -> float:
        self.watch.ends_now()
        return self.value

    def __format__(self, spec: str) -> str:
        self.watch.ends_now()
        return format(self.value, spec)

    def __str__(self) -> str:
        self.watch.ends_now()
        return str(self.value)
