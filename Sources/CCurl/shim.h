// CCurl: libcurl, the JSON-RPC client's HTTP transport.
#if __has_include(<curl/curl.h>)
#include <curl/curl.h>
#else
#error "curl/curl.h not found: install the Debian package libcurl4-openssl-dev (apt-get install libcurl4-openssl-dev), or run make"
#endif

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call; these fix one argument type each.

static inline CURLcode podium_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode podium_curl_setopt_pointer(CURL *handle, CURLoption option, const void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode podium_curl_setopt_write_function(
    CURL *handle, size_t (*function)(char *, size_t, size_t, void *)) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, function);
}

static inline CURLcode podium_curl_response_code(CURL *handle, long *code) {
    return curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, code);
}

// The Content-Length of the answer being received, or -1 when it has none (chunked).
static inline curl_off_t podium_curl_content_length(CURL *handle) {
    curl_off_t length = -1;
    if (curl_easy_getinfo(handle, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) != CURLE_OK) return -1;
    return length;
}

static inline CURLcode podium_curl_request_size(CURL *handle, long *size) {
    return curl_easy_getinfo(handle, CURLINFO_REQUEST_SIZE, size);
}

// CURLMsg keeps its result in a union; this reads it for a finished transfer.
static inline CURLcode podium_curl_message_result(const CURLMsg *message) {
    return message->data.result;
}

// The value of the last response's header `name` (the last one of that name), or NULL when it has none. The
// pointer is valid until the next transfer on the handle.
static inline const char *podium_curl_header_value(CURL *handle, const char *name) {
    struct curl_header *header = NULL;
    if (curl_easy_header(handle, name, 0, CURLH_HEADER, -1, &header) != CURLHE_OK || header == NULL) return NULL;
    return header->value;
}
