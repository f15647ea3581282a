/*
 * serve.c - `mockexam serve`: the web page and JSON API of docs/api.md.
 *
 * The daemon runs libmicrohttpd's pool of WEB_THREADS workers; the main thread opens
 * the history connections, prints the address, and waits for SIGINT or SIGTERM.  Those
 * are blocked in every thread and taken by sigwait(), so a signal never lands in the
 * middle of a request: the daemon is stopped (requests in flight finish), then the
 * connections are closed.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "web.h"

enum MHD_Result http_request(void *cls, struct MHD_Connection *c, const char *url,
			     const char *method, const char *version, const char *data,
			     size_t *size, void **con_cls);
void http_completed(void *cls, struct MHD_Connection *c, void **con_cls,
		    enum MHD_RequestTerminationCode why);

mx_history *server_checkout(server *s)
{
	pthread_mutex_lock(&s->lock);
	for (;;) {
		for (size_t i = 0; i < WEB_THREADS; i++)
			if (!s->busy[i]) {
				s->busy[i] = true;
				pthread_mutex_unlock(&s->lock);
				return s->pool[i];
			}
		pthread_cond_wait(&s->returned, &s->lock);
	}
}

void server_checkin(server *s, mx_history *h)
{
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < WEB_THREADS; i++)
		if (s->pool[i] == h)
			s->busy[i] = false;
	pthread_cond_signal(&s->returned);
	pthread_mutex_unlock(&s->lock);
}

const mx_bank *server_bank(server *s, const char *exam, reply *err)
{
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < s->nbanks; i++)
		if (!strcmp(s->banks[i].id, exam)) {
			mx_bank *b = s->banks[i].bank;
			pthread_mutex_unlock(&s->lock);
			return b;
		}
	pthread_mutex_unlock(&s->lock);
	/* Loaded outside the lock: other requests go on meanwhile.  Two requests may both
	 * load it; the second keeps the first's. */
	char *dir = cli_find_exam(s->c, exam);
	mx_bank *b = NULL;
	mx_diags d;
	mx_diags_init(&d);
	if (dir)
		mx_bank_load(dir, &s->c->limits, &d, &b);
	mx_diags_free(&d);
	if (!b) {
		err->status = 404;
		err->doc = json_pack("{s:s}", "error",
				     dir ? "the exam's bank has errors: run 'mockexam lint'"
					 : "no such exam on the bank search path");
		free(dir);
		return NULL;
	}
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < s->nbanks; i++)
		if (!strcmp(s->banks[i].id, exam)) {
			pthread_mutex_unlock(&s->lock);
			mx_bank_free(b);
			free(dir);
			return s->banks[i].bank;
		}
	bank_slot *v = realloc(s->banks, (s->nbanks + 1) * sizeof *v);
	char *id = strdup(exam);
	if (!v || !id) {
		pthread_mutex_unlock(&s->lock);
		free(id);
		free(dir);
		mx_bank_free(b);
		err->status = 500;
		err->doc = json_pack("{s:s}", "error", "out of memory");
		return NULL;
	}
	s->banks = v;
	s->banks[s->nbanks++] = (bank_slot){id, dir, b};
	pthread_mutex_unlock(&s->lock);
	return b;
}

/* 128 random bits from the operating system, as hex. */
static bool random_token(char *out)
{
	unsigned char raw[16];
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	bool ok = fd >= 0 && read(fd, raw, sizeof raw) == (ssize_t)sizeof raw;
	if (fd >= 0)
		close(fd);
	for (size_t i = 0; ok && i < sizeof raw; i++)
		snprintf(out + 2 * i, 3, "%02x", raw[i]);
	return ok;
}

static bool token_ok(const char *t)
{
	size_t n = strlen(t);
	for (size_t i = 0; i < n; i++)
		if (!((t[i] >= '0' && t[i] <= '9') || (t[i] >= 'a' && t[i] <= 'z') ||
		      (t[i] >= 'A' && t[i] <= 'Z') || t[i] == '-' || t[i] == '_'))
			return false;
	return n >= 8 && n < 65;
}

static void server_free(server *s)
{
	for (size_t i = 0; i < WEB_THREADS; i++)
		mx_history_close(s->pool[i]);
	for (size_t i = 0; i < s->nbanks; i++) {
		mx_bank_free(s->banks[i].bank);
		free(s->banks[i].id);
		free(s->banks[i].dir);
	}
	free(s->banks);
	free(s->clocks);
	free(s->db_path);
	for (size_t i = 0; i < WEB_ATTEMPT_LOCKS; i++)
		pthread_mutex_destroy(&s->attempt_locks[i]);
	pthread_mutex_destroy(&s->lock);
	pthread_cond_destroy(&s->returned);
}

static int setup(server *s, const cli *c)
{
	memset(s, 0, sizeof *s);
	s->c = c;
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->returned, NULL);
	for (size_t i = 0; i < WEB_ATTEMPT_LOCKS; i++)
		pthread_mutex_init(&s->attempt_locks[i], NULL);
	const char *token = c->token ? c->token : getenv("MOCKEXAM_TOKEN");
	if (token && *token) {
		if (!token_ok(token))
			return cli_usage_error(&cmd_serve, "a token is 8 to 64 letters, digits, "
							   "'-' or '_'");
		snprintf(s->token, sizeof s->token, "%s", token);
	} else if (!random_token(s->token)) {
		fprintf(stderr, "mockexam serve: cannot read random bytes for the token\n");
		return EXIT_SYSTEM;
	}
	if (!(s->db_path = cli_db_path(c))) {
		fprintf(stderr, "mockexam serve: no place for the history database: set HOME, "
				"MOCKEXAM_DB or --db\n");
		return EXIT_SYSTEM;
	}
	for (size_t i = 0; i < WEB_THREADS; i++) { /* one connection per worker */
		mx_error err;
		if (mx_history_open(s->db_path, &s->pool[i], &err) != MX_OK) {
			fprintf(stderr, "%s: error: %s\n", s->db_path, mx_error_message(&err));
			return EXIT_SYSTEM;
		}
	}
	return EXIT_OK;
}

static struct MHD_Daemon *start(server *s, const cli *c, sigset_t *signals)
{
	struct sockaddr_in addr;
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)c->port);
	const char *listen_on = c->listen ? c->listen : "127.0.0.1";
	if (inet_pton(AF_INET, listen_on, &addr.sin_addr) != 1) {
		cli_usage_error(&cmd_serve, "--listen takes an IPv4 address, such as 127.0.0.1");
		return NULL;
	}
	/* Workers inherit the mask: SIGINT and SIGTERM reach only sigwait() below. */
	sigemptyset(signals);
	sigaddset(signals, SIGINT);
	sigaddset(signals, SIGTERM);
	pthread_sigmask(SIG_BLOCK, signals, NULL);
	signal(SIGPIPE, SIG_IGN);
	struct MHD_Daemon *d = MHD_start_daemon(
	    MHD_USE_AUTO_INTERNAL_THREAD, 0, NULL, NULL, http_request, s, MHD_OPTION_SOCK_ADDR,
	    (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)WEB_THREADS,
	    MHD_OPTION_NOTIFY_COMPLETED, http_completed, s, MHD_OPTION_CONNECTION_TIMEOUT,
	    (unsigned)120, MHD_OPTION_CONNECTION_LIMIT, (unsigned)4000, MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "mockexam serve: cannot listen on %s:%u: %s\n", listen_on, c->port,
			strerror(errno));
		return NULL;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info ? info->port : (unsigned short)c->port;
	snprintf(s->host, sizeof s->host, "%s:%u", listen_on, s->port);
	snprintf(s->origin, sizeof s->origin, "http://%s", s->host);
	if (!strncmp(listen_on, "127.", 4)) {
		snprintf(s->host_alt, sizeof s->host_alt, "localhost:%u", s->port);
		snprintf(s->origin_alt, sizeof s->origin_alt, "http://%s", s->host_alt);
	}
	return d;
}

static int run_serve(cli *c)
{
	server s;
	int rc = setup(&s, c);
	sigset_t signals;
	struct MHD_Daemon *d = rc == EXIT_OK ? start(&s, c, &signals) : NULL;
	if (rc == EXIT_OK && !d)
		rc = EXIT_SYSTEM;
	if (d) {
		printf("mockexam: serving on http://%s/?token=%s\n", s.host, s.token);
		fflush(stdout);
		int sig = 0;
		sigwait(&signals, &sig);
		fprintf(stderr, "mockexam serve: signal %d: finishing the requests in flight\n",
			sig);
		MHD_stop_daemon(d); /* waits for the workers: requests in flight finish */
	}
	server_free(&s);
	return rc;
}

const command cmd_serve = {
    .name = "serve",
    .synopsis = "serve [--listen ADDR] [--port N] [--token TOKEN] [--db PATH] [--banks DIR]",
    .summary = "the mock exam in a browser: a web page and a JSON API",
    .options = O_BANKS | O_DB | O_LIMITS | O_SERVE,
    .min_args = 0,
    .max_args = 0,
    .run = run_serve,
    .help = "Serves the web page and the JSON API of docs/api.md over the same history as\n"
	    "the command line: an exam begun in the browser resumes with 'mockexam resume',\n"
	    "and the other way round.  The first line printed is the address to open:\n\n"
	    "    mockexam: serving on http://127.0.0.1:PORT/?token=TOKEN\n\n"
	    "It runs until SIGINT (Ctrl-C) or SIGTERM, finishing requests in flight.\n\n"
	    "Options:\n"
	    "  --listen ADDR    the IPv4 address to listen on (default 127.0.0.1)\n"
	    "  --port N         the port (default 0: a free one)\n"
	    "  --token TOKEN    the token every request needs (default $MOCKEXAM_TOKEN,\n"
	    "                   else 128 random bits)\n"
	    "  --db PATH        the history database\n"
	    "  --banks DIR      look for banks in DIR first (repeatable)",
};
