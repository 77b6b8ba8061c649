/*
 * fuzz_replay.c
 *		Run the fuzz target over files and directories without libFuzzer,
 *		for builds with gcc's sanitizers: fuzz_replay PATH...
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "standalone.h"

int			LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static int	inputs;

static void
replay(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
	{
		fprintf(stderr, "cannot stat %s\n", path);
		exit(1);
	}
	if (S_ISDIR(st.st_mode))
	{
		DIR		   *d = opendir(path);
		struct dirent *de;

		while (d && (de = readdir(d)) != NULL)
		{
			char		child[4096];

			if (de->d_name[0] == '.')
				continue;
			snprintf(child, sizeof(child), "%s/%s", path, de->d_name);
			replay(child);
		}
		if (d)
			closedir(d);
		return;
	}
	{
		size_t		len;
		char	   *text = giar_read_file(path, &len);

		if (text == NULL)
		{
			fprintf(stderr, "cannot read %s\n", path);
			exit(1);
		}
		LLVMFuzzerTestOneInput((const unsigned char *) text, len);
		/* every prefix at a few cut points too: truncated crawls */
		for (size_t cut = len / 7; cut < len; cut += len / 7 + 1)
			LLVMFuzzerTestOneInput((const unsigned char *) text, cut);
		free(text);
		inputs++;
	}
}

int
main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		replay(argv[i]);
	printf("fuzz replay: %d inputs, no crash\n", inputs);
	return 0;
}
