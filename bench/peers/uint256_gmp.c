// GMP doing the work of Podium's uint256 figures, twice: with the low-level mpn_* functions (label mpn) and with
// mpz_* integers (label mpz). Same operand shapes as Sources/podium-bench/UInt256Bench.swift: batches of 64
// random operands, nanoseconds per operation, median of 7 timed batches of about 20 ms.
// link: -lgmp
#include <gmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCH 64
#define LIMBS 4

static volatile mp_limb_t sink;
static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint64_t next_random(void) {  // SplitMix64
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

// A random value of exactly `bits` significant bits (1 <= bits <= 256), as four limbs.
static void random_bits(mp_limb_t *limbs, int bits) {
    for (int i = 0; i < LIMBS; i++) limbs[i] = next_random();
    for (int i = 0; i < LIMBS; i++) {
        int low = 64 * i;
        if (low >= bits) limbs[i] = 0;
        else if (bits - low < 64) limbs[i] &= ((mp_limb_t)1 << (bits - low)) - 1;
    }
    limbs[(bits - 1) / 64] |= (mp_limb_t)1 << ((bits - 1) % 64);
}

static int random_in(int low, int high) { return low + (int)(next_random() % (uint64_t)(high - low + 1)); }

static int significant(const mp_limb_t *limbs, int count) {
    while (count > 0 && limbs[count - 1] == 0) count--;
    return count;
}

static mp_limb_t a[BATCH][LIMBS], b[BATCH][LIMBS], d64[BATCH][LIMBS], d128[BATCH][LIMBS], d256[BATCH][LIMBS];
static mpz_t za[BATCH], zb[BATCH], zd64[BATCH], zd128[BATCH], zd256[BATCH];
static char decimals[BATCH][80];
static size_t decimal_lengths[BATCH];

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int compare_doubles(const void *x, const void *y) {
    double l = *(const double *)x, r = *(const double *)y;
    return (l > r) - (l < r);
}

// Median nanoseconds per operation of `batch_body`, which runs one batch of BATCH operations.
static double measure(void (*batch_body)(void)) {
    long iterations = 1;
    for (;;) {
        double start = seconds();
        for (long i = 0; i < iterations; i++) batch_body();
        if (seconds() - start >= 0.02) break;
        iterations *= 2;
    }
    double samples[7];
    for (int s = 0; s < 7; s++) {
        double start = seconds();
        for (long i = 0; i < iterations; i++) batch_body();
        samples[s] = (seconds() - start) / iterations / BATCH * 1e9;
    }
    qsort(samples, 7, sizeof samples[0], compare_doubles);
    return samples[3];
}

static void bench_mpn_add(void) {
    mp_limb_t r[LIMBS], acc = 0;
    for (int i = 0; i < BATCH; i++) {
        acc ^= mpn_add_n(r, a[i], b[i], LIMBS);
        acc ^= r[0] ^ r[1] ^ r[2] ^ r[3];
    }
    sink = acc;
}

static void bench_mpn_mul(void) {  // the low half of the full product is the wrapping product
    mp_limb_t r[2 * LIMBS], acc = 0;
    for (int i = 0; i < BATCH; i++) {
        mpn_mul_n(r, a[i], b[i], LIMBS);
        acc ^= r[0] ^ r[1] ^ r[2] ^ r[3];
    }
    sink = acc;
}

static void bench_mpn_divmod(mp_limb_t (*divisors)[LIMBS]) {
    mp_limb_t q[LIMBS + 1], r[LIMBS], acc = 0;
    for (int i = 0; i < BATCH; i++) {
        int dn = significant(divisors[i], LIMBS);
        mpn_tdiv_qr(q, r, 0, a[i], LIMBS, divisors[i], dn);
        for (int j = 0; j <= LIMBS - dn; j++) acc ^= q[j];
        for (int j = 0; j < dn; j++) acc ^= r[j];
    }
    sink = acc;
}
static void bench_mpn_divmod_64(void) { bench_mpn_divmod(d64); }
static void bench_mpn_divmod_128(void) { bench_mpn_divmod(d128); }
static void bench_mpn_divmod_256(void) { bench_mpn_divmod(d256); }

static void bench_mpn_mulmod(void) {
    mp_limb_t p[2 * LIMBS], q[2 * LIMBS], r[LIMBS], acc = 0;
    for (int i = 0; i < BATCH; i++) {
        mp_limb_t *m = d256[a[i][0] & (BATCH - 1)];
        int mn = significant(m, LIMBS);
        mpn_mul_n(p, a[i], b[i], LIMBS);
        mpn_tdiv_qr(q, r, 0, p, significant(p, 2 * LIMBS), m, mn);
        for (int j = 0; j < mn; j++) acc ^= r[j];
    }
    sink = acc;
}

static void bench_mpn_parse(void) {  // ASCII to digit values, then mpn_set_str
    mp_limb_t r[LIMBS + 2], acc = 0;
    unsigned char digits[80];
    for (int i = 0; i < BATCH; i++) {
        size_t length = decimal_lengths[i];
        for (size_t j = 0; j < length; j++) digits[j] = (unsigned char)(decimals[i][j] - '0');
        mp_size_t n = mpn_set_str(r, digits, length, 10);
        acc ^= r[0] ^ (mp_limb_t)n;
    }
    sink = acc;
}

static void bench_mpn_format(void) {  // mpn_get_str destroys its input: copy it, then digit values to ASCII
    mp_limb_t t[LIMBS + 1], acc = 0;
    unsigned char out[80];
    for (int i = 0; i < BATCH; i++) {
        memcpy(t, a[i], sizeof a[i]);
        size_t length = mpn_get_str(out, 10, t, significant(a[i], LIMBS));
        for (size_t j = 0; j < length; j++) out[j] += '0';
        acc ^= out[length / 2] + length;
    }
    sink = acc;
}

static mpz_t zr, zq;

static void bench_mpz_add(void) {
    mp_limb_t acc = 0;
    for (int i = 0; i < BATCH; i++) {
        mpz_add(zr, za[i], zb[i]);
        acc ^= mpz_getlimbn(zr, 0);
    }
    sink = acc;
}

static void bench_mpz_mul(void) {
    mp_limb_t acc = 0;
    for (int i = 0; i < BATCH; i++) {
        mpz_mul(zr, za[i], zb[i]);
        mpz_tdiv_r_2exp(zr, zr, 256);
        acc ^= mpz_getlimbn(zr, 0);
    }
    sink = acc;
}

static void bench_mpz_divmod(mpz_t *divisors) {
    mp_limb_t acc = 0;
    for (int i = 0; i < BATCH; i++) {
        mpz_tdiv_qr(zq, zr, za[i], divisors[i]);
        acc ^= mpz_getlimbn(zq, 0) ^ mpz_getlimbn(zr, 0);
    }
    sink = acc;
}
static void bench_mpz_divmod_64(void) { bench_mpz_divmod(zd64); }
static void bench_mpz_divmod_128(void) { bench_mpz_divmod(zd128); }
static void bench_mpz_divmod_256(void) { bench_mpz_divmod(zd256); }

static void bench_mpz_mulmod(void) {
    mp_limb_t acc = 0;
    for (int i = 0; i < BATCH; i++) {
        mpz_mul(zq, za[i], zb[i]);
        mpz_tdiv_r(zr, zq, zd256[a[i][0] & (BATCH - 1)]);
        acc ^= mpz_getlimbn(zr, 0);
    }
    sink = acc;
}

static void bench_mpz_parse(void) {
    mp_limb_t acc = 0;
    for (int i = 0; i < BATCH; i++) {
        mpz_set_str(zr, decimals[i], 10);
        acc ^= mpz_getlimbn(zr, 0);
    }
    sink = acc;
}

static void bench_mpz_format(void) {
    mp_limb_t acc = 0;
    char out[80];
    for (int i = 0; i < BATCH; i++) {
        mpz_get_str(out, 10, za[i]);
        acc ^= (mp_limb_t)out[10];
    }
    sink = acc;
}

static void to_mpz(mpz_t z, const mp_limb_t *limbs) {
    mpz_init(z);
    mpz_import(z, LIMBS, -1, sizeof(mp_limb_t), 0, 0, limbs);
}

int main(void) {
    mpz_init(zr);
    mpz_init(zq);
    for (int i = 0; i < BATCH; i++) {
        random_bits(a[i], 256);
        random_bits(b[i], 256);
        random_bits(d64[i], random_in(1, 64));
        random_bits(d128[i], random_in(65, 128));
        random_bits(d256[i], random_in(193, 256));
        to_mpz(za[i], a[i]);
        to_mpz(zb[i], b[i]);
        to_mpz(zd64[i], d64[i]);
        to_mpz(zd128[i], d128[i]);
        to_mpz(zd256[i], d256[i]);
        mpz_get_str(decimals[i], 10, za[i]);
        decimal_lengths[i] = strlen(decimals[i]);
    }
    struct { const char *name; void (*mpn)(void); void (*mpz)(void); } figures[] = {
        {"add", bench_mpn_add, bench_mpz_add},
        {"mul", bench_mpn_mul, bench_mpz_mul},
        {"divmod-256-64", bench_mpn_divmod_64, bench_mpz_divmod_64},
        {"divmod-256-128", bench_mpn_divmod_128, bench_mpz_divmod_128},
        {"divmod-256-256", bench_mpn_divmod_256, bench_mpz_divmod_256},
        {"mulmod", bench_mpn_mulmod, bench_mpz_mulmod},
        {"parse-decimal", bench_mpn_parse, bench_mpz_parse},
        {"format-decimal", bench_mpn_format, bench_mpz_format},
    };
    for (size_t i = 0; i < sizeof figures / sizeof figures[0]; i++) {
        printf("uint256/%s\t%f\tns\tmpn\n", figures[i].name, measure(figures[i].mpn));
        printf("uint256/%s\t%f\tns\tmpz\n", figures[i].name, measure(figures[i].mpz));
    }
    return 0;
}
