// CGMP: GMP's low-level mpn_* functions for UInt256 division and conversion.
#if __has_include(<gmp.h>)
#include <gmp.h>
#else
#error "gmp.h not found: install the Debian package libgmp-dev (apt-get install libgmp-dev), or run make"
#endif
