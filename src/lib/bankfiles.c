/*
 * bankfiles.c - finding a bank's question files: every *.yaml below its directory.
 *
 * Directories are walked with stat() so symbolic links work, remembering the directories
 * on the current path to refuse a link that loops back, and refusing a link to a
 * directory outside the bank.  Hidden entries (editors' and tools' droppings) are passed
 * over.  The list is sorted in byte order of the relative paths, so that loading, and
 * therefore every exam built from the bank, is deterministic.
 */
#define _XOPEN_SOURCE 700 /* realpath() */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "loader.h"
#include "path.h"
#include "sort.h"

enum { MAX_DIR_DEPTH = 32 };

typedef struct filelist {
	char **v;
	size_t n, cap;
} filelist;

typedef struct walk {
	filelist *files;
	mx_diags *diags;
	dev_t dev[MAX_DIR_DEPTH + 1];
	ino_t ino[MAX_DIR_DEPTH + 1];
	size_t depth;
	char *root; /* the bank's real path: directory links may not lead out of it */
	mx_status st;
} walk;

/* Is the directory at full, reached through a symbolic link, inside the bank? */
static bool inside_bank(const walk *w, const char *full)
{
	struct stat lsb;
	if (!w->root || lstat(full, &lsb) != 0 || !S_ISLNK(lsb.st_mode))
		return true;
	char *real = realpath(full, NULL);
	size_t n = strlen(w->root);
	bool in = real && !strncmp(real, w->root, n) && (real[n] == '/' || !real[n]);
	free(real);
	return in;
}

static bool is_yaml(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

static bool push_file(walk *w, char *rel)
{
	filelist *f = w->files;
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 32;
		char **v = realloc(f->v, cap * sizeof *v);
		if (!v) {
			free(rel);
			w->st = MX_ERR_NOMEM;
			return false;
		}
		f->v = v;
		f->cap = cap;
	}
	f->v[f->n++] = rel;
	return true;
}

static void walk_dir(walk *w, const char *root, const char *rel);

static void walk_entry(walk *w, const char *root, const char *rel)
{
	char *full = path_join(root, rel);
	struct stat sb;
	if (!full) {
		w->st = MX_ERR_NOMEM;
		return;
	}
	if (stat(full, &sb) != 0) {
		/* A dangling link named *.yaml is an error; other debris is not our business. */
		if (is_yaml(rel))
			mx_diag_add(w->diags, MX_SEV_ERROR, full, 0, 0, "cannot read: %s",
				    strerror(errno));
		free(full);
		return;
	}
	if (S_ISDIR(sb.st_mode)) {
		if (!inside_bank(w, full)) {
			mx_diag_add(w->diags, MX_SEV_ERROR, full, 0, 0,
				    "symbolic link to a directory outside the bank; not followed");
			free(full);
			return;
		}
		for (size_t i = 0; i < w->depth; i++)
			if (w->dev[i] == sb.st_dev && w->ino[i] == sb.st_ino) {
				mx_diag_add(
				    w->diags, MX_SEV_ERROR, full, 0, 0,
				    "directory loop: this leads back to a directory above it");
				free(full);
				return;
			}
		if (w->depth == MAX_DIR_DEPTH) {
			mx_diag_add(w->diags, MX_SEV_ERROR, full, 0, 0,
				    "directories nested deeper than %d", MAX_DIR_DEPTH);
			free(full);
			return;
		}
		w->dev[w->depth] = sb.st_dev;
		w->ino[w->depth++] = sb.st_ino;
		walk_dir(w, root, rel);
		w->depth--;
	} else if (is_yaml(rel) && strcmp(rel, "exam.yaml") != 0) {
		char *copy = strdup(rel);
		if (!copy)
			w->st = MX_ERR_NOMEM;
		else
			push_file(w, copy);
	}
	free(full);
}

static void walk_dir(walk *w, const char *root, const char *rel)
{
	char *full = *rel ? path_join(root, rel) : strdup(root);
	DIR *d = full ? opendir(full) : NULL;
	if (!d) {
		if (full)
			mx_diag_add(w->diags, MX_SEV_ERROR, full, 0, 0, "cannot open directory: %s",
				    strerror(errno));
		w->st = full ? MX_ERR_SYSTEM : MX_ERR_NOMEM;
		free(full);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d)) && w->st == MX_OK) {
		if (e->d_name[0] == '.')
			continue; /* ., .. and hidden files: editors' and tools' droppings */
		char *child = *rel ? path_join(rel, e->d_name) : strdup(e->d_name);
		if (!child) {
			w->st = MX_ERR_NOMEM;
			break;
		}
		walk_entry(w, root, child);
		free(child);
	}
	closedir(d);
	free(full);
}

mx_status bank_files(const char *dir, mx_diags *diags, char ***out, size_t *n)
{
	filelist files = {NULL, 0, 0};
	walk w;
	memset(&w, 0, sizeof w);
	w.files = &files;
	w.diags = diags;
	struct stat sb;
	if (stat(dir, &sb) == 0) { /* the root is the first directory a link may loop to */
		w.dev[0] = sb.st_dev;
		w.ino[0] = sb.st_ino;
		w.depth = 1;
	}
	w.root = realpath(dir, NULL);
	walk_dir(&w, dir, "");
	free(w.root);
	if (files.n > 1)
		qsort(files.v, files.n, sizeof *files.v, cmp_strings);
	*out = files.v;
	*n = files.n;
	return w.st;
}

void bank_files_free(char **files, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
}
