package publish

import (
	"net/url"
	"slices"
	"strings"

	"herald/generator/diag"
)

// ErrUnknownParameter is returned, wrapped, for a target with a parameter
// herald does not know.
var ErrUnknownParameter error = errorf("unknown parameter")

// parameters are those that each scheme's targets take, the common first.
// They are gocloud.dev's, but for those of fileblob that herald sets
// itself (metadata) or that publish has no use for (base_url,
// secret_key_path, for signed URLs), and "key", which opens one object.
var parameters = map[string][]string{
	"s3": {"endpoint", "region", "use_path_style", "prefix", "profile", "disable_https",
		"anonymous", "role", "accelerate", "dualstack", "fips", "hostname_immutable", "rate_limiter_capacity",
		"request_checksum_calculation", "response_checksum_validation", "ssetype", "kmskeyid", "s3ForcePathStyle", "awssdk"},
	"file": {"prefix", "create_dir", "dir_file_mode", "no_tmp_dir"},
	"mem":  {"prefix"},
}

// checkParameters refuses a target with a parameter its scheme does not
// take, naming it and those the scheme takes (a trial: "prefx=news/" got
// gocloud.dev's "unknown query parameter", in English).
func checkParameters(target string) error {
	scheme, name := unknownParameter(target)
	if name == "" {
		return nil
	}
	return errorf("%v %q in the target: %s:// targets take %s", ErrUnknownParameter, name, scheme, strings.Join(parameters[scheme], ", "))
}

// unknownParameter returns the target's scheme and its first parameter, in
// the order written, that the scheme does not take; "" when it takes them
// all.
func unknownParameter(target string) (scheme, name string) {
	u, err := url.Parse(target)
	if err != nil {
		return "", "" // OpenBucket says what is wrong
	}
	known, ok := parameters[u.Scheme]
	if !ok {
		return "", ""
	}
	for _, kv := range strings.Split(u.RawQuery, "&") {
		k, _, _ := strings.Cut(kv, "=")
		if k, err = url.QueryUnescape(k); err != nil || k == "" {
			continue
		}
		if !slices.Contains(known, k) {
			return u.Scheme, k
		}
	}
	return "", ""
}

// suggestParameter returns the parameter that the target's unknown one
// may have meant, or "".
func suggestParameter(target string) string {
	scheme, name := unknownParameter(target)
	if name == "" {
		return ""
	}
	return diag.Suggest(name, parameters[scheme])
}
