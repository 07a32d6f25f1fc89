#!/usr/bin/env bats
# Workbooks read as delivered (.xlsx through libzip and expat, .xls through
# FreeXL): every sheet, the data sheet found by its header, positions as
# FILE[SHEET]:ROW, the same records as the same table saved as CSV. The
# fixtures are written here by openpyxl and xlwt (Debian's /usr/bin/python3), independently of
# eq; they hold the facts of a layout, never a real export.

bats_require_minimum_version 1.5.0

setup() { cd "$BATS_TEST_TMPDIR"; }

# A workbook like the ФИС ОКО school form: a first sheet of something else,
# then the protocol with a title row above its header, shared strings and
# inline ones, numbers, a cell with a line break in a column eq ignores.
make_book() { # FILE.xlsx | FILE.xls
	/usr/bin/python3 - "$1" <<'PY'
import sys
rows = [
    ["ВПР 2024. Математика, 5 класс"],
    ["Логин ОО", "Код участника", "Год", "Процедура", "Предмет", "Класс", "1", "2", "3 (2б)", "Примечание"],
    ["s1", "p1", 2024, "ВПР", "Математика", "5А", 1, 0, 2, "строка\nвторая"],
    ["s1", "p2", 2024, "ВПР", "Математика", "5Б", 0, 1, 1.5, None],
    [],
    ["s2", "p3", 2024, "ВПР", "Математика", "5А", 1, 1, 0, None],
]
path = sys.argv[1]
if path.endswith(".xlsx"):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Классы"
    ws.append(["Класс", "Участников"])
    ws.append(["5А", 2])
    ws = wb.create_sheet("Протокол")
    for r in rows:
        ws.append(r)
    wb.save(path)
else:
    import xlwt
    wb = xlwt.Workbook()
    ws = wb.add_sheet("Классы")
    ws.write(0, 0, "Класс"); ws.write(0, 1, "Участников"); ws.write(1, 0, "5А"); ws.write(1, 1, 2)
    ws = wb.add_sheet("Протокол")
    for i, r in enumerate(rows):
        for j, v in enumerate(r):
            if v is not None:
                ws.write(i, j, v)
    wb.save(path)
PY
}

records() { grep -v -e '"type":"source"' -e '"type":"task_scheme"' "$@"; }

@test "xlsx: the protocol sheet is found by its header; the same records as the CSV of the same table" {
	make_book b.xlsx
	run eq-ingest --kind result b.xlsx
	[ "$status" -eq 0 ]
	echo "$output" | grep '^{' > out
	[ "$(records out | jq -r .student_id | tr '\n' ' ')" = "p1 p2 p3 " ]
	[ "$(records out | jq -c .tasks | tr '\n' ' ')" = "[1,0,2] [0,1,1.5] [1,1,0] " ]
	# each sheet's account: the first has no header (2 rows), the second 3 rows and a
	# title (an empty row is not stored in a workbook: nothing to count)
	[ "$(jq -c 'select(.type == "source") | [.file, .rows, .accepted, .skipped.title, .skipped.blank, .skipped.no_header]' out | tr '\n' ' ')" = \
	  '["b.xlsx[Классы]",0,0,0,0,2] ["b.xlsx[Протокол]",3,3,1,0,0] ' ]
	# the same table as CSV
	printf 'ВПР 2024. Математика, 5 класс\nЛогин ОО;Код участника;Год;Процедура;Предмет;Класс;1;2;3 (2б);Примечание\ns1;p1;2024;ВПР;Математика;5А;1;0;2;"строка\nвторая"\ns1;p2;2024;ВПР;Математика;5Б;0;1;1,5;\n\ns2;p3;2024;ВПР;Математика;5А;1;1;0;\n' > b.csv
	eq-ingest --kind result b.csv 2> /dev/null > csv.out
	diff <(records out) <(records csv.out)
}

@test "xlsx: --sheet by name or number; rows are named FILE[SHEET]:ROW" {
	make_book b.xlsx
	run eq-ingest --kind result --sheet Протокол b.xlsx
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | grep -c '"type":"result"')" -eq 3 ]
	run eq-ingest --kind result --sheet 1 b.xlsx
	[ "$status" -eq 4 ]
	[[ "$output" == *"b.xlsx[Классы]"*"no header with result columns"* ]]
	run eq-ingest --kind result --sheet Итоги b.xlsx
	[ "$status" -eq 4 ]
	[[ "$output" == *'no sheet "Итоги" (the workbook has 2)'* ]]
	# a bad value: its position is the sheet's row, as Excel numbers it
	/usr/bin/python3 -c "
import openpyxl
wb = openpyxl.load_workbook('b.xlsx'); ws = wb['Протокол']; ws['H4'] = 'семь'; wb.save('c.xlsx')"
	run eq-ingest --kind result c.xlsx
	[ "$status" -eq 1 ]
	[[ "$output" == *'c.xlsx[Протокол]:4: task 2 (column "2"): "семь" is not a score'* ]]
}

@test "xls (BIFF, FreeXL): the same records as the xlsx" {
	make_book b.xlsx
	make_book b.xls
	eq-ingest --kind result b.xlsx 2> /dev/null | records > x.out
	eq-ingest --kind result b.xls 2> /dev/null | records > xls.out
	[ -s x.out ]
	diff x.out xls.out
}

@test "a workbook that is not one, or a broken one, is rejected whole with a reason" {
	printf 'PK\003\004 not really a zip' > bad.xlsx
	run eq-ingest --kind result bad.xlsx
	[ "$status" -eq 4 ]
	[[ "$output" == *"bad.xlsx: not a workbook"* ]]
	make_book b.xlsx
	mkdir x && (cd x && unzip -q ../b.xlsx && printf '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>999</v></c></row>' > xl/worksheets/sheet2.xml && zip -q -r ../broken.xlsx .)
	run eq-ingest --kind result broken.xlsx
	[ "$status" -eq 4 ]
	[[ "$output" == *"broken.xlsx[Протокол]"*"not well-formed"* ]]
}

@test "the 2021 regional ВПР table: X, H, «не пройд.», «нет отметки», a class «НЕТ», absentees, a total that does not add up" {
	/usr/bin/python3 - <<'PY'
import openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Sheet"
ws.append(["логин школы", "регион", "номер обучающегося", "код обучающегося",
           "отметка за предыдущую четверть/триместр", "пол", "класс", "вариант", "всего баллов",
           "балл за 1", "балл за 2", "балл за 3", "Учебник"])
ws.append(["sch1", "город", "1", "50001", "4", "м", "НЕТ", "2", "3", "1", "X", "2", "Автор А.А. Учебник"])
ws.append(["sch1", "город", "2", "50002", "нет отметки", "ж", "а", "1", "1", "H", "не пройд.", "1", None])
ws.append(["sch1", "город", "3", "50003", "5", "ж", "а", "отсутствовал", None, None, None, None, None])
ws.append(["sch1", "город", "4", "50004", "3", "м", "б", "1", "5", "1", "1", "1", None])
wb.save("t.xlsx")
PY
	run eq-ingest --kind result --set year=2021 --set procedure=ВПР --set subject=Математика --set grade=5 t.xlsx
	[ "$status" -eq 1 ]
	echo "$output" | grep '"type":"result"' > out
	[ "$(jq -c '[.student_id, .class_name, .journal_mark, .tasks, .primary_score, .absent]' out | tr '\n' ' ')" = \
	  '["50001",null,4,[1,0,2],3,null] ["50002","а",null,[0,null,1],1,null] ["50003","а",5,null,null,true] ' ]
	[[ "$output" == *"t.xlsx[Sheet]:5: the task scores add up to 3, the primary score is 5"* ]]
	[ "$(echo "$output" | grep '"type":"source"' | jq -c '[.rows, .accepted, .rejected]')" = "[4,3,1]" ]
}

@test "task slots empty in every row are not tasks (the 2020 raw export's a-N-grade)" {
	/usr/bin/python3 - <<'PY'
import openpyxl
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["user", "code", "klass", "var-1", "sum", "a-1-grade", "a-2-grade", "a-3-grade", "a-4-grade", "a-5-grade"])
ws.append(["sch1", "70001", "7А", "1", "3", "1", None, "2", None, None])
ws.append(["sch1", "70002", "7А", "2", "1", "0", None, "1", None, None])
wb.save("r.xlsx")
PY
	run eq-ingest --kind result --set year=2020 --set procedure=ВПР --set subject=Немецкий --set grade=7 r.xlsx
	[ "$status" -eq 0 ]
	[[ "$output" == *"3 task columns hold no score in any row: not tasks"* ]]
	[ "$(echo "$output" | grep '"type":"task_scheme"' | jq -c .labels)" = '["1","3"]' ]
	[ "$(echo "$output" | grep '"type":"result"' | jq -c .tasks | tr '\n' ' ')" = "[1,2] [0,1] " ]
}
