#ifndef SLO_HTTP_H
#define SLO_HTTP_H

#include <stddef.h>

/// One GET request. Strings are NUL-terminated; optional ones may be NULL.
typedef struct {
    const char *url;
    /// "Bearer TOKEN" style value for the Authorization header, or NULL.
    const char *authorization;
    /// "user:password" for HTTP basic auth, or NULL.
    const char *basic_auth;
    /// PEM bundle of trusted CAs instead of the system store, or NULL.
    const char *ca_file;
    /// More request headers, `Name: value` lines separated by '\n' (X-Scope-OrgID), or NULL.
    const char *extra_headers;
    long timeout_ms;
    long connect_timeout_ms;
    /// Bodies larger than this fail with SLO_HTTP_TOO_LARGE (never buffered beyond it).
    size_t max_body_bytes;
    /// Set to non-zero (slo_http_cancel) from another thread to abort the transfer, or NULL.
    int *cancel;
} slo_http_request;

enum {
    SLO_HTTP_OK = 0,
    SLO_HTTP_TIMEOUT = 1,
    SLO_HTTP_UNREACHABLE = 2,
    SLO_HTTP_TOO_LARGE = 3,
    SLO_HTTP_TLS = 4,
    SLO_HTTP_OTHER = 5,
};

typedef struct {
    /// One of the SLO_HTTP_* codes; the fields below are valid when it is SLO_HTTP_OK.
    int outcome;
    long status;
    char *body;
    size_t body_length;
    /// libcurl's message for failures (never contains credentials: they are not in the URL).
    char message[256];
} slo_http_response;

/// Performs the request synchronously. Thread-safe; call slo_http_free on the response.
void slo_http_get(const slo_http_request *request, slo_http_response *response);

void slo_http_free(slo_http_response *response);

/// Asks a running slo_http_get with this flag to stop (it fails with SLO_HTTP_OTHER "cancelled").
void slo_http_cancel(int *flag);

#endif
