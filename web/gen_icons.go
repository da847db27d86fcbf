//go:build ignore

// gen_icons draws web/icon-192.png and web/icon-512.png, the raster versions of web/icon.svg
// (the same shapes in the same 512×512 coordinates), with 4×4 supersampling and no dependency.
//
//	go run web/gen_icons.go
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

type shape struct {
	inside func(x, y float64) bool
	alpha  float64
	col    [3]float64
}

func roundRect(x0, y0, w, h, r float64) func(x, y float64) bool {
	return func(x, y float64) bool {
		if x < x0 || y < y0 || x > x0+w || y > y0+h {
			return false
		}
		cx := math.Min(math.Max(x, x0+r), x0+w-r)
		cy := math.Min(math.Max(y, y0+r), y0+h-r)
		return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r
	}
}

// arc is the stroke of a circle of radius r (width w) from angle a0 to a1 (degrees,
// clockwise on screen, 0 = +x), with butt ends.
func arc(cx, cy, r, w, a0, a1 float64) func(x, y float64) bool {
	return func(x, y float64) bool {
		d := math.Hypot(x-cx, y-cy)
		if d < r-w/2 || d > r+w/2 {
			return false
		}
		a := math.Atan2(y-cy, x-cx) * 180 / math.Pi
		for a < a0 {
			a += 360
		}
		return a <= a1
	}
}

func triangle(ax, ay, bx, by, cx, cy float64) func(x, y float64) bool {
	side := func(px, py, qx, qy, x, y float64) float64 { return (qx-px)*(y-py) - (qy-py)*(x-px) }
	return func(x, y float64) bool {
		d1, d2, d3 := side(ax, ay, bx, by, x, y), side(bx, by, cx, cy, x, y), side(cx, cy, ax, ay, x, y)
		neg := d1 < 0 || d2 < 0 || d3 < 0
		pos := d1 > 0 || d2 > 0 || d3 > 0
		return !(neg && pos)
	}
}

func main() {
	blue := [3]float64{0x32, 0x6c, 0xe5}
	white := [3]float64{255, 255, 255}
	shapes := []shape{
		{roundRect(0, 0, 512, 512, 112), 1, blue},
		{arc(256, 200, 102, 36, -30, 270), 1, white},
		{triangle(252, 58, 300, 98, 252, 138), 1, white},
		{roundRect(88, 330, 96, 96, 18), 0.45, white},
		{roundRect(208, 330, 96, 96, 18), 1, white},
		{roundRect(328, 330, 96, 96, 18), 1, white},
	}
	for _, size := range []int{192, 512} {
		img := image.NewNRGBA(image.Rect(0, 0, size, size))
		const ss = 4
		scale := 512 / float64(size)
		for py := 0; py < size; py++ {
			for px := 0; px < size; px++ {
				var r, g, b, a float64 // premultiplied, summed over samples
				for sy := 0; sy < ss; sy++ {
					for sx := 0; sx < ss; sx++ {
						x := (float64(px) + (float64(sx)+0.5)/ss) * scale
						y := (float64(py) + (float64(sy)+0.5)/ss) * scale
						var cr, cg, cb, ca float64
						for _, s := range shapes {
							if !s.inside(x, y) {
								continue
							}
							cr = s.col[0]*s.alpha + cr*(1-s.alpha)
							cg = s.col[1]*s.alpha + cg*(1-s.alpha)
							cb = s.col[2]*s.alpha + cb*(1-s.alpha)
							ca = s.alpha + ca*(1-s.alpha)
						}
						r, g, b, a = r+cr, g+cg, b+cb, a+ca
					}
				}
				n := float64(ss * ss)
				if a == 0 {
					continue
				}
				img.SetNRGBA(px, py, color.NRGBA{
					R: uint8(math.Round(r / a)), G: uint8(math.Round(g / a)), B: uint8(math.Round(b / a)),
					A: uint8(math.Round(255 * a / n)),
				})
			}
		}
		f, err := os.Create("web/icon-" + itoa(size) + ".png")
		if err != nil {
			log.Fatal(err)
		}
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		if err := enc.Encode(f, img); err != nil {
			log.Fatal(err)
		}
		if err := f.Close(); err != nil {
			log.Fatal(err)
		}
	}
}

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}
