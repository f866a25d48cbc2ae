// CCurl: libcurl, the JSON-RPC client's HTTP transport.
#if __has_include(<curl/curl.h>)
#include <curl/curl.h>
#else
#error "curl/curl.h not found: install the Debian package libcurl4-openssl-dev (apt-get install libcurl4-openssl-dev), or run make"
#endif
