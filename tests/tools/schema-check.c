/* schema-check SCHEMA: "valid" or "invalid: reason" for each NDJSON line of
 * stdin, through eq's validator alone (tests compare it with ajv). */
#include <stdio.h>
#include <string.h>

#include "input.h"
#include "json.h"
#include "schema.h"
#include "util.h"

int
main(int argc, char *argv[])
{
	struct schema *s;
	struct input in;
	char *line, err[600];
	size_t len;

	argv0 = "schema-check";
	if (argc != 2)
		die(EQ_USAGE, "usage: schema-check SCHEMA < records");
	s = schema_load(argv[1]);
	if (in_open(&in, "-", 0) < 0)
		return EQ_IO;
	while (in_getline(&in, &line, &len) == LINE_OK) {
		json_error_t je;
		json_t *v = json_loadb(line, len, 0, &je);

		if (!v) {
			printf("unparsable\n");
			continue;
		}
		if (schema_validate(s, v, err, sizeof err) == 0)
			printf("valid\n");
		else
			printf("invalid: %s\n", err);
		json_decref(v);
	}
	in_close(&in);
	schema_free(s);
	return fshut(stdout, "stdout");
}
