/*
 * yamlparse.c - the benchmark's reference: raw libyaml event parsing of a bank.
 *
 * usage: yamlparse DIR
 * Reads every *.yaml file of DIR (not recursively; genbank writes one level) whole into
 * memory, as mockexam does, and pulls every event from libyaml, doing nothing with
 * them.  mockexam cannot load a bank faster than this.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static long parse_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *buf = malloc((size_t)size + 1);
	if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) {
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	yaml_parser_t p;
	yaml_event_t ev;
	long events = 0;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, buf, (size_t)size);
	for (;;) {
		if (!yaml_parser_parse(&p, &ev)) {
			events = -1;
			break;
		}
		int done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		events++;
		if (done)
			break;
	}
	yaml_parser_delete(&p);
	free(buf);
	return events;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: yamlparse DIR\n");
		return 2;
	}
	DIR *d = opendir(argv[1]);
	if (!d) {
		perror(argv[1]);
		return 1;
	}
	struct dirent *e;
	long total = 0;
	char path[4096];
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 5, ".yaml") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
		long ev = parse_file(path);
		if (ev < 0) {
			fprintf(stderr, "%s: parse error\n", path);
			return 1;
		}
		total += ev;
	}
	closedir(d);
	printf("%ld events\n", total);
	return 0;
}
