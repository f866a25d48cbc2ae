// secp256k1 peer: libsecp256k1 called from C, the floor Podium's signer is measured against.
// secp256k1/sign: ecdsa_sign_recoverable + serialize_compact of a fresh 32-byte hash per call.
// secp256k1/recover: parse_compact + ecdsa_recover + pubkey_serialize (uncompressed, the bytes an address hashes).
// Timing as podium-bench does it: a batch calibrated to about 20 ms, the median of 7 batches.
// link: -lsecp256k1
#include <secp256k1.h>
#include <secp256k1_recovery.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SIGNATURES 256

static secp256k1_context *ctx;
static unsigned char key[32];
static unsigned char hashes[SIGNATURES][32];
static unsigned char compacts[SIGNATURES][64];
static int recids[SIGNATURES];
static uint64_t counter;
static volatile unsigned char sink;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void next_hash(unsigned char hash[32]) {
    counter++;
    memset(hash, 0x5a, 32);
    memcpy(hash, &counter, sizeof counter);
}

static void sign_once(void) {
    unsigned char hash[32], compact[64];
    secp256k1_ecdsa_recoverable_signature sig;
    int recid;
    next_hash(hash);
    secp256k1_ecdsa_sign_recoverable(ctx, &sig, hash, key, NULL, NULL);
    secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx, compact, &recid, &sig);
    sink ^= compact[0];
}

static void recover_once(void) {
    size_t i = counter++ % SIGNATURES, length = 65;
    unsigned char serialized[65];
    secp256k1_ecdsa_recoverable_signature sig;
    secp256k1_pubkey pubkey;
    secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &sig, compacts[i], recids[i]);
    if (!secp256k1_ecdsa_recover(ctx, &pubkey, &sig, hashes[i])) abort();
    secp256k1_ec_pubkey_serialize(ctx, serialized, &length, &pubkey, SECP256K1_EC_UNCOMPRESSED);
    sink ^= serialized[1];
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double seconds(void (*body)(void), long iterations) {
    double start = now();
    for (long i = 0; i < iterations; i++) body();
    return now() - start;
}

/// Median nanoseconds per call of body.
static double ns_per_call(void (*body)(void)) {
    long iterations = 1;
    while (seconds(body, iterations) < 0.02) iterations *= 2;
    double per_call[7];
    for (int s = 0; s < 7; s++) per_call[s] = seconds(body, iterations) / iterations;
    qsort(per_call, 7, sizeof per_call[0], compare);
    return per_call[3] * 1e9;
}

int main(void) {
    unsigned char seed[32];
    ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    for (int i = 0; i < 32; i++) seed[i] = (unsigned char)(7 * i + 1), key[i] = 0x46;
    if (!secp256k1_context_randomize(ctx, seed)) return 1;

    printf("secp256k1/sign\t%f\tsigns/s\tlibsecp256k1\n", 1e9 / ns_per_call(sign_once));

    for (int i = 0; i < SIGNATURES; i++) {
        secp256k1_ecdsa_recoverable_signature sig;
        next_hash(hashes[i]);
        secp256k1_ecdsa_sign_recoverable(ctx, &sig, hashes[i], key, NULL, NULL);
        secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx, compacts[i], &recids[i], &sig);
    }
    printf("secp256k1/recover\t%f\trecoveries/s\tlibsecp256k1\n", 1e9 / ns_per_call(recover_once));
    secp256k1_context_destroy(ctx);
    return 0;
}
