/*
 * rng.h - the one seeded generator behind every random choice: xoshiro256**, seeded
 * through splitmix64.
 *
 * Both are small, fast and fully specified, so the same seed gives the same exam on
 * every machine and build (docs/design.md, "The generator is consumed in this order",
 * gives the exact draw order).
 */
#ifndef MOCKEXAM_RNG_H
#define MOCKEXAM_RNG_H

#include <stdint.h>

#include "mockexam/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MX_SEED_MAX ((UINT64_C(1) << 53) - 1)

typedef struct mx_rng {
	uint64_t s[4];
} mx_rng;

MX_API void mx_rng_seed(mx_rng *r, uint64_t seed);
MX_API uint64_t mx_rng_next(mx_rng *r);
/* Uniform in [0, n) without modulo bias (rejection); n > 0. */
MX_API uint64_t mx_rng_below(mx_rng *r, uint64_t n);
/* Uniform in [0, 1) with 53 random bits. */
MX_API double mx_rng_unit(mx_rng *r);
/* A fresh seed in [0, MX_SEED_MAX] from the operating system. */
MX_API uint64_t mx_seed_from_os(void);

#ifdef __cplusplus
}
#endif

#endif
