#!/usr/bin/env bats
# Real exports nobody on this project wrote (../shared/real, never copied
# here): each goes through eq-ingest | eq-normalize as delivered, with no
# --set, and its account agrees with counts made independently of eq by
# openpyxl (Debian's python3): the rows below the header, the pupils whose
# task scores do not add up to their total, the tasks of the work.

bats_require_minimum_version 1.5.0

setup() {
	REAL=$(cd "$EQ_TOP/.." && pwd)/shared/real
	[ -d "$REAL" ] || skip "no ../shared/real here (CI has it)"
	cd "$BATS_TEST_TMPDIR"
}

# FILE SHEET TOTAL-HEADER: rows below the header with any cell, the rows
# whose numeric task cells do not add up to TOTAL (absentees aside), and
# the task columns that hold a score in some row
count() {
	/usr/bin/python3 - "$@" <<'PY'
import openpyxl, re, sys
path, sheet, total = sys.argv[1], sys.argv[2], sys.argv[3]
wb = openpyxl.load_workbook(path, read_only=True)
ws = wb[sheet] if sheet else wb.worksheets[0]
rows = ws.iter_rows(values_only=True)
hdr = [str(h).strip() if h is not None else "" for h in next(rows)]
task = re.compile(r"^(балл за \d+|\d+(\.\d+|\(\d+\))? \(\d+б\)|a-\d+-grade)$")
ti = [i for i, h in enumerate(hdr) if task.match(h)]
ci = hdr.index(total)
n = bad = 0
used = set()
def num(v):
    try: return float(str(v).replace(",", "."))
    except ValueError: return None
for r in rows:
    if not any(c not in (None, "") for c in r): continue
    n += 1
    vals = [(i, num(r[i])) for i in ti if i < len(r) and r[i] not in (None, "")]
    used.update(i for i, v in vals if v is not None)
    t = num(r[ci]) if ci < len(r) and r[ci] is not None else None
    if t is None: continue
    if abs(sum(v for i, v in vals if v is not None) - t) > 1e-9: bad += 1
print(n, bad, len(used))
PY
}

# FILE: eq's account of the file (rows accepted rejected) and the most tasks of a record
eq_count() {
	eq-ingest --kind result "$1" 2> err | eq-normalize > out 2>> err || true
	echo "$(jq -r 'select(.type == "source" and .rows > 0) | "\(.rows) \(.accepted) \(.rejected)"' out) $(jq -s 'map(select(.type == "result") | .tasks | length) | max' out)"
}

@test "ВПР 2021, the regional table (26 139 pupils): every row accounted for, only the totals that do not add up rejected" {
	f="$REAL/altai-vpr/2021/5/Проведение работы по математике, 5 класс. ВПР 2021.xlsx"
	read -r rows bad tasks <<< "$(count "$f" "" "всего баллов")"
	read -r erows acc rej etasks <<< "$(eq_count "$f")"
	echo "openpyxl: $rows rows, $bad totals off, $tasks tasks; eq: $erows rows, $acc accepted, $rej rejected, $etasks tasks"
	[ "$erows" -eq "$rows" ] && [ "$rej" -eq "$bad" ] && [ $((acc + rej)) -eq "$rows" ] && [ "$etasks" -eq "$tasks" ]
	grep -q 'year 2021 (the file name), procedure VPR (the file name), subject math (the file name), grade 5 (the file name)' err
	# the journal mark is read (the marks-mismatch sign needs it)
	[ "$(grep -c '"journal_mark"' out)" -gt 20000 ]
}

@test "ВПР 2022, the school form: the protocol sheet, subtasks 1(1) as tasks, nothing rejected" {
	for f in "$REAL/altai-vpr/2022/11/Биология.xlsx" "$REAL/altai-vpr/2022/5/Математика.xlsx"; do
		read -r rows bad tasks <<< "$(count "$f" "Протокол" "Итого баллов")"
		read -r erows acc rej etasks <<< "$(eq_count "$f")"
		echo "$f: openpyxl: $rows rows, $tasks tasks; eq: $erows rows, $acc accepted, $rej rejected, $etasks tasks"
		[ "$erows" -eq "$rows" ] && [ "$acc" -eq "$rows" ] && [ "$etasks" -eq "$tasks" ]
	done
}

@test "ВПР 2020, the raw ФИС ОКО export: read with year, grade and procedure from the path, every row accounted for" {
	for f in "$REAL/altai-vpr/2020/7/"*.xlsx; do
		read -r rows bad tasks <<< "$(count "$f" "" "sum")"
		read -r erows acc rej etasks <<< "$(eq_count "$f")"
		echo "$f: openpyxl: $rows rows, $bad totals off, $tasks tasks; eq: $erows rows, $acc accepted, $rej rejected, $etasks tasks"
		[ "$erows" -eq "$rows" ] && [ "$rej" -eq "$bad" ] && [ $((acc + rej)) -eq "$rows" ]
		# 40 fixed task slots, most of them empty in every row: those are not tasks
		[ "$etasks" -eq "$tasks" ]
	done
}
