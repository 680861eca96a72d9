#include "slo_http.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t global_once = PTHREAD_ONCE_INIT;

static void global_init(void) { curl_global_init(CURL_GLOBAL_DEFAULT); }

typedef struct {
    char *data;
    size_t length;
    size_t capacity;
    size_t limit;
    int too_large;
} body_buffer;

static size_t on_body(char *chunk, size_t size, size_t count, void *context) {
    body_buffer *buffer = context;
    size_t bytes = size * count;
    if (buffer->length + bytes > buffer->limit) {
        buffer->too_large = 1;
        return 0; /* aborts the transfer with CURLE_WRITE_ERROR */
    }
    if (buffer->length + bytes + 1 > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 16384;
        while (capacity < buffer->length + bytes + 1) capacity *= 2;
        if (capacity > buffer->limit + 1) capacity = buffer->limit + 1; /* never beyond the limit */
        char *grown = realloc(buffer->data, capacity);
        if (!grown) return 0;
        buffer->data = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->length, chunk, bytes);
    buffer->length += bytes;
    buffer->data[buffer->length] = 0;
    return bytes;
}

static int on_progress(void *context, curl_off_t total, curl_off_t now, curl_off_t up_total, curl_off_t up_now) {
    (void)total; (void)now; (void)up_total; (void)up_now;
    int *cancel = context;
    return cancel && __atomic_load_n(cancel, __ATOMIC_SEQ_CST) ? 1 : 0; /* non-zero aborts */
}

void slo_http_cancel(int *flag) { __atomic_store_n(flag, 1, __ATOMIC_SEQ_CST); }

static int classify(CURLcode code) {
    switch (code) {
    case CURLE_OPERATION_TIMEDOUT: return SLO_HTTP_TIMEOUT;
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR: return SLO_HTTP_UNREACHABLE;
    case CURLE_FILESIZE_EXCEEDED: return SLO_HTTP_TOO_LARGE;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CLIENTCERT: return SLO_HTTP_TLS;
    default: return SLO_HTTP_OTHER;
    }
}

void slo_http_get(const slo_http_request *request, slo_http_response *response) {
    pthread_once(&global_once, global_init);
    memset(response, 0, sizeof *response);
    CURL *curl = curl_easy_init();
    if (!curl) {
        response->outcome = SLO_HTTP_OTHER;
        strncpy(response->message, "cannot initialise libcurl", sizeof response->message - 1);
        return;
    }
    char error[CURL_ERROR_SIZE] = {0};
    body_buffer buffer = {.limit = request->max_body_bytes};
    struct curl_slist *headers = curl_slist_append(NULL, "Accept: application/json");
    char *authorization = NULL;
    if (request->authorization) {
        size_t length = strlen("Authorization: ") + strlen(request->authorization) + 1;
        authorization = malloc(length);
        if (authorization) {
            strcpy(authorization, "Authorization: ");
            strcat(authorization, request->authorization);
            headers = curl_slist_append(headers, authorization);
        }
    }
    for (const char *line = request->extra_headers; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t length = end ? (size_t)(end - line) : strlen(line);
        char *header = malloc(length + 1);
        if (header) {
            memcpy(header, line, length);
            header[length] = 0;
            headers = curl_slist_append(headers, header); /* copies it */
            free(header);
        }
        line = end ? end + 1 : line + length;
    }
    curl_easy_setopt(curl, CURLOPT_URL, request->url);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, request->timeout_ms);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, request->connect_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)request->max_body_bytes);
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "slo-report/1");
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &buffer);
    if (request->cancel) {
        curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
        curl_easy_setopt(curl, CURLOPT_XFERINFODATA, request->cancel);
    }
    if (request->ca_file) {
        /* Only this bundle: without clearing CAPATH the system's CA folder would still be trusted. */
        curl_easy_setopt(curl, CURLOPT_CAINFO, request->ca_file);
        curl_easy_setopt(curl, CURLOPT_CAPATH, NULL);
    }
    if (request->basic_auth) {
        curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
        curl_easy_setopt(curl, CURLOPT_USERPWD, request->basic_auth);
    }
    CURLcode code = curl_easy_perform(curl);
    if (code == CURLE_OK) {
        response->outcome = SLO_HTTP_OK;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response->status);
        response->body = buffer.data ? buffer.data : calloc(1, 1);
        response->body_length = buffer.length;
    } else {
        response->outcome = buffer.too_large ? SLO_HTTP_TOO_LARGE : classify(code);
        const char *text = error[0] ? error : curl_easy_strerror(code);
        strncpy(response->message, text, sizeof response->message - 1);
        free(buffer.data);
    }
    curl_slist_free_all(headers);
    if (authorization) {
        memset(authorization, 0, strlen(authorization));
        free(authorization);
    }
    curl_easy_cleanup(curl);
}

void slo_http_free(slo_http_response *response) {
    free(response->body);
    response->body = NULL;
}
