// Peer for `bench/compare keccak`: OpenSSL's SHA3-256 through EVP. It runs the same Keccak-f[1600] permutation at
// the same 136-byte rate as Keccak-256 (only the padding byte differs), so its speed is a fair yardstick.
// One fetched EVP_MD and one reused EVP_MD_CTX; measured like podium-bench (batches calibrated to about 20 ms,
// median of 7). Prints `figure<TAB>value<TAB>unit` lines.
// link: -lcrypto
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static EVP_MD *md;
static EVP_MD_CTX *ctx;
static unsigned char digest[32];

static void hash(const unsigned char *input, size_t length) {
    if (!EVP_DigestInit_ex(ctx, md, NULL) || !EVP_DigestUpdate(ctx, input, length) ||
        !EVP_DigestFinal_ex(ctx, digest, NULL)) {
        fprintf(stderr, "keccak_openssl: EVP digest failed\n");
        exit(1);
    }
}

static double seconds_now(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec * 1e-9;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

// Seconds for `iterations` hashes of `input`; when `vary`, the first byte changes between calls, as in podium-bench.
static double time_batch(unsigned char *input, size_t length, long iterations, int vary) {
    double start = seconds_now();
    for (long i = 0; i < iterations; i++) {
        hash(input, length);
        if (vary) input[0]++;
    }
    return seconds_now() - start;
}

// Median nanoseconds per hash: a batch of about 20 ms, timed 7 times.
static double nanoseconds_per_hash(unsigned char *input, size_t length, int vary) {
    long iterations = 1;
    while (time_batch(input, length, iterations, vary) < 0.02) iterations *= 2;
    double per_call[7];
    for (int i = 0; i < 7; i++) per_call[i] = time_batch(input, length, iterations, vary) / (double)iterations;
    qsort(per_call, 7, sizeof per_call[0], compare_doubles);
    return per_call[3] * 1e9;
}

int main(void) {
    md = EVP_MD_fetch(NULL, "SHA3-256", NULL);
    ctx = EVP_MD_CTX_new();
    if (!md || !ctx) {
        fprintf(stderr, "keccak_openssl: SHA3-256 is not available\n");
        return 1;
    }
    size_t mebibyte = 1 << 20;
    unsigned char *large = malloc(mebibyte);
    memset(large, 0xa5, mebibyte);
    printf("keccak/1MiB\t%f\tMB/s\n", (double)mebibyte / nanoseconds_per_hash(large, mebibyte, 0) * 1e3);
    size_t sizes[] = {32, 64};
    for (int i = 0; i < 2; i++) {
        unsigned char small[64];
        memset(small, 0x5a, sizeof small);
        printf("keccak/%zu\t%f\thashes/s\n", sizes[i], 1e9 / nanoseconds_per_hash(small, sizes[i], 1));
    }
    free(large);
    EVP_MD_CTX_free(ctx);
    EVP_MD_free(md);
    return 0;
}
