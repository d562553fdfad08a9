package diag

// English gives the fixed texts that English messages take as arguments in
// the words of a writer, not of the YAML parser: its messages name parts of
// YAML's grammar ("did not find expected key") where a writer needs to hear
// what to look for. Formats need no entry: they are English already.
var English = Catalog{
	"=mapping values are not allowed in this context":               `a second "key: value" on the line (put a value holding ": " in quotes)`,
	"=mapping keys are not allowed in this context":                 `a key starting with "? " cannot be here`,
	"=block sequence entries are not allowed in this context":       `a list item starting with "- " cannot be here (put a value starting with "- " in quotes)`,
	"=could not find expected ':'":                                  `the colon ":" is missing (write each line as "key: value")`,
	"=did not find expected key":                                    "the next key is missing (the indentation may be off, or text follows a closing quote or bracket)",
	"=did not find expected ',' or ']'":                             "an English comma is missing between the items in [ ], or the closing ] is missing",
	"=did not find expected ',' or '}'":                             "an English comma is missing between the items in { }, or the closing } is missing",
	"=did not find expected '-' indicator":                          `the "- " that starts a list item is missing (the indentation may be off)`,
	"=did not find expected node content":                           "a value is missing",
	"=found character that cannot start any token":                  "a character that cannot be here (such as a tab used to indent, or a value starting with @ or `)",
	"=found unexpected end of stream":                               "the text ends too early (a quote or a bracket may be left open)",
	"=found a tab character that violates indentation":              "a tab in the indentation: indent with spaces",
	"=found a tab character where an indentation space is expected": "a tab where a space of indentation should be",
	"=found unknown escape character":                               `a backslash \ in double quotes is followed by a character it cannot stand for (write two backslashes, or use single quotes)`,
	"=control characters are not allowed":                           "a control character, which is not allowed",
	"=did not find expected alphabetic or numeric character":        "a name is missing after & or *",
	"=did not find expected comment or line break":                  "more text after the value",
	"=did not find expected whitespace or line break":               "a space or a line break is missing here",
	"=found undefined tag handle":                                   "a ! mark that is not understood",
	"=found unexpected document indicator":                          "an unexpected --- or ...",
}
