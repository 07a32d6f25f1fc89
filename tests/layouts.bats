#!/usr/bin/env bats
# The layouts of real exports, as facts written here (never the files):
# the kind of records told by the header, lists of schools, the ФИС ОКО
# context form, РЦОИ protocols of ОГЭ/ЕГЭ.

bats_require_minimum_version 1.5.0

setup() { cd "$BATS_TEST_TMPDIR"; }

@test "no --kind: the kind is the one whose columns the header names most, per file; the source says it" {
	printf 'Код ОО;Наименование ОО;Муниципалитет\ns1;СОШ №1;Энский район\n' > schools.csv
	printf 'Логин ОО;Код участника;Год;Процедура;Предмет;Класс;1;2\ns1;p1;2024;ВПР;Математика;5А;1;0\n' > results.csv
	run -0 eq-ingest schools.csv results.csv
	[ "$(echo "$output" | jq -r 'select(.type == "school") | .municipality')" = "Энский район" ]
	[ "$(echo "$output" | jq -r 'select(.type == "result") | .tasks | length')" = 2 ]
	[ "$(echo "$output" | jq -r 'select(.type == "source") | .kind' | paste -sd,)" = school,result ]
}

@test "no --kind: a file with no header of any kind is rejected whole; its source has kind null" {
	printf 'a;b;c\n1;2;3\n' > none.csv
	run -4 --separate-stderr eq-ingest --rejects rej.ndjson none.csv
	[ "$(echo "$output" | jq -c 'select(.type == "source") | [.kind, .rejected_whole]')" = '[null,true]' ]
	[[ "$stderr" == *"no header with any kind's columns"* ]]
}

@test "--set of a field the inferred kind lacks is said and not applied; of no kind at all, a usage error" {
	printf 'Код ОО;Наименование ОО;Муниципалитет\ns1;СОШ №1;Энский район\n' > schools.csv
	run -0 --separate-stderr eq-ingest --set year=2024 schools.csv
	[[ "$stderr" == *"--set year=2024: school records have no such field; not applied"* ]]
	[ "$(echo "$output" | jq -r 'select(.type == "school") | has("year")')" = false ]
	run -2 eq-ingest --set colour=red schools.csv
	[[ "$output" == *'no kind of record has a field "colour"'* ]]
}

@test "a list of schools «логин; имя; регион»: имя is the school's name and регион its municipality" {
	printf 'логин;имя;регион\nsch224145;МБОУ СОШ №7;г. Алейск\n' > logins.csv
	run -0 eq-ingest logins.csv
	[ "$(echo "$output" | head -1)" = '{"type":"school","school_id":"sch224145","name":"МБОУ СОШ №7","municipality":"г. Алейск"}' ]
}

@test "«регион» beside «Муниципалитет» is the region; «имя» beside «Фамилия» is a pupil's name, dropped" {
	printf 'Логин;Регион;Муниципалитет\ns1;Алтайский край;г. Алейск\n' > a.csv
	run -0 eq-ingest a.csv
	[ "$(echo "$output" | head -1)" = '{"type":"school","school_id":"s1","municipality":"г. Алейск","region":"Алтайский край"}' ]
	printf 'Логин ОО;Код участника;Фамилия;Имя;Год;Процедура;Предмет;Класс;1;2\ns1;p1;Иванов;Иван;2024;ВПР;Математика;5А;1;0\n' > r.csv
	run -0 --separate-stderr eq-ingest r.csv
	[[ "$stderr" == *"dropped columns with personal names: Фамилия, Имя"* ]]
	run grep -c 'Иван' <<< "$output"
	[ "$output" -eq 0 ]
}

# A РЦОИ protocol as the ГИА-11 ones are laid out: a title naming the exam,
# merged-cell gaps, pupils' names and documents, answer strings, footers.
protocol() {
	printf '%s\r\n' \
		';;;;;;;12 - Обществознание 2021.06.15;;;;;;;;;;;' \
		'№;;Код ОО;;Класс;;Фамилия;Имя;Отчество;;Серия;;Номер;;Задания с кратким ответом;;Задания с развёрнутым ответом;;Первичный балл;;Балл;' \
		'1;;111002;;11А;;Петров;Пётр;Петрович;;1111;;222222;;++-2+;;1(2)0(3);;6;;40;' \
		'2;;111002;;11Б;;Сидорова;Анна;Ивановна;;3333;;444444;;+++++;;2(2)3(3);;10;;70;' \
		'3;;111003;;11;;Козлов;Иван;Павлович;;5555;;666666;;+-+-+;;0(2)0(3);;4;;30;' \
		'Средние;;;;;;;;;;;;;;;;;;6,7;;46,7;' \
		'Всего участников;;;;;;;;;;;;;;;;;;3;;;'
}

@test "a protocol: exam and year from its title, answer strings as tasks, footers skipped, names and documents never written" {
	protocol > 'gia11 rus.csv'
	EQ_ID_KEY=$(printf '0123456789abcdef0123456789abcdef' > key && echo "$PWD/key") \
		run -1 --separate-stderr eq-ingest --rejects rej.ndjson 'gia11 rus.csv'
	# procedure from «gia11» in the name, subject and year from the title
	[[ "$stderr" == *"year 2021 (the title), procedure EGE (the file name), subject social_studies (the title)"* ]]
	echo "$output" | jq -c 'select(.type == "task_scheme") | .labels, .max' > scheme
	[ "$(sed -n 1p scheme)" = '["1","2","3","4","5","6","7"]' ]
	[ "$(sed -n 2p scheme)" = '[null,null,null,null,null,2,3]' ]
	# hand-worked: ++-2+ 1(2)0(3) = 1+1+0+2+1 + 1+0 = 6; +++++ 2(2)3(3) = 10
	[ "$(echo "$output" | jq -c 'select(.type == "result") | [.tasks, .primary_score, .test_score, .class_name]' | paste -sd' ')" = \
	  '[[1,1,0,2,1,1,0],6,40,"11А"] [[1,1,1,1,1,2,3],10,70,"11Б"]' ]
	# +-+-+ 0(2)0(3) = 3, not the 4 written: rejected with both numbers, the row not kept
	[ "$(jq -r .reason rej.ndjson)" = 'the task scores add up to 3, the primary score is 4 (the answer strings and the total disagree) (the row is not kept: the file has personal columns)' ]
	[ "$(echo "$output" | jq -c 'select(.type == "source") | [.rows, .accepted, .rejected, .skipped.title, .skipped.footer]')" = '[3,2,1,1,2]' ]
	# pseudonyms: one per pupil, the same under the same key, never a name or a document
	[ "$(echo "$output" | jq -r 'select(.type == "result") | .student_id' | grep -c '^ps-[0-9a-f]\{20\}$')" -eq 2 ]
	for w in Петров Пётр Сидорова Козлов 1111 222222 444444 666666; do
		run grep -c "$w" <<< "$output$stderr$(cat rej.ndjson)"
		[ "$output" -eq 0 ]
	done
}

@test "a pseudonym is the keyed hash of the document: the same under the same key, another under another key" {
	protocol > p.csv
	printf 'a-first-key-0123456789abcdef' > k1
	printf 'another-key-0123456789abcdef' > k2
	ids() { eq-ingest --set procedure=ЕГЭ --id-key "$1" p.csv 2> /dev/null | jq -r 'select(.type == "result") | .student_id'; }
	a=$(ids k1) b=$(ids k1) c=$(ids k2)
	[ "$a" = "$b" ] && [ "$a" != "$c" ]
	# HMAC-SHA256 of the document's series and number (each ended by \x1f), by Python's hmac
	want=$(/usr/bin/python3 -c 'import hmac, hashlib; print(hmac.new(b"a-first-key-0123456789abcdef", "1111\x1f222222\x1f".encode(), hashlib.sha256).hexdigest()[:20])')
	[ "$(echo "$a" | head -1)" = "ps-$want" ]
	# a key too short is refused before anything is read
	printf 'short' > k3
	run -3 eq-ingest --set procedure=ЕГЭ --id-key k3 p.csv
	[[ "$output" == *"a key is 16 to 4096 bytes"* ]]
}

@test "no key file yet: one is made (mode 0600) where the user keeps it, and said" {
	protocol > p.csv
	HOME=$PWD/home XDG_CONFIG_HOME= EQ_ID_KEY= run -1 --separate-stderr eq-ingest --set procedure=ЕГЭ p.csv
	[ -f home/.config/eq/id-key ]
	[ "$(stat -c %a home/.config/eq/id-key)" = 600 ]
	[[ "$stderr" == *"a new key for pseudonymous student ids was written to $PWD/home/.config/eq/id-key"* ]]
	HOME=$PWD/home XDG_CONFIG_HOME= EQ_ID_KEY= run -1 --separate-stderr eq-ingest --set procedure=ЕГЭ p.csv
	[[ "$stderr" != *"a new key"* ]]
}

@test "two exams in one sheet: each pupil gets the subject of its block; the repeated header is not a warning" {
	/usr/bin/python3 - <<'PY'
import xlwt
wb = xlwt.Workbook(); ws = wb.add_sheet("Page 1")
hdr = ["№", "Код ОО", "Класс", "", "Код ППЭ", "Фамилия", "Имя", "Отчество", "Задания с кратким ответом", "", "Задания с развёрнутым ответом", "Первичный балл", "", "Оценка"]
rows = [["Протокол проверки результатов"], ["20 - Чеченская Республика"], ["12 - Обществознание 2026.07.03"], [], hdr,
        [1, "9306", "9А", "", "1003", "Ф", "И", "О", "++-+2", "", "1(2)2(3)", 8, "", 4],
        ["Средние"], ["04 - Химия 2026.07.03"], [], hdr,
        [1, "9317", "9Б", "", "1003", "Ф", "И", "О", "+++", "", "0(3)", 3, "", 3]]
for i, r in enumerate(rows):
    for j, v in enumerate(r):
        if v != "": ws.write(i, j, v)
wb.save("regional_oge.xls")
PY
	EQ_ID_KEY=$(printf '0123456789abcdef0123456789abcdef' > key && echo "$PWD/key") \
		run -0 --separate-stderr eq-ingest regional_oge.xls
	[ "$(echo "$output" | jq -c 'select(.type == "result") | [.procedure, .subject, .grade, .tasks, .primary_score]' | paste -sd' ')" = \
	  '["OGE","social_studies",9,[1,1,0,1,2,1,2],8] ["OGE","chemistry",9,[1,1,1,0],3]' ]
	[ "$(echo "$output" | jq -c 'select(.type == "task_scheme") | [.subject, (.labels | length)]' | paste -sd' ')" = '["social_studies",7] ["chemistry",4]' ]
	[ "$(echo "$output" | jq -c 'select(.type == "source") | [.rows, .accepted, .skipped.title, .skipped.blank, .skipped.header_again, .skipped.footer]')" = '[2,2,4,2,1,1]' ]
	[[ "$stderr" != *"the header again"* ]]
}

@test "a protocol of appeals is recognised and its rows skipped by name, not read as results" {
	printf '%s\n' ';;;;;;;12 - Обществознание 2021.06.15;;;' \
		'№;Код ОО;Класс;Фамилия;Документ;Тип апелляции / перепроверки;Балл до изменения;Текущие;;Разница' \
		';;;;;;;Первичный балл;Балл;' \
		'1;111002;11;Иванов;1111 222222;Апелляция на результат;41;22;42;1' > rechecking.csv
	run -0 --separate-stderr eq-ingest rechecking.csv
	[ "$(echo "$output" | jq -c '[.kind, .rows, .skipped.appeal, .skipped.title]')" = '[null,0,2,1]' ]
	[[ "$stderr" == *'a protocol of appeals (column "Тип апелляции / перепроверки")'* ]]
}

@test "the ФИС ОКО context form: a school record with locality from the numbered answer; the director's name dropped" {
	/usr/bin/python3 - <<'PY'
import openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Сбор контекстных данных об ОО и"
ws.append(["логин", "Код региона", "Название ОО", "ФИО директора (полностью)", "Где расположена Ваша образовательная организация?", "Укажите количество обучающихся в ОО в 2020/2021 учебном году (в сумме по всем классам)"])
ws.append(["sch1", 22, "МБОУ СОШ №1", "Директорова Мария Ивановна", "4. Населенный пункт сельского типа (село, хутор, деревня и пр.)", 89])
ws.append(["sch2", 22, "МБОУ СОШ №2", "Директоров Пётр Ильич", "1. Столица субъекта РФ", 900])
ws.append(["sch3", 22, "МБОУ СОШ №3", "Директоров Иван Ильич", "3. Населенный пункт городского типа (рабочий поселок, поселок городского типа и пр.)", 300])
ws.append(["sch4", 22, "МБОУ СОШ №4", "Директоров Олег Ильич", "5. Другое", 30])
wb.save("context.xlsx")
PY
	run -1 --separate-stderr eq-ingest --rejects rej.ndjson context.xlsx
	[ "$(echo "$output" | jq -c 'select(.type == "school") | [.school_id, .locality, .region]' | paste -sd' ')" = \
	  '["sch1","rural","22"] ["sch2","urban","22"] ["sch3","urban","22"]' ]
	# every cell of a file with personal columns is scrubbed from a reason
	[[ "$(jq -r .reason rej.ndjson)" == *'unknown locality "…"'* ]]
	run grep -c 'Директор' <<< "$output$stderr$(cat rej.ndjson)"
	[ "$output" -eq 0 ]
}

@test "«code | name» cells of the ФИС ОКО form: the code for an id, the name otherwise" {
	printf 'Пользователь;Муниципалитет;Школа\nedu1;reg22_m010 | Ельцовский муниципальный район;edu1 | МКОУ Мартыновская СОШ\n' > k.csv
	run -0 eq-ingest k.csv
	[ "$(echo "$output" | head -1)" = '{"type":"school","school_id":"edu1","name":"МКОУ Мартыновская СОШ","municipality":"Ельцовский муниципальный район"}' ]
}

@test "the report's table of sources counts every row skipped by a rule, footers included; a file with no header is «не определён»" {
	protocol > p.csv
	printf 'a;b\n' > none.csv
	{ EQ_ID_KEY=$(printf '0123456789abcdef0123456789abcdef' > key && echo "$PWD/key") \
		eq-ingest --set procedure=ЕГЭ p.csv none.csv 2> /dev/null || true
	  echo '{"type":"school","school_id":"111002","municipality":"М"}'; } |
		eq-normalize 2> /dev/null | eq-lowres 2> /dev/null | eq-report --skip shnsu,objectivity,recommendations --format md > report.md 2> /dev/null
	# 3 pupils: 2 accepted, 1 rejected; skipped: the title and the 2 footers
	grep -qxF '| p.csv | результаты участников | 3 | 2 | 1 | 3 |' report.md
	grep -qxF '| none.csv — не принят | не определён | 0 | 0 | 0 | 0 |' report.md
}

@test "a two-row header (a form's «Баллы за задания» over «1\\n2б»): tasks and maxima from the second row; a form's unfilled lines skipped; «Присутствие: НЕТ» is absent" {
	/usr/bin/python3 - <<'PY'
import openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "РЕЗУЛЬТАТЫ"
ws.append(["РЕЗУЛЬТАТЫ ВЫПОЛНЕНИЯ РАБОТЫ ДЛЯ 1 КЛАССА"])
ws.append(["№ п/п", "Фамилия", "Имя", "Класс", "Присутствие", "Баллы за задания", None, None, "SchoolID"])
ws.append([None, None, None, None, None, "1\n2б", "2\n1б", "3\n3б", None])
ws.merge_cells("F2:H2")
ws.append([1, "Иванов", "Пётр", "1А", "ДА", 2, 1, 3, "s1"])
ws.append([2, "Петров", "Иван", "1А", "НЕТ", None, None, None, "s1"])
ws.append([3, "Сидоров", "Олег", "1Б", "ДА", 3, 0, 0, "s1"])
ws.append([4, None, None, None, None, None, None, None, "s1"])
ws.append([5, None, None, None, None, None, None, None, "s1"])
wb.save("form.xlsx")
PY
	printf 'abcdefghijklmnopqrstuvwxyz012345' > key
	run -1 --separate-stderr eq-ingest --id-key key --rejects rej.ndjson --set year=2025 --set procedure=DR --set subject=math form.xlsx
	[ "$(echo "$output" | jq -c 'select(.type == "task_scheme") | [.grade, .labels, .max]')" = '[1,["1","2","3"],[2,1,3]]' ]
	[ "$(echo "$output" | jq -c 'select(.type == "result") | [.class_name, .tasks, .absent]')" = '["1А",[2,1,3],null]
["1А",null,true]' ]
	# the third pupil's 3 is above task 1's maximum 2 (from «1\n2б»)
	[[ "$(jq -r .reason rej.ndjson)" == *"3 is above the task's maximum 2 (the row is not kept"* ]]
	[ "$(echo "$output" | jq -c 'select(.type == "source") | [.rows, .accepted, .rejected, .skipped.unfilled]')" = '[3,2,1,2]' ]
	run grep -c -e Иванов -e Пётр -e Петров -e Сидоров -e Олег rej.ndjson
	[ "$output" -eq 0 ]
	[[ "$stderr" != *Иванов* && "$stderr" != *Сидоров* ]]
}

@test "a second header row under a label of percentages («Распределение групп баллов в %» over 2 3 4 5) is never read as counts" {
	/usr/bin/python3 - <<'PY'
import openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Статистика по отметкам"
ws.append(["ВПР 2024 Математика 5 класс"])
ws.append(["Логин ОО", "Кол-во участников", "Распределение групп баллов в %", None, None, None])
ws.append([None, None, "2", "3", "4", "5"])
ws.merge_cells("C2:F2")
ws.append(["s1", 50, 12.0, 40.0, 38.0, 10.0])
ws.append(["s2", 20, 5.0, 45.0, 35.0, 15.0])
wb.save("stat.xlsx")
PY
	run -4 --separate-stderr eq-ingest --rejects rej.ndjson stat.xlsx
	[[ "$stderr" == *'the columns under "Распределение групп баллов в %" hold percentages, not counts: not read'* ]]
	# no counts of marks: each school's row lacks them, and says so
	[ "$(echo "$output" | jq -c 'select(.type == "school_result")')" = "" ]
	[ "$(jq -r .reason rej.ndjson | sort -u)" = "needs the counts of marks (mark2..mark5) or participants and failed" ]
	[ "$(wc -l < rej.ndjson)" -eq 2 ]
}

@test "a row of data under a header is never taken for its second row, nor a form's empty line with «-» made by a formula" {
	/usr/bin/python3 - <<'PY'
import openpyxl
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["Логин ОО", "Код участника", "Год", "Процедура", "Предмет", "Класс", "1", "2", "Примечание"])
ws.append(["s1", "p1", 2024, "ВПР", "Математика", "5А", 1, 0, None])
ws.append([None, None, None, None, None, None, None, None, "-"])
wb.save("plain.xlsx")
PY
	run -0 --separate-stderr eq-ingest plain.xlsx
	[ "$(echo "$output" | jq -c 'select(.type == "result") | [.student_id, .tasks]')" = '["p1",[1,0]]' ]
	[ "$(echo "$output" | jq -c 'select(.type == "source") | [.rows, .accepted, .skipped.unfilled]')" = '[1,1,1]' ]
}

@test "a ВсОШ school-stage protocol, a sheet per subject: stage, year, subject and maximum from the title; status победитель/призёр/участник; no name or birth date written" {
	/usr/bin/python3 - <<'PY'
import openpyxl, datetime
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Математика"
ws.append(["Протокол результатов школьного этапа всероссийской олимпиады школьников по математике"])
ws.append(["2024/2025 учебный год"])
ws.append(["Максимальный балл: 35"])
ws.append(["№ п/п", "Шифр участника", "Фамилия", "Имя", "Отчество", "Дата рождения", "Класс", "Код ОО",
           "1", "2", "3", "4", "5", "Итоговый балл", "Статус"])
ws.append([1, "М-7-01", "Кузнецова", "Мария", "Игоревна", datetime.date(2011, 3, 14), "7А", "s1", 7, 7, 7, 5, 4, 30, "Победитель"])
ws.append([2, "М-7-02", "Орлов", "Денис", "Петрович", datetime.date(2011, 8, 2), "7Б", "s1", 7, 7, 3, 2, 0, 19, "Призёр"])
ws.append([3, "М-8-01", "Белов", "Антон", "Ильич", datetime.date(2010, 1, 30), "8А", "s2", 2, 1, 0, 0, 0, 3, "Участник"])
ws = wb.create_sheet("Русский язык")
ws.append(["Протокол школьного этапа всероссийской олимпиады школьников по русскому языку 2024-2025 уч. год"])
ws.append(["№", "Фамилия", "Имя", "Отчество", "Класс", "Код ОО", "Баллы", "Статус (победитель/призёр/участник)"])
ws.append([1, "Кузнецова", "Мария", "Игоревна", "7А", "s1", 41, "призер"])
ws.append([2, "Белов", "Антон", "Ильич", "8А", "s2", 12, "участник"])
wb.save("vsosh.xlsx")
PY
	printf 'abcdefghijklmnopqrstuvwxyz012345' > key
	run -0 --separate-stderr eq-ingest --id-key key vsosh.xlsx
	[ "$(echo "$output" | jq -c 'select(.type == "olympiad") | [.year, .stage, .subject, .school_id, .student_id[:3], .grade, .score, .max_score, .status]')" = \
'[2024,"school","math","s1","М-7",7,30,35,"winner"]
[2024,"school","math","s1","М-7",7,19,35,"prizer"]
[2024,"school","math","s2","М-8",8,3,35,"participant"]
[2024,"school","russian","s1","ps-",7,41,null,"prizer"]
[2024,"school","russian","s2","ps-",8,12,null,"participant"]' ]
	# the pupil of a protocol with no code: HMAC-SHA256 of name and school, by Python's hmac
	want=$(/usr/bin/python3 -c 'import hmac, hashlib; print(hmac.new(b"abcdefghijklmnopqrstuvwxyz012345", "кузнецова\x1fмария\x1fигоревна\x1fs1".encode(), hashlib.sha256).hexdigest()[:20])')
	[ "$(echo "$output" | jq -r 'select(.type == "olympiad" and .subject == "russian") | .student_id' | head -1)" = "ps-$want" ]
	[[ "$stderr" == *"[Математика]: read from the file itself: year 2024 (the title), subject math (the title), stage school (the title), max_score 35 (the title)"* ]]
	[[ "$stderr" == *"dropped columns with personal names: Фамилия, Имя, Отчество, Дата рождения"* ]]
	run grep -c -e Кузнецова -e Мария -e Орлов -e Белов -e 2011 -e 14.03 <<< "$output$stderr"
	[ "$output" = 0 ]
}

@test "the names of the ~95 sibling ВПР files (2020–2022, every subject and grade): year, subject, grade and procedure read from each path as a person reads it" {
	n=0
	while IFS=$'\t' read -r path year subject grade; do
		case $path in '#'*) continue ;; esac
		mkdir -p "$(dirname "$path")"
		printf 'логин школы;код обучающегося;вариант;всего баллов;балл за 1\ns1;p1;1;1;1\n' > "$path"
		got=$(eq-ingest "$path" 2> /dev/null | jq -r 'select(.type == "result") | "\(.year) \(.procedure) \(.subject) \(.grade)"')
		[ "$got" = "$year VPR $subject $grade" ] || { echo "$path: $got"; false; }
		n=$((n + 1))
	done < "$EQ_TOP/tests/layouts/vpr-siblings.tsv"
	[ "$n" -eq 95 ]
}
