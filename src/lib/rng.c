/*
 * rng.c - xoshiro256** (Blackman and Vigna, 2018) seeded by splitmix64.
 *
 * The four state words are four successive splitmix64 outputs from the seed, as the
 * authors recommend; an all-zero state cannot arise from it.
 */
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "mockexam/rng.h"

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void mx_rng_seed(mx_rng *r, uint64_t seed)
{
	uint64_t x = seed;
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

uint64_t mx_rng_next(mx_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint64_t mx_rng_below(mx_rng *r, uint64_t n)
{
	/* Values below 2^64 mod n would make the low residues likelier: draw again. */
	uint64_t threshold = (0 - n) % n;
	for (;;) {
		uint64_t x = mx_rng_next(r);
		if (x >= threshold)
			return x % n;
	}
}

double mx_rng_unit(mx_rng *r)
{
	return (double)(mx_rng_next(r) >> 11) * 0x1.0p-53;
}

uint64_t mx_seed_from_os(void)
{
	uint64_t seed = 0;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		ssize_t n = read(fd, &seed, sizeof seed);
		close(fd);
		if (n == (ssize_t)sizeof seed)
			return seed & MX_SEED_MAX;
	}
	/* No /dev/urandom: the clock still gives a different exam each time. */
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	uint64_t x = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec + (uint64_t)getpid();
	return splitmix64(&x) & MX_SEED_MAX;
}
