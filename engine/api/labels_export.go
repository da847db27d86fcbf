package api

// IsQualifiedName lists what is wrong with a label key or other qualified name (nothing when it
// is valid), in the API server's words; kubectl's selector parser uses the same checks.
func IsQualifiedName(v string) []string { return isQualifiedName(v) }

// IsValidLabelValue lists what is wrong with a label value (nothing when it is valid).
func IsValidLabelValue(v string) []string { return isValidLabelValue(v) }
