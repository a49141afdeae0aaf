package app

import (
	"go/ast"
	"go/token"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// textSinks are the calls whose string arguments a user reads. A literal
// with a letter in it, passed straight to one of them, has skipped lang.
var textSinks = map[string]bool{
	"widget.NewLabel": true, "widget.NewLabelWithStyle": true, "widget.NewButton": true,
	"widget.NewButtonWithIcon": true, "widget.NewCheck": true, "widget.NewFormItem": true,
	"widget.NewRichTextWithText": true, "widget.NewRichTextFromMarkdown": true, "widget.NewHyperlink": true,
	"widget.NewCard": true, "widget.NewAccordionItem": true, "widget.NewSelect": true,
	"widget.NewRadioGroup": true, "widget.NewCheckGroup": true, "widget.NewToolbarAction": true,
	"dialog.NewConfirm": true, "dialog.NewInformation": true, "dialog.NewCustom": true,
	"dialog.NewCustomConfirm": true, "dialog.NewForm": true, "dialog.NewError": true,
	"dialog.ShowConfirm": true, "dialog.ShowInformation": true, "dialog.ShowCustom": true,
	"container.NewTabItem": true, "container.NewTabItemWithIcon": true,
	"fyne.NewMenuItem": true, "fyne.NewMenu": true, "fyne.NewNotification": true,
	"canvas.NewText": true,
	// methods, whatever the receiver
	".SetText": true, ".SetPlaceHolder": true, ".SetTitle": true, ".SetSubTitle": true,
	".SetOptions": true,
}

// textFields are struct fields a user reads.
var textFields = map[string]bool{"Text": true, "PlaceHolder": true, "Label": true, "Title": true, "Subtitle": true}

// untranslatable matches text that is the same in every language: a default
// file name such as atelier.db, a code such as USD or NG, or a web address.
var untranslatable = regexp.MustCompile(`^([\w-]+\.[a-z]{2,4}|[A-Z]{2,3}|https?://\S*)$`)

// readable returns a string literal that has words in it.
func readable(lit *ast.BasicLit) (string, bool) {
	if lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	if err != nil || untranslatable.MatchString(s) {
		return "", false
	}
	return s, strings.IndexFunc(s, unicode.IsLetter) >= 0
}

func TestNoStringReachesAWidgetWithoutLang(t *testing.T) {
	fset, files := sourceFiles(t)
	checked := 0
	for _, file := range files {
		report := func(n ast.Node, s, where string) {
			t.Errorf("%s: %q goes to %s without lang.X", fset.Position(n.Pos()), s, where)
		}
		// literals inside a slice passed to a sink: []string{"a", "b"}
		literalsIn := func(e ast.Expr, where string) {
			ast.Inspect(e, func(n ast.Node) bool {
				if _, ok := n.(*ast.FuncLit); ok {
					return false // a callback: its own calls are checked on their own
				}
				if _, ok := n.(*ast.CallExpr); ok {
					// lang.X, or a helper such as workshopFieldLabel: what it
					// is given is a key or a fallback, and what it returns
					// is checked where it is written.
					return false
				}
				if lit, ok := n.(*ast.BasicLit); ok {
					if s, ok := readable(lit); ok {
						report(lit, s, where)
					}
				}
				return true
			})
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.CallExpr:
				sel, ok := x.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				name := "." + sel.Sel.Name
				if id, ok := sel.X.(*ast.Ident); ok && textSinks[id.Name+name] {
					name = id.Name + name
				}
				if !textSinks[name] {
					return true
				}
				checked++
				for _, arg := range x.Args {
					literalsIn(arg, name)
				}
			case *ast.KeyValueExpr:
				if key, ok := x.Key.(*ast.Ident); ok && textFields[key.Name] {
					checked++
					literalsIn(x.Value, key.Name)
				}
			case *ast.AssignStmt:
				for i, lhs := range x.Lhs {
					if sel, ok := lhs.(*ast.SelectorExpr); ok && textFields[sel.Sel.Name] && i < len(x.Rhs) {
						checked++
						literalsIn(x.Rhs[i], sel.Sel.Name)
					}
				}
			}
			return true
		})
	}
	if checked < 30 {
		t.Fatalf("only %d places checked: is the scan broken?", checked)
	}
}
