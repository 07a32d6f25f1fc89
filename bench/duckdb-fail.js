// duckdb-fail.js NDJSON CSVGLOB THREADS: DuckDB's time for the share of «2»
// per school and procedure (the aggregation at the heart of eq-lowres), from
// the normalised records and from the CSV exports; prints "ndjson S rows" and
// "csv S rows".
const { DuckDBInstance } = require('@duckdb/node-api');

async function main() {
	const [ndjson, csvglob, threads] = process.argv.slice(2);
	const inst = await DuckDBInstance.create(':memory:', { threads: threads || '2' });
	const con = await inst.connect();
	const agg = (from) => `SELECT school_id, year, procedure, subject, grade, count(*) AS n,
		sum(CASE WHEN mark = 2 THEN 1 ELSE 0 END) AS failed, avg(CASE WHEN mark = 2 THEN 1 ELSE 0 END) AS share
		FROM ${from} GROUP BY ALL`;
	for (const [name, from] of [
		['ndjson', `(SELECT * FROM read_json('${ndjson}', format = 'newline_delimited', union_by_name = true, sample_size = -1) WHERE type = 'result')`],
		['csv', `read_csv('${csvglob}', union_by_name = true)`]]) {
		const t0 = process.hrtime.bigint();
		const r = await con.runAndReadAll(`SELECT count(*) AS groups, sum(n) AS n FROM (${agg(from)})`);
		const t = Number(process.hrtime.bigint() - t0) / 1e9;
		const row = r.getRows()[0];
		console.log(`${name} ${t.toFixed(3)} ${row[0]} ${row[1]}`);
	}
}
main().catch((e) => { console.error(e.message); process.exit(1); });
