/*
 * testing.h
 *		The assertion macro and counters the core's test programs share.
 */
#ifndef GIAR_TESTING_H
#define GIAR_TESTING_H

#include <stdio.h>

extern int	checks;
extern int	failures;

#define CHECK(cond, ...) \
	do { \
		checks++; \
		if (!(cond)) \
		{ \
			failures++; \
			printf("FAIL %s:%d: ", __FILE__, __LINE__); \
			printf(__VA_ARGS__); \
			printf("\n"); \
		} \
	} while (0)

/* test_checks.c */
extern void test_checks(const char *fixture_dir);

#endif							/* GIAR_TESTING_H */
