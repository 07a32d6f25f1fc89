// check.js SCHEMA: "valid" or "invalid" for each NDJSON line of stdin,
// by ajv (draft 2020-12), the reference eq's validator is compared with.
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020");
// strictRequired flags "required" in sub-schemas (if, anyOf) that do not
// repeat "properties": a lint, not a difference in meaning
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: false });
const validate = ajv.compile(JSON.parse(fs.readFileSync(process.argv[2], "utf8")));
const lines = fs.readFileSync(0, "utf8").split("\n").filter((l) => l.length);
for (const line of lines)
	console.log(validate(JSON.parse(line)) ? "valid" : "invalid");
