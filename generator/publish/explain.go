package publish

import (
	"errors"
	"net"
	"net/url"
	"strings"

	"github.com/aws/smithy-go"
)

// Explain returns what to do about an error of Run whose cause herald
// knows, for the command to give as a hint in its language: the target's
// server cannot be reached, it refuses the credentials or the access, or
// the bucket does not exist, or the output is a build for review; or which
// parameter of the target was meant, for an unknown one. nil for
// other errors. target is Options.Target.
func Explain(err error, target string) *Error {
	if errors.Is(err, ErrForReview) {
		return errorf("run herald build again without --drafts and --future, then publish; --allow-drafts publishes this build as it is")
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
	if noCredentials(err) {
		// Before missed: the SDK's search for credentials asks a
		// metadata service that may not be there, whose address is not
		// the target's.
		return errorf("herald found no credentials for the target: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE, for a profile in ~/.aws/credentials)")
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
// credentials: none set, and none from the machine's metadata service.
func noCredentials(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "failed to refresh cached credentials") || strings.Contains(err.Error(), "failed to retrieve credentials"))
}
