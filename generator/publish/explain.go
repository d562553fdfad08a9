package publish

import (
	"errors"
	"net"
	"net/url"
	"os"
	"strings"

	"github.com/aws/smithy-go"
)

// Explain returns what to do about an error of Run whose cause herald
// knows, for the command to give as a hint in its language: the target's
// server cannot be reached, it refuses the credentials or the access, or
// the bucket does not exist, or the output is a build for review; or which
// parameter of the target was meant, for an unknown one; or that a
// folder is to be created. nil for
// other errors. target is Options.Target.
func Explain(err error, target string) *Error {
	if errors.Is(err, ErrForReview) {
		return errorf("run herald build again without --drafts and --future, then publish; --allow-drafts publishes this build as it is")
	}
	if errors.Is(err, errNoFolder) {
		dir, _, _ := folderOf(target)
		return errorf("create it (mkdir -p %s), or correct the path in the target: file:// then the folder's full path, as in file:///srv/www/site", dir)
	}
	if errors.Is(err, ErrUnknownParameter) {
		if near := suggestParameter(target); near != "" {
			return errorf("did you mean %q?", near)
		}
		return nil
	}
	u, _ := url.Parse(target)
	bucket, endpoint := "", target
	if u != nil {
		bucket = u.Host
		if e := u.Query().Get("endpoint"); e != "" {
			endpoint = e
		}
	}
	switch {
	// Before missed: the SDK's search for credentials asks a metadata
	// service that may not be there, whose address is not the target's.
	case errors.Is(err, errNoSecret):
		return errorf("set AWS_SECRET_ACCESS_KEY to the secret that goes with the key in AWS_ACCESS_KEY_ID")
	case errors.Is(err, errNoKey):
		return errorf("set AWS_ACCESS_KEY_ID to the key that goes with the secret in AWS_SECRET_ACCESS_KEY")
	case noCredentials(err):
		return errorf("set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE, for a profile in ~/.aws/credentials)")
	}
	var dns *net.DNSError
	var ae smithy.APIError
	switch missed(err) {
	case noAddress:
		errors.As(err, &dns)
		if bucket != "" && strings.HasPrefix(dns.Name, bucket+".") {
			// Virtual-hosted style: the bucket's name before the server's.
			return errorf("the server's name became %s, with the bucket's in front: add use_path_style=true to the target, as MinIO and most self-hosted servers need", dns.Name)
		}
		return errorf("no server is named %s: check endpoint= in the target", dns.Name)
	case refused:
		return errorf("no server answers at %s: start it, or correct endpoint= in the target", endpoint)
	case noRoute:
		return errorf("the network has no way to %s: check the connection, and endpoint= in the target", endpoint)
	}
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ae):
		switch ae.ErrorCode() {
		case "SignatureDoesNotMatch", "InvalidAccessKeyId", "InvalidClientTokenId", "XAdminUserNotFound":
			return errorf("the server does not accept the key or the secret: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to those the storage gave for this bucket")
		case "AccessDenied", "AllAccessDisabled":
			return errorf("the key may not list, read, write or delete the bucket's files: ask whoever manages the storage for those rights")
		case "NoSuchBucket":
			return errorf("there is no bucket %q on this server: create it, or correct its name in the target (s3://NAME?…)", bucket)
		}
	}
	return nil
}

// noCredentials reports whether err is the AWS SDK's when it found no
// credentials (none set, and none from the machine's metadata service), or
// herald's for it (see credentials).
func noCredentials(err error) bool {
	return err != nil && (errors.Is(err, errNoCredentials) ||
		strings.Contains(err.Error(), "failed to refresh cached credentials") || strings.Contains(err.Error(), "failed to retrieve credentials"))
}

// errNoCredentials is herald's error for the SDK's that found no
// credentials, whose text ends in the long one of the machine's metadata
// service, asked last (a trial); errNoSecret and errNoKey say that half of
// a pair is set in the environment, without the other, which the SDK then
// ignores.
var (
	errNoCredentials = errorf("found no credentials for the target")
	errNoSecret      = errorf("%v: AWS_ACCESS_KEY_ID is set, but not AWS_SECRET_ACCESS_KEY", errNoCredentials)
	errNoKey         = errorf("%v: AWS_SECRET_ACCESS_KEY is set, but not AWS_ACCESS_KEY_ID", errNoCredentials)
)

// credentials returns the error for the SDK's that found no credentials,
// saying which half of a pair the environment lacks. The SDK also takes
// AWS_ACCESS_KEY and AWS_SECRET_KEY.
func credentials() error {
	key := os.Getenv("AWS_ACCESS_KEY_ID") != "" || os.Getenv("AWS_ACCESS_KEY") != ""
	secret := os.Getenv("AWS_SECRET_ACCESS_KEY") != "" || os.Getenv("AWS_SECRET_KEY") != ""
	switch {
	case key && !secret:
		return errNoSecret
	case secret && !key:
		return errNoKey
	}
	return errNoCredentials
}
