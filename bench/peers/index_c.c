// The index suite's ceiling: the rows a catch-up over bench/index_server.py's chain commits (20,000 blocks of 5
// PrizesDistributed logs: each log's `logs` row, its `prizes_distributed` row, five `prize_winners` rows, and one
// `blocks` row per block), made in memory and inserted with SQLite's C API — prepared statements, one transaction,
// Podium's schema, indexes and settings (16 KiB pages, WAL, synchronous=NORMAL, a 16 MiB cache) — so nothing but
// SQLite's own work is timed. Prints
// catch-up/logs in logs/s (rows of logs, with everything that comes with them).
// link: -lsqlite3
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BLOCKS 20000
#define PER_BLOCK 5
#define DATA_BYTES 480 /* abi.encode(address[5], uint256[5], uint256) */

static const char *schema =
    "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16384;"
    "CREATE TABLE blocks (chain_id INTEGER NOT NULL, number INTEGER NOT NULL, hash BLOB NOT NULL,"
    " parent_hash BLOB NOT NULL, timestamp INTEGER NOT NULL, finalized INTEGER NOT NULL DEFAULT 0,"
    " PRIMARY KEY (chain_id, number));"
    "CREATE INDEX blocks_unfinalized ON blocks (chain_id, number) WHERE finalized = 0;"
    "CREATE TABLE logs (id INTEGER PRIMARY KEY, chain_id INTEGER NOT NULL, block_number INTEGER NOT NULL,"
    " block_hash BLOB NOT NULL, transaction_hash BLOB NOT NULL, transaction_index INTEGER NOT NULL,"
    " log_index INTEGER NOT NULL, address BLOB NOT NULL, topic0 BLOB, topic1 BLOB, topic2 BLOB, topic3 BLOB,"
    " data BLOB NOT NULL, UNIQUE (chain_id, block_hash, log_index));"
    "CREATE INDEX logs_by_position ON logs (chain_id, block_number, log_index);"
    "CREATE TABLE prizes_distributed (log_id INTEGER PRIMARY KEY, chain_id INTEGER NOT NULL,"
    " block_number INTEGER NOT NULL, contract BLOB NOT NULL, prize_type INTEGER NOT NULL, timestamp BLOB NOT NULL,"
    " total BLOB NOT NULL);"
    "CREATE TABLE prize_winners (log_id INTEGER NOT NULL, place INTEGER NOT NULL, winner BLOB NOT NULL,"
    " amount BLOB NOT NULL, PRIMARY KEY (log_id, place)) WITHOUT ROWID;";

static void check(int code, sqlite3 *db) {
    if (code != SQLITE_OK && code != SQLITE_DONE && code != SQLITE_ROW) {
        fprintf(stderr, "index_c: %s\n", sqlite3_errmsg(db));
        exit(1);
    }
}

/* Deterministic filler bytes, so that pages hold data of the real shape and no run-length tricks apply. */
static void fill(unsigned char *out, size_t count, uint64_t seed) {
    for (size_t i = 0; i < count; i++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        out[i] = (unsigned char)(seed >> 56);
    }
}

int main(void) {
    char path[] = "/tmp/podium-index-c-XXXXXX";
    if (!mkdtemp(path)) return 1;
    char file[64];
    snprintf(file, sizeof file, "%s/index.sqlite", path);
    sqlite3 *db;
    check(sqlite3_open(file, &db), db);
    check(sqlite3_exec(db, schema, 0, 0, 0), db);

    /* Everything inserted is made before the clock starts. */
    size_t logs = (size_t)BLOCKS * PER_BLOCK;
    unsigned char *hashes = malloc((size_t)(BLOCKS + 1) * 32), *tx = malloc(logs * 32), *data = malloc(logs * DATA_BYTES);
    unsigned char *winners = malloc(logs * 5 * 20), *amounts = malloc(logs * 5 * 32), *words = malloc(logs * 2 * 32);
    unsigned char address[20], topic0[32], topic1[32] = {0};
    fill(hashes, (size_t)(BLOCKS + 1) * 32, 1);
    fill(tx, logs * 32, 2);
    fill(data, logs * DATA_BYTES, 3);
    fill(winners, logs * 5 * 20, 4);
    fill(amounts, logs * 5 * 32, 5);
    fill(words, logs * 2 * 32, 6);
    fill(address, 20, 7);
    fill(topic0, 32, 8);

    sqlite3_stmt *block, *log, *prize, *winner;
    check(sqlite3_prepare_v2(db, "INSERT INTO blocks (chain_id, number, hash, parent_hash, timestamp, finalized)"
                                 " VALUES (?, ?, ?, ?, ?, 1)", -1, &block, 0), db);
    check(sqlite3_prepare_v2(db, "INSERT INTO logs (chain_id, block_number, block_hash, transaction_hash,"
                                 " transaction_index, log_index, address, topic0, topic1, topic2, topic3, data)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)", -1, &log, 0), db);
    check(sqlite3_prepare_v2(db, "INSERT INTO prizes_distributed (log_id, chain_id, block_number, contract, prize_type,"
                                 " timestamp, total) VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &prize, 0), db);
    check(sqlite3_prepare_v2(db, "INSERT INTO prize_winners (log_id, place, winner, amount) VALUES (?, ?, ?, ?)",
                             -1, &winner, 0), db);

    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    check(sqlite3_exec(db, "BEGIN", 0, 0, 0), db);
    size_t n = 0;
    for (int b = 1; b <= BLOCKS; b++) {
        sqlite3_bind_int64(block, 1, 31337);
        sqlite3_bind_int64(block, 2, b);
        sqlite3_bind_blob(block, 3, hashes + 32 * b, 32, SQLITE_STATIC);
        sqlite3_bind_blob(block, 4, hashes + 32 * (b - 1), 32, SQLITE_STATIC);
        sqlite3_bind_int64(block, 5, 1763683200 + b);
        check(sqlite3_step(block), db);
        sqlite3_reset(block);
        for (int i = 0; i < PER_BLOCK; i++, n++) {
            sqlite3_bind_int64(log, 1, 31337);
            sqlite3_bind_int64(log, 2, b);
            sqlite3_bind_blob(log, 3, hashes + 32 * b, 32, SQLITE_STATIC);
            sqlite3_bind_blob(log, 4, tx + 32 * n, 32, SQLITE_STATIC);
            sqlite3_bind_int64(log, 5, i);
            sqlite3_bind_int64(log, 6, i);
            sqlite3_bind_blob(log, 7, address, 20, SQLITE_STATIC);
            sqlite3_bind_blob(log, 8, topic0, 32, SQLITE_STATIC);
            sqlite3_bind_blob(log, 9, topic1, 32, SQLITE_STATIC);
            sqlite3_bind_blob(log, 10, data + DATA_BYTES * n, DATA_BYTES, SQLITE_STATIC);
            check(sqlite3_step(log), db);
            sqlite3_reset(log);
            sqlite3_int64 id = sqlite3_last_insert_rowid(db);
            sqlite3_bind_int64(prize, 1, id);
            sqlite3_bind_int64(prize, 2, 31337);
            sqlite3_bind_int64(prize, 3, b);
            sqlite3_bind_blob(prize, 4, address, 20, SQLITE_STATIC);
            sqlite3_bind_int64(prize, 5, 0);
            sqlite3_bind_blob(prize, 6, words + 64 * n, 32, SQLITE_STATIC);
            sqlite3_bind_blob(prize, 7, words + 64 * n + 32, 32, SQLITE_STATIC);
            check(sqlite3_step(prize), db);
            sqlite3_reset(prize);
            for (int place = 0; place < 5; place++) {
                sqlite3_bind_int64(winner, 1, id);
                sqlite3_bind_int64(winner, 2, place + 1);
                sqlite3_bind_blob(winner, 3, winners + 20 * (5 * n + place), 20, SQLITE_STATIC);
                sqlite3_bind_blob(winner, 4, amounts + 32 * (5 * n + place), 32, SQLITE_STATIC);
                check(sqlite3_step(winner), db);
                sqlite3_reset(winner);
            }
        }
    }
    check(sqlite3_exec(db, "COMMIT", 0, 0, 0), db);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    printf("catch-up/logs\t%f\tlogs/s\n", (double)logs / seconds);

    sqlite3_finalize(block);
    sqlite3_finalize(log);
    sqlite3_finalize(prize);
    sqlite3_finalize(winner);
    sqlite3_close(db);
    char command[96];
    snprintf(command, sizeof command, "rm -rf %s", path);
    return system(command) == 0 ? 0 : 1;
}
