package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// go-app carries an action's value as `any`. An action with a payload is declared with the
// payload's type: post is the only way to send it and handle the only way to read it, so the
// panel that sends and the playground that handles agree by construction. A value of another
// type under the same name (code that posts it with ctx.NewActionWithValue) is refused with an
// error banner naming the action, instead of being read as a zero value or panicking. Actions
// without a payload stay plain names (ctx.NewAction).
type action[T any] string

func (a action[T]) post(ctx app.Context, v T) { ctx.NewActionWithValue(string(a), v) }

// decode is the one read of the payload.
func (a action[T]) decode(act app.Action) (T, error) {
	v, ok := act.Value.(T)
	if !ok {
		return v, fmt.Errorf("action %s: the payload is %T, want %T", string(a), act.Value, v)
	}
	return v, nil
}

// handle registers fn for a typed action through on (the playground's registration, which
// guards each handler).
func handle[T any](on func(string, func(app.Context, app.Action)), a action[T], fn func(app.Context, T)) {
	on(string(a), func(ctx app.Context, act app.Action) {
		v, err := a.decode(act)
		if err != nil {
			actError.post(ctx, err.Error())
			return
		}
		fn(ctx, v)
	})
}

// answer is a question's step: the first click asks, the confirmation says yes or no (start
// over, show the solution).
type answer int

const (
	ask answer = iota
	yes
	no
)

// The payloads with more than one value.
type (
	imageChoice struct{ Image, Mode string } // a failure control's image and mode ("", missing, slow)
	nodeChoice  struct {
		Node string
		Down bool
	}
	builderEdit struct{ Path, Value string }     // a lesson draft's field (a draftField path) and its text
	fileRead    struct{ Name, Data, Err string } // a file the learner picked or dropped; Err: why it was not read
)
