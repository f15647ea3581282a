/*
 * blueprint.h - how many questions each domain gets (scoring.md section 1).
 */
#ifndef MOCKEXAM_BLUEPRINT_H
#define MOCKEXAM_BLUEPRINT_H

#include <stddef.h>
#include <stdint.h>

#include "mockexam/bank.h"
#include "mockexam/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Largest-remainder apportionment of n seats over ndomains weights given exactly in
 * millionths (mx_domain.weight_micro): each domain gets the floor of its quota, and
 * the seats left go one each to the largest remainders; ties go to the larger weight,
 * then to the lower domain id.  counts[] receives one count per domain, summing to n.
 * The quota is n * w / sum(w), which is the spec's n * w / 100 when weights sum to 100.
 */
MX_API mx_status mx_apportion(size_t n, const int64_t *weight_micro, const int *domain_ids,
			      size_t ndomains, size_t *counts);

/* The counts of an exam of n questions of this profile (n = 0: its question_count). */
MX_API mx_status mx_blueprint(const mx_profile *p, size_t n, size_t *counts);

#ifdef __cplusplus
}
#endif

#endif
