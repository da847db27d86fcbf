package cli

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"text/template"
	"time"
)

// distTime stamps every file of the release archive, so that the same site gives the same
// bytes (zip's format starts at 1980).
var distTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// writeDist packs the site written in dir into the release archive zipPath: every file under
// one folder named after the archive (rolloutlab-site-VERSION/), which a docs author copies
// as it is into their site, and EMBED.md, the embedding guide, from the template embedDoc with
// the version filled in. Files are sorted and stamped alike: the same files give the same
// archive.
func writeDist(dir, zipPath, embedDoc, version string) error {
	doc, err := os.ReadFile(embedDoc)
	if err != nil {
		return fmt.Errorf("the embedding guide: %w", err)
	}
	tmpl, err := template.New(filepath.Base(embedDoc)).Option("missingkey=error").Parse(string(doc))
	if err != nil {
		return fmt.Errorf("the embedding guide %s: %w", embedDoc, err)
	}
	folder := strings.TrimSuffix(filepath.Base(zipPath), filepath.Ext(zipPath))
	var guide bytes.Buffer
	if err := tmpl.Execute(&guide, struct{ Version, Folder string }{version, folder}); err != nil {
		return fmt.Errorf("the embedding guide %s: %w", embedDoc, err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, b []byte) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: path.Join(folder, name), Method: zip.Deflate, Modified: distTime})
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error { // WalkDir goes in lexical order
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return add(filepath.ToSlash(rel), b)
	})
	if err == nil {
		err = add("EMBED.md", guide.Bytes())
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		return fmt.Errorf("packing %s: %w", zipPath, err)
	}
	return os.WriteFile(zipPath, buf.Bytes(), 0o644)
}
