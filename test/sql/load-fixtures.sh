#!/bin/sh
# Writes psql commands that load every fixture report and its .expected
# file into the temp table "fixture" (used by the regression tests).
for f in test/fixtures/*.txt; do
	name=$(basename "$f" .txt)
	[ -f "test/fixtures/$name.expected" ] || continue
	echo "\\set body \`cat '$f'\`"
	echo "\\set exp \`cat 'test/fixtures/$name.expected'\`"
	echo "INSERT INTO fixture VALUES ('$name', :'body', :'exp');"
done
