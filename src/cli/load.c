/*
 * load.c
 *		giar load: files and folders into giar.documents (or a table of
 *		yours with a body column), parsed by the server's generated columns.
 *
 * Files are read and converted here (input.c) and sent as UTF-8 text with
 * their file URL; the server parses them as it stores them.  A file stored
 * already (the same file URL and the same md5 of body, which an index on
 * giar.documents keeps) is not stored again; the same text from another
 * file (a PDF and its text, a page from two mirrors) is, with its own
 * source.  Files go in batches of
 * BATCH_FILES, a transaction each; --jobs connections load batches side by
 * side.  Ctrl-C lets the batches under way commit and stops: nothing is
 * half written.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "input.h"
#include "load.h"

#define BATCH_FILES 50
#define MAX_JOBS 16

typedef struct FileList
{
	char	  **path;
	int			n;
	int			cap;
} FileList;

typedef struct Failure
{
	char	   *path;
	char	   *why;
} Failure;

typedef struct LoadState
{
	const char *conninfo;
	const char *table;
	const char *agency_key;
	bool		has_source_url;
	bool		has_agency_key;
	bool		has_parse_status;
	FileList	files;
	int			next;			/* next file to take */
	/* counts */
	int			done;
	long long	bytes_done;
	long long	bytes_total;
	int			stored;
	int			already;
	int			by_status[4];	/* complete, partial, no_tables, not_a_report */
	Failure    *failures;
	int			nfailures;
	int			failures_cap;
	char	   *fatal;			/* a database error that stops the load */
	bool		tty;
	struct timespec start;
	pthread_mutex_t lock;
} LoadState;

static volatile sig_atomic_t interrupted = 0;

static void
on_interrupt(int sig)
{
	(void) sig;
	interrupted = 1;
}

static void *
xmalloc(size_t n)
{
	void	   *p = malloc(n);

	if (p == NULL)
	{
		fprintf(stderr, "giar load: out of memory\n");
		exit(2);
	}
	return p;
}

static void
add_file(FileList *fl, const char *path)
{
	if (fl->n == fl->cap)
	{
		fl->cap = fl->cap ? 2 * fl->cap : 256;
		fl->path = realloc(fl->path, sizeof(char *) * (size_t) fl->cap);
		if (fl->path == NULL)
		{
			fprintf(stderr, "giar load: out of memory\n");
			exit(2);
		}
	}
	fl->path[fl->n++] = strdup(path);
}

static void
free_list(FileList *fl)
{
	for (int i = 0; i < fl->n; i++)
		free(fl->path[i]);
	free(fl->path);
	memset(fl, 0, sizeof(*fl));
}

static int
compare_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Files under path (a file, or a folder walked recursively), sorted. */
static void
collect(FileList *fl, const char *path, FileList *errors)
{
	struct stat st;
	DIR		   *d;
	struct dirent *de;

	if (stat(path, &st) != 0)
	{
		add_file(errors, path);
		return;
	}
	if (!S_ISDIR(st.st_mode))
	{
		add_file(fl, path);
		return;
	}
	d = opendir(path);
	if (d == NULL)
	{
		add_file(errors, path);
		return;
	}
	while ((de = readdir(d)) != NULL)
	{
		char		child[PATH_MAX];

		if (de->d_name[0] == '.')
			continue;			/* ., .. and hidden files */
		if (snprintf(child, sizeof(child), "%s/%s", path, de->d_name) >= (int) sizeof(child))
			continue;
		collect(fl, child, errors);
	}
	closedir(d);
}

static void
note_failure(LoadState *ls, const char *path, const char *why)
{
	pthread_mutex_lock(&ls->lock);
	if (ls->nfailures == ls->failures_cap)
	{
		ls->failures_cap = ls->failures_cap ? 2 * ls->failures_cap : 16;
		ls->failures = realloc(ls->failures, sizeof(Failure) * (size_t) ls->failures_cap);
		if (ls->failures == NULL)
		{
			fprintf(stderr, "giar load: out of memory\n");
			exit(2);
		}
	}
	ls->failures[ls->nfailures].path = strdup(path);
	ls->failures[ls->nfailures].why = strdup(why);
	ls->nfailures++;
	pthread_mutex_unlock(&ls->lock);
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double) (now.tv_sec - t0->tv_sec) + (double) (now.tv_nsec - t0->tv_nsec) / 1e9;
}

/* The progress line: files, MB, reports/s, time left (caller holds lock). */
static void
progress(LoadState *ls, bool final)
{
	double		s = seconds_since(&ls->start);
	double		rate = s > 0 ? ls->done / s : 0;
	double		left = rate > 0 ? (ls->files.n - ls->done) / rate : 0;

	fprintf(stderr, "%s%d/%d files, %.1f/%.1f MB, %.0f reports/s, %d:%02d left%s",
			ls->tty ? "\r" : "", ls->done, ls->files.n, ls->bytes_done / 1e6,
			ls->bytes_total / 1e6, rate, (int) left / 60, (int) left % 60,
			ls->tty && !final ? "   " : "\n");
	fflush(stderr);
}

static const char *const status_names[4] = {"complete", "partial", "no_tables", "not_a_report"};

/* One file into the table, unless its text is there already. */
static bool
store_file(LoadState *ls, PGconn *conn, const char *sql, const char *path)
{
	size_t		len;
	const char *encoding;
	const char *why;
	char	   *text = giar_read_input(path, &len, &encoding, &why);
	char		url[PATH_MAX + 8];
	char		abs[PATH_MAX];
	const char *values[3];
	PGresult   *res;
	int			nparams = 0;
	bool		ok = true;

	if (text == NULL)
	{
		note_failure(ls, path, why);
		return true;
	}
	if (memchr(text, '\0', len) != NULL)
	{
		free(text);
		note_failure(ls, path, "the text holds NUL bytes (not a text file)");
		return true;
	}
	if (realpath(path, abs) == NULL)
		snprintf(abs, sizeof(abs), "%s", path);
	snprintf(url, sizeof(url), "file://%s", abs);
	values[nparams++] = text;
	if (ls->has_source_url)
		values[nparams++] = url;
	if (ls->has_agency_key)
		values[nparams++] = ls->agency_key;
	res = PQexecParams(conn, sql, nparams, NULL, values, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		pthread_mutex_lock(&ls->lock);
		if (ls->fatal == NULL)
			ls->fatal = strdup(PQerrorMessage(conn));
		pthread_mutex_unlock(&ls->lock);
		ok = false;
	}
	else
	{
		pthread_mutex_lock(&ls->lock);
		if (PQntuples(res) == 0)
			ls->already++;
		else
		{
			ls->stored++;
			if (ls->has_parse_status && !PQgetisnull(res, 0, 0))
				for (int k = 0; k < 4; k++)
					if (strcmp(PQgetvalue(res, 0, 0), status_names[k]) == 0)
						ls->by_status[k]++;
		}
		pthread_mutex_unlock(&ls->lock);
	}
	PQclear(res);
	free(text);
	return ok;
}

static bool
exec_ok(PGconn *conn, const char *sql)
{
	PGresult   *res = PQexec(conn, sql);
	bool		ok = PQresultStatus(res) == PGRES_COMMAND_OK;

	PQclear(res);
	return ok;
}

/* A job: batches of files on its own connection. */
static void *
job(void *arg)
{
	LoadState  *ls = arg;
	PGconn	   *conn = PQconnectdb(ls->conninfo ? ls->conninfo : "");
	char	   *sql;
	const char *quoted;

	if (PQstatus(conn) != CONNECTION_OK)
	{
		pthread_mutex_lock(&ls->lock);
		if (ls->fatal == NULL)
			ls->fatal = strdup(PQerrorMessage(conn));
		pthread_mutex_unlock(&ls->lock);
		PQfinish(conn);
		return NULL;
	}
	quoted = ls->table;
	sql = xmalloc(1024 + 4 * strlen(quoted));
	/* $1 body, then source_url and agency_key where the table has them */
	snprintf(sql, 1024 + 4 * strlen(quoted),
			 "INSERT INTO %s (body%s%s) SELECT $1%s%s "
			 "WHERE NOT EXISTS (SELECT 1 FROM %s d WHERE pg_catalog.md5(d.body) OPERATOR(pg_catalog.=) pg_catalog.md5($1::text)%s) "
			 "RETURNING %s",
			 quoted, ls->has_source_url ? ", source_url" : "",
			 ls->has_agency_key ? ", agency_key" : "",
			 ls->has_source_url ? ", $2" : "",
			 ls->has_agency_key ? (ls->has_source_url ? ", $3" : ", $2") : "",
			 quoted,
			 ls->has_source_url ? " AND d.source_url OPERATOR(pg_catalog.=) $2::text" : "",
			 ls->has_parse_status ? "parse_status" : "NULL");
	for (;;)
	{
		int			first,
					last;
		bool		ok = true;

		pthread_mutex_lock(&ls->lock);
		if (interrupted || ls->fatal || ls->next >= ls->files.n)
		{
			pthread_mutex_unlock(&ls->lock);
			break;
		}
		first = ls->next;
		last = first + BATCH_FILES < ls->files.n ? first + BATCH_FILES : ls->files.n;
		ls->next = last;
		pthread_mutex_unlock(&ls->lock);

		if (!exec_ok(conn, "BEGIN"))
			ok = false;
		for (int i = first; ok && i < last; i++)
		{
			struct stat st;

			ok = store_file(ls, conn, sql, ls->files.path[i]);
			pthread_mutex_lock(&ls->lock);
			ls->done++;
			if (stat(ls->files.path[i], &st) == 0)
				ls->bytes_done += st.st_size;
			if (ls->tty)
				progress(ls, false);
			pthread_mutex_unlock(&ls->lock);
		}
		if (!ok || !exec_ok(conn, "COMMIT"))
		{
			exec_ok(conn, "ROLLBACK");
			pthread_mutex_lock(&ls->lock);
			if (ls->fatal == NULL)
				ls->fatal = strdup(PQerrorMessage(conn));
			pthread_mutex_unlock(&ls->lock);
			break;
		}
		if (!ls->tty)
		{
			pthread_mutex_lock(&ls->lock);
			progress(ls, false);
			pthread_mutex_unlock(&ls->lock);
		}
	}
	free(sql);
	PQfinish(conn);
	return NULL;
}

/* Which of the optional columns the target table has. */
static bool
inspect_table(LoadState *ls, char **quoted_out)
{
	PGconn	   *conn = PQconnectdb(ls->conninfo ? ls->conninfo : "");
	PGresult   *res;
	const char *params[1] = {ls->table};
	bool		ok = false;

	if (PQstatus(conn) != CONNECTION_OK)
	{
		fprintf(stderr, "giar load: %s", PQerrorMessage(conn));
		PQfinish(conn);
		return false;
	}
	res = PQexecParams(conn,
					   "SELECT c.oid::pg_catalog.regclass::text, "
					   "  EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'body' AND NOT a.attisdropped), "
					   "  EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'source_url' AND NOT a.attisdropped), "
					   "  EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'agency_key' AND NOT a.attisdropped), "
					   "  EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'parse_status' AND NOT a.attisdropped) "
					   "FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass($1)",
					   1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		fprintf(stderr, "giar load: %s", PQerrorMessage(conn));
	else if (PQntuples(res) == 0)
		fprintf(stderr, "giar load: table %s does not exist (CREATE EXTENSION giar makes giar.documents)\n",
				ls->table);
	else if (strcmp(PQgetvalue(res, 0, 1), "t") != 0)
		fprintf(stderr, "giar load: table %s has no column body\n", ls->table);
	else
	{
		*quoted_out = strdup(PQgetvalue(res, 0, 0));
		ls->has_source_url = strcmp(PQgetvalue(res, 0, 2), "t") == 0;
		ls->has_agency_key = strcmp(PQgetvalue(res, 0, 3), "t") == 0 && ls->agency_key != NULL;
		ls->has_parse_status = strcmp(PQgetvalue(res, 0, 4), "t") == 0;
		ok = true;
	}
	PQclear(res);
	PQfinish(conn);
	return ok;
}

int
giar_command_load(int argc, char **argv)
{
	LoadState	ls;
	FileList	errors = {0};
	FileList	roots = {0};
	int			jobs = 1;
	pthread_t	threads[MAX_JOBS];
	char	   *quoted = NULL;
	struct sigaction sa;
	int			nmissing;

	memset(&ls, 0, sizeof(ls));
	ls.table = "giar.documents";
	for (int i = 0; i < argc; i++)
	{
		const char *a = argv[i];

		if ((strcmp(a, "-d") == 0 || strcmp(a, "--dbname") == 0) && i + 1 < argc)
			ls.conninfo = argv[++i];
		else if (strcmp(a, "--table") == 0 && i + 1 < argc)
			ls.table = argv[++i];
		else if (strcmp(a, "--agency-key") == 0 && i + 1 < argc)
			ls.agency_key = argv[++i];
		else if (strcmp(a, "--jobs") == 0 && i + 1 < argc)
		{
			jobs = atoi(argv[++i]);
			if (jobs < 1 || jobs > MAX_JOBS)
			{
				fprintf(stderr, "giar load: --jobs takes 1 to %d\n", MAX_JOBS);
				free_list(&roots);
				return 2;
			}
		}
		else if (a[0] == '-' && a[1] != '\0')
		{
			fprintf(stderr, "giar load: unknown option %s\n", a);
			free_list(&roots);
			return 2;
		}
		else
			add_file(&roots, a);
	}
	if (roots.n == 0)
	{
		fprintf(stderr, "giar load: no files or folders given\n");
		return 2;
	}
	for (int i = 0; i < roots.n; i++)
		collect(&ls.files, roots.path[i], &errors);
	free_list(&roots);
	if (ls.files.n > 1)
		qsort(ls.files.path, (size_t) ls.files.n, sizeof(char *), compare_paths);
	if (!inspect_table(&ls, &quoted))
	{
		free_list(&ls.files);
		free_list(&errors);
		return 1;
	}
	ls.table = quoted;
	for (int i = 0; i < ls.files.n; i++)
	{
		struct stat st;

		if (stat(ls.files.path[i], &st) == 0)
			ls.bytes_total += st.st_size;
	}
	pthread_mutex_init(&ls.lock, NULL);
	for (int i = 0; i < errors.n; i++)
		note_failure(&ls, errors.path[i], strerror(ENOENT));
	nmissing = errors.n;
	free_list(&errors);
	ls.tty = isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &ls.start);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_interrupt;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (jobs > ls.files.n / BATCH_FILES + 1)
		jobs = ls.files.n / BATCH_FILES + 1;
	for (int j = 0; j < jobs; j++)
		pthread_create(&threads[j], NULL, job, &ls);
	for (int j = 0; j < jobs; j++)
		pthread_join(threads[j], NULL);
	if (ls.tty)
		progress(&ls, true);

	/* the summary */
	printf("giar load: %d files into %s: stored %d (complete %d, partial %d, no tables %d, not a report %d), "
		   "already stored %d, unreadable %d\n",
		   ls.files.n + nmissing, ls.table, ls.stored, ls.by_status[0], ls.by_status[1],
		   ls.by_status[2], ls.by_status[3], ls.already, ls.nfailures);
	if (ls.already > 0)
		printf("  %d file%s stored already (the same file with the same text): not stored again\n", ls.already,
			   ls.already == 1 ? "" : "s");
	for (int i = 0; i < ls.nfailures; i++)
		printf("  unreadable: %s: %s\n", ls.failures[i].path, ls.failures[i].why);
	if (interrupted)
		printf("  interrupted: %d of %d files done; the batches under way were committed, nothing is half written\n",
			   ls.done, ls.files.n);
	if (ls.fatal)
	{
		fprintf(stderr, "giar load: stopped: %s", ls.fatal);
		return 1;
	}
	/* unreadable files are listed above; they never stop or fail a load */
	return interrupted ? 130 : 0;
}
