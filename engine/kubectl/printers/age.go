// Package printers renders Rollout Lab's objects the way kubectl 1.37 prints them: the
// `kubectl get` tables, `kubectl describe`, and `kubectl rollout history`. Every function is
// pure: callers pass the objects and the virtual clock's `now`; nothing here reads the wall clock
// or the cluster.
package printers

import (
	"strconv"
	"time"

	"rolloutlab/engine/api"
)

// HumanDuration renders a duration the way kubectl's AGE columns do (apimachinery's
// duration.HumanDuration): `<invalid>` below −1 s, `0s`, `90s`, `119s`, `2m`, `2m1s`, `10m`,
// `179m`, `3h5m`, `9h`, `2d`, `5d3h`, `400d`, `3y45d`, `8y`.
func HumanDuration(d time.Duration) string {
	var buf [24]byte
	return string(appendHumanDuration(buf[:0], d))
}

// appendHumanDuration appends HumanDuration(d) to b.
func appendHumanDuration(b []byte, d time.Duration) []byte {
	seconds := int64(d.Seconds()) // truncates toward zero, like int(d.Seconds())
	if seconds < -1 {
		return append(b, "<invalid>"...)
	}
	if seconds < 0 {
		return append(b, "0s"...)
	}
	if seconds < 60*2 {
		return unit(b, seconds, 's')
	}
	minutes := int64(d / time.Minute)
	if minutes < 10 {
		b = unit(b, minutes, 'm')
		if s := int64(d/time.Second) % 60; s != 0 {
			b = unit(b, s, 's')
		}
		return b
	}
	if minutes < 60*3 {
		return unit(b, minutes, 'm')
	}
	hours := int64(d / time.Hour)
	if hours < 8 {
		b = unit(b, hours, 'h')
		if m := minutes % 60; m != 0 {
			b = unit(b, m, 'm')
		}
		return b
	}
	if hours < 48 {
		return unit(b, hours, 'h')
	}
	if hours < 24*8 {
		b = unit(b, hours/24, 'd')
		if h := hours % 24; h != 0 {
			b = unit(b, h, 'h')
		}
		return b
	}
	if hours < 24*365*2 {
		return unit(b, hours/24, 'd')
	}
	if hours < 24*365*8 {
		b = unit(b, hours/24/365, 'y')
		if dy := (hours / 24) % 365; dy != 0 {
			b = unit(b, dy, 'd')
		}
		return b
	}
	return unit(b, hours/24/365, 'y')
}

func unit(b []byte, n int64, u byte) []byte {
	return append(strconv.AppendInt(b, n, 10), u)
}

// Age is the humanised time from t to now, as in AGE, LAST SEEN and describe's event ages;
// a zero timestamp prints `<unknown>`.
func Age(t api.Time, now time.Time) string {
	return since(t.Time, now)
}

func since(t, now time.Time) string {
	if t.IsZero() {
		return "<unknown>"
	}
	return HumanDuration(now.Sub(t))
}

// rfc1123z formats a timestamp as describe prints it (`Fri, 27 Nov 2026 06:56:21 +0000`). Real
// kubectl uses the local zone of the machine it runs on; the simulator's "machine" is UTC.
func rfc1123z(t time.Time) string {
	return t.UTC().Format(time.RFC1123Z)
}
