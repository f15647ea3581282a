/*
 * http.c - libmicrohttpd's requests in, api.c's answers out (docs/api.md).
 *
 * Before anything else a request must name this server in its Host header (a page
 * elsewhere cannot reach it through DNS rebinding) and carry the token: the page's
 * first URL has it as ?token=, answered with an HttpOnly, SameSite=Strict cookie; other
 * clients send Authorization: Bearer.  A request that changes something and names
 * another site in Origin is refused.  Bodies over 64 KiB are read to their end and
 * refused whole.
 */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"

/* A request's body as it arrives. */
typedef struct upload {
	char *data;
	size_t len;
	bool too_big;
} upload;

static const char csp[] = "default-src 'self'; script-src 'self'; style-src 'self'; "
			  "img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
			  "form-action 'self'; frame-ancestors 'none'";

/* Compares in time that does not depend on where they differ. */
static bool same_token(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char diff = (unsigned char)(la != lb);
	for (size_t i = 0; i < la && i < lb; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

/* The token the request carries: Bearer, the cookie, or ?token= (the page's first URL). */
static const char *request_token(struct MHD_Connection *c, bool *from_query)
{
	const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
	*from_query = false;
	if (auth && !strncmp(auth, "Bearer ", 7))
		return auth + 7;
	const char *cookie = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "mx_token");
	if (cookie)
		return cookie;
	const char *query = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "token");
	*from_query = query != NULL;
	return query;
}

static void security_headers(struct MHD_Response *r)
{
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Content-Security-Policy", csp);
}

static enum MHD_Result send_json(struct MHD_Connection *c, int status, json_t *doc,
				 const char *cookie)
{
	char *text =
	    doc ? json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))
		: NULL;
	json_decref(doc);
	struct MHD_Response *r =
	    text ? MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE)
		 : MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	if (!r) {
		free(text);
		return MHD_NO;
	}
	if (text)
		MHD_add_response_header(r, "Content-Type", "application/json; charset=utf-8");
	if (cookie)
		MHD_add_response_header(r, "Set-Cookie", cookie);
	security_headers(r);
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)status, r);
	MHD_destroy_response(r);
	return ok;
}

static enum MHD_Result send_error(struct MHD_Connection *c, int status, const char *message)
{
	return send_json(c, status, json_pack("{s:s}", "error", message), NULL);
}

static enum MHD_Result send_page(struct MHD_Connection *c, const page_file *f, const char *cookie)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(
	    f->size, (void *)(uintptr_t)f->data, MHD_RESPMEM_PERSISTENT);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", f->type);
	if (cookie)
		MHD_add_response_header(r, "Set-Cookie", cookie);
	security_headers(r);
	enum MHD_Result ok = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ok;
}

static bool right_host(const server *s, struct MHD_Connection *c)
{
	const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	return host && (!strcmp(host, s->host) || (s->host_alt[0] && !strcmp(host, s->host_alt)));
}

static bool right_origin(const server *s, struct MHD_Connection *c)
{
	const char *origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
	return !origin || !strcmp(origin, s->origin) ||
	       (s->origin_alt[0] && !strcmp(origin, s->origin_alt));
}

/* The path without its query. */
static void path_of(const char *url, char *out, size_t size)
{
	size_t n = strcspn(url, "?");
	snprintf(out, size, "%.*s", (int)(n < size ? n : size - 1), url);
}

static enum MHD_Result dispatch(server *s, struct MHD_Connection *c, const char *url,
				const char *method, upload *up)
{
	if (!right_host(s, c))
		return send_error(c, 403, "the Host header does not name this server");
	bool from_query;
	const char *token = request_token(c, &from_query);
	if (!token || !same_token(token, s->token))
		return send_error(c, 401,
				  "a token is needed: open the address the server "
				  "printed, or send Authorization: Bearer TOKEN");
	char cookie[160];
	snprintf(cookie, sizeof cookie, "mx_token=%s; HttpOnly; SameSite=Strict; Path=/", s->token);
	char path[512];
	path_of(url, path, sizeof path);
	for (size_t i = 0; i < page_nfiles; i++)
		if (!strcmp(path, page_files[i].path)) {
			if (strcmp(method, "GET") && strcmp(method, "HEAD"))
				return send_error(c, 405, "only GET is allowed here");
			return send_page(c, &page_files[i], from_query ? cookie : NULL);
		}
	if (strncmp(path, "/api/", 5) != 0)
		return send_error(c, 404, "no such page");
	bool changes = strcmp(method, "GET") && strcmp(method, "HEAD");
	if (changes && !right_origin(s, c))
		return send_error(c, 403, "a change must come from this server's own page");
	if (up->too_big)
		return send_error(c, 413, "the body is over 64 KiB");
	json_t *body = NULL;
	if (up->len) {
		json_error_t jerr;
		body = json_loadb(up->data, up->len, JSON_REJECT_DUPLICATES, &jerr);
		if (!body) {
			char msg[300];
			snprintf(msg, sizeof msg, "malformed JSON at line %d, column %d: %s",
				 jerr.line, jerr.column, jerr.text);
			return send_error(c, 400, msg);
		}
	} else if (!strcmp(method, "PUT") ||
		   (!strcmp(method, "POST") && !strcmp(path, "/api/attempts"))) {
		return send_error(c, 400, "a JSON body is needed");
	}
	reply r;
	api_handle(s, method, path, body, &r);
	json_decref(body);
	return send_json(c, r.status, r.doc, NULL);
}

enum MHD_Result http_request(void *cls, struct MHD_Connection *c, const char *url,
			     const char *method, const char *version, const char *data,
			     size_t *size, void **con_cls);
void http_completed(void *cls, struct MHD_Connection *c, void **con_cls,
		    enum MHD_RequestTerminationCode why);

enum MHD_Result http_request(void *cls, struct MHD_Connection *c, const char *url,
			     const char *method, const char *version, const char *data,
			     size_t *size, void **con_cls)
{
	upload *up = *con_cls;
	if (!up) { /* the headers have arrived: the body, if any, comes next */
		if (!(up = calloc(1, sizeof *up)))
			return MHD_NO;
		*con_cls = up;
		return MHD_YES;
	}
	if (*size) {
		if (!up->too_big && up->len + *size <= WEB_MAX_BODY) {
			char *d = realloc(up->data, up->len + *size + 1);
			if (!d)
				return MHD_NO;
			memcpy(d + up->len, data, *size);
			up->data = d;
			up->len += *size;
		} else {
			up->too_big = true; /* read on to the end, refused whole */
			free(up->data);
			up->data = NULL;
			up->len = 0;
		}
		*size = 0;
		return MHD_YES;
	}
	return dispatch(cls, c, url, method, up);
}

void http_completed(void *cls, struct MHD_Connection *c, void **con_cls,
		    enum MHD_RequestTerminationCode why)
{
	upload *up = *con_cls;
	if (up) {
		free(up->data);
		free(up);
		*con_cls = NULL;
	}
}
