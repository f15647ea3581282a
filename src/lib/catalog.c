/*
 * catalog.c - scanning the bank search path.
 *
 * Only profiles are read here (mx_bank_load_profile), so listing and finding banks costs
 * a few small files, whatever the size of the banks.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mockexam/catalog.h"
#include "path.h"
#include "sort.h"

static bool has_profile(const char *dir)
{
	char *p = path_join(dir, "exam.yaml");
	struct stat sb;
	bool ok = p && stat(p, &sb) == 0 && S_ISREG(sb.st_mode);
	free(p);
	return ok;
}

/* The bank directories of a root: the root itself, or its subdirectories with exam.yaml. */
static mx_status bank_dirs(const char *root, char ***out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (has_profile(root)) {
		char **v = malloc(sizeof *v);
		if (!v || !(v[0] = strdup(root))) {
			free(v);
			return MX_ERR_NOMEM;
		}
		*out = v;
		*n = 1;
		return MX_OK;
	}
	DIR *d = opendir(root);
	if (!d)
		return MX_OK;
	char **v = NULL;
	size_t cap = 0;
	struct dirent *e;
	mx_status st = MX_OK;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *dir = path_join(root, e->d_name);
		if (!dir) {
			st = MX_ERR_NOMEM;
			break;
		}
		if (!has_profile(dir)) {
			free(dir);
			continue;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			char **nv = realloc(v, cap * sizeof *v);
			if (!nv) {
				free(dir);
				st = MX_ERR_NOMEM;
				break;
			}
			v = nv;
		}
		v[(*n)++] = dir;
	}
	closedir(d);
	if (*n > 1)
		qsort(v, *n, sizeof *v, cmp_strings);
	*out = v;
	return st;
}

static mx_status add(mx_catalog *c, char *dir, mx_bank *profile)
{
	mx_catalog_entry *v = realloc(c->entries, (c->n + 1) * sizeof *v);
	if (!v)
		return MX_ERR_NOMEM;
	c->entries = v;
	v[c->n].dir = dir;
	v[c->n].profile = profile;
	v[c->n].id = profile ? mx_bank_profile(profile)->id : NULL;
	c->n++;
	return MX_OK;
}

static mx_status scan_root(mx_catalog *c, const char *root, const mx_limits *limits,
			   mx_diags *diags)
{
	char **dirs;
	size_t n, first = c->n;
	mx_status st = bank_dirs(root, &dirs, &n);
	for (size_t i = 0; i < n; i++) {
		mx_bank *b = NULL;
		if (st == MX_OK)
			mx_bank_load_profile(dirs[i], limits, diags, &b);
		const char *id = b ? mx_bank_profile(b)->id : NULL;
		const mx_catalog_entry *prev = id ? mx_catalog_find(c, id) : NULL;
		if (prev && prev - c->entries >= (long)first)
			mx_diag_add(diags, MX_SEV_ERROR, mx_bank_profile(b)->file, 0, 0,
				    "exam id '%s' is also the id of the bank in %s", id, prev->dir);
		if (st != MX_OK || prev) {
			mx_bank_free(b);
			free(dirs[i]);
			continue;
		}
		st = add(c, dirs[i], b);
		if (st != MX_OK) {
			mx_bank_free(b);
			free(dirs[i]);
		}
	}
	free(dirs);
	return st;
}

mx_status mx_catalog_scan(const char *const *roots, size_t nroots, const mx_limits *limits,
			  mx_diags *diags, mx_catalog **out)
{
	mx_catalog *c = calloc(1, sizeof *c);
	if (!c)
		return MX_ERR_NOMEM;
	mx_status st = MX_OK;
	for (size_t i = 0; i < nroots && st == MX_OK; i++)
		st = scan_root(c, roots[i], limits, diags);
	if (st != MX_OK) {
		mx_catalog_free(c);
		return st;
	}
	*out = c;
	return MX_OK;
}

void mx_catalog_free(mx_catalog *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		mx_bank_free(c->entries[i].profile);
		free(c->entries[i].dir);
	}
	free(c->entries);
	free(c);
}

const mx_catalog_entry *mx_catalog_find(const mx_catalog *c, const char *id)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->entries[i].id && strcmp(c->entries[i].id, id) == 0)
			return &c->entries[i];
	return NULL;
}
