package publish

import "fmt"

// Error is an error of publish's own. Its message is Format with Args, so
// that the command can give it in the site's language, by a catalog keyed
// by Format (package diag). Args that are errors are in its chain, for
// errors.Is and errors.As.
type Error struct {
	Format string
	Args   []any
}

// errorf returns an Error. Formats take errors with %v, not %w.
func errorf(format string, args ...any) *Error { return &Error{Format: format, Args: args} }

func (e *Error) Error() string { return fmt.Sprintf(e.Format, e.Args...) }

// Unwrap returns the Args that are errors.
func (e *Error) Unwrap() []error {
	var errs []error
	for _, a := range e.Args {
		if err, ok := a.(error); ok {
			errs = append(errs, err)
		}
	}
	return errs
}
