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

@test "the ФИС ОКО context form: a school record per login, the locality its numbered answer says, no director's name anywhere" {
	f="$REAL/schools/Сбор контекстных данных об ОО и участниках ВПР 2021.xlsx"
	/usr/bin/python3 - "$f" > want 3> names <<'PY'
import openpyxl, sys, os
ws = openpyxl.load_workbook(sys.argv[1], read_only=True).worksheets[0]
rows = ws.iter_rows(values_only=True)
hdr = list(next(rows))
login, where, boss = hdr.index("логин"), hdr.index("Где расположена Ваша образовательная организация?"), hdr.index("ФИО директора (полностью)")
n = rural = urban = 0
names = os.fdopen(3, "w")
for r in rows:
    if not r[login]: continue
    n += 1
    a = str(r[where] or "")
    rural += a.startswith("4.")
    urban += a[:2] in ("1.", "2.", "3.")
    if r[boss]: names.write(str(r[boss]) + "\n")
print(n, rural, urban)
PY
	eq-ingest --rejects rej "$f" 2> err | eq-normalize > out 2>> err
	read -r n rural urban < want
	echo "openpyxl: $n schools, $rural rural, $urban urban; eq: $(jq -c 'select(.type == "source")' out)"
	[ "$(jq -c 'select(.type == "source") | [.kind, .rows, .accepted]' out)" = "[\"school\",$n,$n]" ]
	[ "$(jq -r 'select(.type == "school" and .locality == "rural") | .school_id' out | wc -l)" -eq "$rural" ]
	[ "$(jq -r 'select(.type == "school" and .locality == "urban") | .school_id' out | wc -l)" -eq "$urban" ]
	[ "$(wc -l < names)" -gt 700 ]
	run grep -c -F -f names out err rej
	[ "$status" -eq 1 ]
}

@test "the region's list of schools: name and municipality of each, as openpyxl reads them" {
	f="$REAL/schools/logins.xlsx"
	/usr/bin/python3 - "$f" > want <<'PY'
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1], read_only=True).worksheets[0]
rows = ws.iter_rows(values_only=True)
next(rows)
for r in rows:
    if r[0]: print("\t".join(str(c).strip() for c in r[:3]))
PY
	eq-ingest "$f" 2> err | eq-normalize 2>> err | jq -r 'select(.type == "school") | [.school_id, .name, .municipality] | @tsv' > got
	[ "$(wc -l < want)" -eq 692 ]
	diff want got
}

@test "РЦОИ protocols of ЕГЭ (CSV): pupils, footers, answer strings and totals counted by Python's csv, independently of eq" {
	for f in "$REAL"/gia11-protocols/*.csv; do
		/usr/bin/python3 - "$f" > want 3> names <<'PY'
import csv, os, re, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig"), delimiter=";"))
names = os.fdopen(3, "w")
hi = next((i for i, r in enumerate(rows) if "Первичный балл" in r and "№" in r), None)
if hi is None or any("апелляц" in c.lower() for c in rows[hi]):
    print("none"); sys.exit()
h = rows[hi]
short = [i for i, c in enumerate(h) if c in ("Задания с кратким ответом", "Часть с кратким ответом")]
crit = [i for i, c in enumerate(h) if c in ("Задания с развёрнутым ответом", "Часть с развёрнутым ответом", "Устная часть")]
personal = [i for i, c in enumerate(h) if c in ("Фамилия", "Имя", "Отчество", "Документ", "Серия", "Номер")]
total = h.index("Первичный балл")
pupils = bad = footers = 0
first = None
for r in rows[hi + 1:]:
    if r and r[0] in ("Средние", "Минимальная граница", "Всего участников"):
        footers += 1; continue
    if not r or not r[0].isdigit(): continue
    pupils += 1
    for i in personal:
        if len(r[i]) > 3: names.write(r[i] + "\n")
    counts, s = [], 0
    for i in short:
        counts.append(len(r[i])); s += sum(1 if ch == "+" else int(ch) if ch.isdigit() else 0 for ch in r[i])
    for i in crit:
        pairs = re.findall(r"(\d+)\((\d+)\)", r[i]); counts.append(len(pairs)); s += sum(int(a) for a, b in pairs)
    if first is None: first = counts
    if counts != first or s != int(r[total]): bad += 1
print(pupils, pupils - bad, bad, footers)
PY
		eq-ingest --rejects rej "$f" 2> err | eq-normalize > out 2>> err || true
		got=$(jq -r 'select(.type == "source") | "\(.rows) \(.accepted) \(.rejected) \(.skipped.footer)"' out)
		echo "$(basename "$f"): python: $(cat want); eq: $got"
		if [ "$(cat want)" = none ]; then
			# no header (head2.csv: the data under a title only), or appeals
			[ "$(jq -r 'select(.type == "source") | .accepted' out)" -eq 0 ]
		else
			[ "$got" = "$(cat want)" ]
		fi
		[ ! -s names ] || { run grep -c -F -f names out err rej; [ "$status" -eq 1 ]; }
	done
}

@test "the ОГЭ protocol (.xls): two exams in one sheet, each pupil under its own; totals that do not add up rejected with both numbers; no name written" {
	f="$REAL/oge-protocol/regional_oge_multi.xls"
	"$EQ_TOOLS/tests/xls-cells" "$f" > cells
	# the names: the cells of the columns headed Фамилия, Имя, Отчество
	awk -F'\t' '/^№\t/ { for (i = 1; i <= NF; i++) p[i] = ($i == "Фамилия" || $i == "Имя" || $i == "Отчество"); next }
	            /^[0-9]+\t/ { for (i in p) if (p[i] && $i != "") print $i }' cells > names
	[ "$(wc -l < names)" -eq 6 ]
	eq-ingest --rejects rej "$f" 2> err | eq-normalize > out 2>> err || true
	# hand-worked from the cells: ++++++++++2+++++ and 1(2)2(3)2(2) give 17 + 5 = 22 (27 written);
	# +++2++++ and 0(3)0(3) give 9 (22 written)
	[ "$(jq -r .reason rej | cut -d'(' -f1 | paste -sd'|')" = 'the task scores add up to 22, the primary score is 27 |the task scores add up to 9, the primary score is 22 ' ]
	grep -q 'subject social_studies (the title)' err
	grep -q 'subject chemistry (the title)' err
	[ "$(jq -c 'select(.type == "source") | [.rows, .rejected, .skipped.footer, .skipped.header_again]' out)" = '[2,2,1,1]' ]
	run grep -c -F -f names out err rej
	[ "$status" -eq 1 ]
}

@test "the grade-1 form: tasks and maxima from its two-row header, its 300 unfilled lines skipped, its hidden list of schools read; no year, said" {
	f="$REAL/grade1-form/1_кл_Формы для внес. результатов.xlsx"
	# openpyxl: the labels under «Баллы за задания» («1\n3б»), the numbered lines
	# with nothing but their number and formulas, and the list of schools
	/usr/bin/python3 - "$f" > want <<'PY'
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["РЕЗУЛЬТАТЫ"]
labels = [c.value for c in ws[3] if isinstance(c.value, str)]
print(",".join(l.split("\n")[0] for l in labels))
print(",".join(l.split("\n")[1].rstrip("б") for l in labels))
unfilled = sum(1 for r in ws.iter_rows(min_row=4, values_only=True)
               if all(v in (None, "") for v in r[1:14]))
print(unfilled)
t = wb["ТАБЛИЦА"]
for r in t.iter_rows(min_row=2, values_only=True):
    if r[0] not in (None, ""): print(r[0], r[1], sep="\t")
PY
	printf 'abcdefghijklmnopqrstuvwxyz012345' > key
	run -4 --separate-stderr eq-ingest --id-key key "$f"
	[ "$(echo "$output" | jq -r 'select(.type == "source" and (.file | endswith("[РЕЗУЛЬТАТЫ]"))) | .skipped.unfilled')" = "$(sed -n 3p want)" ]
	[[ "$stderr" == *"[РЕЗУЛЬТАТЫ]:3: year: no column, and neither the title, the sheet's name nor the file name says it"* ]]
	[ "$(echo "$output" | jq -r 'select(.type == "school") | [.school_id, .name] | @tsv')" = "$(tail -n +4 want)" ]
	# the form filled in as a school would (a copy here): one pupil, full marks
	/usr/bin/python3 - "$f" <<'PY' 2> /dev/null
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["РЕЗУЛЬТАТЫ"]
maxima = [int(c.value.split("\n")[1].rstrip("б")) for c in ws[3] if isinstance(c.value, str)]
for col, v in zip("BCDEF", ["Тестова", "Анна", "Сергеевна", "1А", "ДА"]): ws[col + "4"] = v
for k, m in enumerate(maxima): ws.cell(row=4, column=7 + k, value=m)
ws["P4"] = "0001"
wb.save("filled.xlsx")
PY
	run -1 --separate-stderr eq-ingest --id-key key --sheet РЕЗУЛЬТАТЫ --set year=2019 --set procedure=DR --set subject=math filled.xlsx
	[ "$(echo "$output" | jq -c 'select(.type == "result") | [.school_id, .class_name, (.tasks | add)]')" = "[\"0001\",\"1А\",$(sed -n 2p want | tr , + | bc)]" ]
	[ "$(echo "$output" | jq -r 'select(.type == "source") | [.accepted, .skipped.unfilled] | @tsv')" = "1	$(( $(sed -n 3p want) - 1 ))" ]
	[ "$(echo "$output" | jq -r 'select(.type == "task_scheme") | .labels | join(",")')" = "$(sed -n 1p want)" ]
	[ "$(echo "$output" | jq -r 'select(.type == "task_scheme") | .max | join(",")')" = "$(sed -n 2p want)" ]
	[ "$(echo "$output" | jq -r 'select(.type == "task_scheme") | .grade')" = 1 ]
	run grep -c -e Тестова -e Анна -e Сергеевна <<< "$output$stderr"
	[ "$output" = 0 ]
}

@test "every real file goes through eq-ingest FILE | eq-normalize as delivered, with no --set: the account of each" {
	export EQ_ID_KEY="$BATS_TEST_TMPDIR/key"
	printf '0123456789abcdef0123456789abcdef' > "$EQ_ID_KEY"
	: > table
	while IFS= read -r f; do
		eq-ingest "$f" 2> err | eq-normalize > out 2> nerr
		# eq-normalize never rejects what eq-ingest wrote
		run grep -c 'rejected' nerr
		[ "$output" -eq 0 ]
		jq -r --arg f "${f#"$REAL"/}" 'select(.type == "source") | [$f, .kind // "—", .rows, .records, .rejected,
		    (.skipped | to_entries | map(select(.value > 0) | "\(.key) \(.value)") | join(", ")), .rejected_whole] | @tsv' out >> table
	done < <(find "$REAL" -type f \( -name '*.xlsx' -o -name '*.xls' -o -name '*.csv' \) | sort)
	cat table
	[ "$(wc -l < table)" -ge 18 ]
	# rejected whole, each for a reason of its own: head2.csv has no header (its
	# columns are named nowhere); the grade-1 form is an empty template that
	# names no year (its only row not unfilled is a row of zeros, with no
	# pupil's name, rejected); in eng, head, rus and the ОГЭ .xls
	# (placeholder values) every pupil's answers disagree with the total,
	# as the tests above count independently
	[ "$(awk -F'\t' '$7 == "true" { print $1 }' table | sort -u | paste -sd,)" = \
	  "gia11-protocols/eng.csv,gia11-protocols/head.csv,gia11-protocols/head2.csv,gia11-protocols/rus.csv,grade1-form/1_кл_Формы для внес. результатов.xlsx,oge-protocol/regional_oge_multi.xls" ]
}
