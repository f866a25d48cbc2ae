// CSQLite: SQLite, for the index and the ledger.
#if __has_include(<sqlite3.h>)
#include <sqlite3.h>
#else
#error "sqlite3.h not found: install the Debian package libsqlite3-dev (apt-get install libsqlite3-dev), or run make"
#endif
