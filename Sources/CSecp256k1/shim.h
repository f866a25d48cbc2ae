// CSecp256k1: libsecp256k1 with its recovery module, for signing.
#if __has_include(<secp256k1.h>)
#include <secp256k1.h>
#include <secp256k1_recovery.h>
#else
#error "secp256k1.h not found: install the Debian package libsecp256k1-dev (apt-get install libsecp256k1-dev), or run make"
#endif
