package serve

import (
	"time"

	"herald/generator/build"
)

// clock tells the time that decides which stories are scheduled, and makes
// the timer that waits for the next of them. Tests give the server a clock
// of their own, so that no test waits minutes for a story's time.
type clock interface {
	Now() time.Time
	// Timer returns a channel that receives once d has passed, and a
	// function that stops it.
	Timer(d time.Duration) (c <-chan time.Time, stop func() bool)
}

// systemClock is the clock of the machine.
type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

func (systemClock) Timer(d time.Duration) (<-chan time.Time, func() bool) {
	t := time.NewTimer(d)
	return t.C, t.Stop
}

// maxWake is the longest the server waits before it looks at the time
// again. A story dated years away would otherwise take a timer of years;
// and a timer counts the time the machine is awake, so after a laptop's
// sleep a long one would fire late. Looking every minute costs a
// comparison.
const maxWake = time.Minute

// wake is the timer that waits for the soonest scheduled story.
type wake struct {
	c    <-chan time.Time // nil when no story waits: a nil channel never receives
	stop func() bool
	due  time.Time // the date of the soonest story
}

// arm returns a wake for the soonest of held, which is soonest first; one
// that never fires when held is empty.
func arm(clk clock, held []build.Held) wake {
	if len(held) == 0 {
		return wake{}
	}
	due := held[0].Date
	// Instants are compared, not clock readings: the story's date is in
	// the site's time zone, the machine's clock in its own.
	d := min(due.Sub(clk.Now()), maxWake)
	c, stop := clk.Timer(max(d, 0))
	return wake{c: c, stop: stop, due: due}
}

// disarm stops the timer, if any.
func (w wake) disarm() {
	if w.stop != nil {
		w.stop()
	}
}

// isDue reports whether the soonest story's time has come.
func (w wake) isDue(clk clock) bool { return !w.due.After(clk.Now()) }
