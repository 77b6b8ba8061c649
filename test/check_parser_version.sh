#!/bin/sh
# Every change of the parser's output must come with a new parser version
# (GIAR_PARSER_VERSION), which each report records: that is how stored
# reports parsed by an earlier parser are found (giar.is_stale).  The
# fixtures' expected outputs are the parser's output; test/parser_version
# holds the version and the digest of those outputs it was set for.  When
# the digest changes and the version does not, this fails.
set -eu
cd "$(dirname "$0")/.."

version=$(sed -n 's/^#define GIAR_PARSER_VERSION "\(.*\)"$/\1/p' src/core/giar.h)
digest=$(cat test/fixtures/*.expected | sha256sum | cut -d' ' -f1)
read -r recorded_version recorded_digest <test/parser_version

if [ "$digest" = "$recorded_digest" ] && [ "$version" = "$recorded_version" ]; then
	echo "parser version $version: the fixtures' outputs are those it was set for"
	exit 0
fi
if [ "$version" = "$recorded_version" ]; then
	echo "the fixtures' expected outputs changed but the parser version is still $version:" >&2
	echo "raise GIAR_PARSER_VERSION in src/core/giar.h and write" >&2
	echo "  NEW_VERSION $digest" >&2
	echo "into test/parser_version" >&2
	exit 1
fi
if [ "$(printf '%s\n%s\n' "$recorded_version" "$version" | sort -V | tail -1)" != "$version" ]; then
	echo "parser version $version is lower than the recorded $recorded_version" >&2
	exit 1
fi
echo "parser version raised from $recorded_version to $version: write" >&2
echo "  $version $digest" >&2
echo "into test/parser_version" >&2
exit 1
