#!/usr/bin/env bats
# Hostile input, one test per class of fault found by the adversarial pass
# (issue 18): long and escaped identifiers, line ends and encodings, rows that
# do not line up, records that would be lost, privacy of rejects, output
# safety. Each states the known answer it checks against.

bats_require_minimum_version 1.5.0

setup() { cd "$BATS_TEST_TMPDIR"; }

# n copies of a character
rep() { printf "%${2}s" '' | sed "s/ /$1/g"; }

school() { printf '{"type":"school","school_id":"%s","name":"Школа %s","municipality":"%s","region":"R"}\n' "$1" "$1" "${2:-M}"; }
vpr() { # SCHOOL PUPIL SUBJECT GRADE SCORE MARK [YEAR]
	printf '{"type":"result","year":%s,"procedure":"VPR","subject":"%s","grade":%s,"school_id":"%s","student_id":"%s","primary_score":%s,"mark":%s}\n' \
		"${7:-2024}" "$3" "$4" "$1" "$2" "$5" "$6"
}

# a small region: 12 schools, 10 pupils each in ВПР математика 5 2024 and 4 2023
region() { # [MUNICIPALITY-NAME]
	for s in $(seq 1 12); do
		school "s$s" "${1:-M}"
		for p in $(seq 1 10); do
			sc=$(( (s * 7 + p * 3) % 20 ))
			vpr "s$s" "p$s-$p" math 5 $sc $(( sc < 7 ? 2 : sc < 11 ? 3 : sc < 15 ? 4 : 5 ))
			vpr "s$s" "q$s-$p" math 4 $(( sc % 18 )) $(( sc % 18 < 6 ? 2 : 4 )) 2023
		done
	done
}

@test "long identifiers: 300-byte ids are rejected with their line, 64 four-byte characters and a 200-character municipality change nothing but the names" {
	region > short.ndjson
	sed "s/\"s1\"/\"$(rep x 300)\"/g" short.ndjson > over.ndjson
	for f in eq-isbs eq-lowres eq-objectivity "eq-report --skip shnor,shnsu,objectivity,recommendations"; do
		run $f over.ndjson
		[ "$status" -eq 1 ]
		# the school record (eq-lowres reads none) and its 20 results
		[ "$(echo "$output" | grep -c 'over.ndjson:[0-9]*: \(school: \|result: \|\)school_id: longer than 64 characters')" -eq "$([ "$f" = eq-lowres ] && echo 20 || echo 21)" ]
	done
	long=$(rep 𝔸 64)
	region > short.ndjson
	sed "s/\"s1\"/\"$long\"/g" short.ndjson > long.ndjson
	muni=$(rep м 200)
	sed "s/\"municipality\":\"M\"/\"municipality\":\"$muni\"/" short.ndjson > muni.ndjson
	for f in eq-isbs eq-lowres "eq-objectivity --by municipality" eq-recommend; do
		$f short.ndjson | sort > a
		$f long.ndjson | sed "s/$long/s1/g" | sort > b
		$f muni.ndjson | sed "s/$muni/M/g" | sort > c
		cmp a b
		cmp a c
	done
	# the report too (it exits 0 and shows the school of the long id by its name)
	eq-lowres long.ndjson | eq-objectivity | eq-report --skip shnsu,recommendations > r.html
	grep -q "Школа s1<" r.html
}

@test "schema-valid ids of 64 four-byte characters: two pupils that differ at the end stay two" {
	a=$(rep 𝔸 63)
	for p in "${a}1" "${a}2"; do
		printf '{"type":"result","year":2024,"procedure":"VPR","subject":"math","grade":5,"school_id":"%s","student_id":"%s","primary_score":3}\n' "$a" "$p"
	done > in.ndjson
	run eq-normalize in.ndjson
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | grep -c '"type":"result"')" -eq 2 ]
}

@test "escaped and long identifiers of medalists, olympiads and observation are read, or rejected with their line" {
	# a medalist whose id carries an escaped quote: their ЕГЭ is found (70 and 80: confirmed)
	{
		school S
		printf '{"type":"result","year":2024,"procedure":"EGE","subject":"%s","grade":11,"school_id":"S","student_id":"a\\"%s","test_score":%s}\n' \
			russian 1 50 math 1 50 russian 2 50 math 2 50
		printf '{"type":"medalist","year":2024,"school_id":"S","student_id":"a\\"%s","medal":1}\n' 1 2
		printf '{"type":"observation","year":2024,"procedure":"VPR","school_id":"%s","public_observers":0,"video":0}\n' "$(rep y 100)"
	} > in.ndjson
	run eq-objectivity in.ndjson
	[ "$status" -eq 1 ]   # the observation's school id is longer than 64 characters
	[[ "$output" == *"in.ndjson:8: observation: school_id: longer than 64 characters"* ]]
	# both medalists were read and matched to their ЕГЭ (50 < 70: not confirmed)
	eq-objectivity in.ndjson 2> /dev/null > out || true
	[ "$(jq -c 'select(.type == "objectivity") | .signs[] | select(.sign == "medalists_not_confirmed") | [.medalists, .checked, .not_confirmed]' out)" = "[2,2,2]" ]
}

@test "a school with results but no school record is said, and still listed" {
	region > in.ndjson
	grep -v '"type":"school","school_id":"s3"' in.ndjson > orphan.ndjson
	eq-lowres orphan.ndjson | eq-objectivity 2> err | eq-report --format csv --list schools > list.csv 2> err2
	grep -q 'warning: school s3 has results but no school record' err
	grep -q 'warning: school s3 has records but no school record' err2
	grep -q '^"s3";"";"муниципалитет не указан";"2024"' list.csv
}

@test "the first school record holds in every filter; a different second one is rejected" {
	{ school A M1; school A M2; school A M1; vpr A p1 math 5 10 3; } > in.ndjson
	for f in eq-isbs eq-objectivity eq-recommend; do
		run $f in.ndjson
		[ "$status" -eq 1 ]
		[[ "$output" == *"in.ndjson:2: school: a second record of school A gives another municipality: the first one holds"* ]]
		[ "$(echo "$output" | grep -c 'a second record')" -eq 1 ]
	done
}

@test "school records from two sources complete each other: the ФИС ОКО form's locality, the list's municipality" {
	{ echo '{"type":"school","school_id":"A","locality":"rural","region":"22"}'
	  echo '{"type":"school","school_id":"A","name":"МБОУ СОШ №7","municipality":"г. Алейск"}'
	  vpr A p1 math 5 10 3; } > in.ndjson
	for f in eq-isbs eq-objectivity eq-recommend; do
		run $f in.ndjson
		[ "$status" -eq 0 ]
	done
	eq-lowres in.ndjson | eq-objectivity 2> err | eq-report --format csv --list schools > list.csv
	run grep -c 'no school record' err
	[ "$output" -eq 0 ]
	grep -q '^"A";"МБОУ СОШ №7";"г. Алейск"' list.csv
}

@test "a byte order mark at the start of a concatenated file is not part of an id" {
	printf '\357\273\277school_id,name,municipality\ns1,A,M\n' > a.csv
	printf '\357\273\277school_id,name,municipality\ns2,B,M\n' > b.csv
	cat a.csv b.csv > ab.csv
	eq-ingest --kind school ab.csv > out 2> err || true
	# the second header is a data row of the first file's columns: rejected, not an id
	[ "$(jq -r 'select(.type == "school") | .school_id' out | tr '\n' ' ')" = "s1 s2 " ]
	run ! grep -q $'\357\273\277' out
	printf '{"type":"school","school_id":"s1","municipality":"M"}\n' > a.ndjson
	{ cat a.ndjson; printf '\357\273\277'; cat a.ndjson | sed 's/s1/s2/'; } > ab.ndjson
	run eq-normalize ab.ndjson
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r '.school_id' | tr '\n' ' ')" = "s1 s2 " ]
}

@test "a last line without a newline is never lost: exactly the buffer size, and too long" {
	for n in 65536 131072; do
		python3 -c "import sys; sys.stdout.write('school_id,name,municipality\ns1,A,M\n' + 'x' * $n)" > f.csv
		run eq-ingest --max-line 100 --kind school f.csv
		[ "$status" -eq 1 ]
		[[ "$output" == *"f.csv:3: line longer than 100 bytes"* ]]
		[[ "$output" == *"2 rows read, 1 rejected"* ]]
		python3 -c "import sys; sys.stdout.write('{\"type\":\"x\",\"p\":\"' + 'a' * ($n - 19) + '\"}')" > f.ndjson
		[ "$(wc -c < f.ndjson)" -eq "$n" ]
		run eq-normalize --max-line 100 f.ndjson
		[ "$status" -eq 1 ]
		[[ "$output" == *"f.ndjson:1: line of $n bytes is longer than --max-line 100"* ]]
	done
}

@test "CR-only line ends (Excel «CSV (Macintosh)») are lines" {
	printf 'school_id;name;municipality\rs1;A;M\rs2;B;M\r' > mac.csv
	run eq-ingest --kind school mac.csv
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | grep -c '"type":"school"')" -eq 2 ]
}

@test "a stray quote does not swallow the next row" {
	printf 'school_id,student_id,class_name,year,procedure,subject,mark\ns1,p1,"5А,2024,VPR,math,3\ns1,p2,5Б",2024,VPR,math,4\ns1,p3,5В,2024,VPR,math,5\n' > q.csv
	run eq-ingest --kind result q.csv
	[ "$status" -eq 1 ]
	# p3 is read; no class name holds a line break; p1 and p2 are rejected
	[[ "$output" == *"3 rows read, 2 rejected"* ]]
	[ "$(echo "$output" | grep '"type":"result"' | jq -r .student_id)" = p3 ]
	run ! grep -q '\\n' <(echo "$output" | grep '"type":"result"')
}

@test "one stray non-UTF-8 byte in a title does not turn a UTF-8 file into Windows-1251" {
	printf 'Итоги ВПР \351 2024\nschool_id,name,municipality\ns1,Школа № 1,Город\n' > t.csv
	run eq-ingest --kind school t.csv
	[ "$status" -eq 1 ]
	[[ "$output" == *'"name":"Школа № 1","municipality":"Город"'* ]]
	[[ "$output" == *"1 are UTF-8 and 1 are not"* ]]
}

@test "a percent sign does not divide a score by 100; a share still may be a percentage" {
	printf 'year,procedure,subject,school_id,student_id,test_score\n2024,ЕГЭ,Русский язык,s1,p1,85%%\n' > r.csv
	run eq-ingest --kind result r.csv
	[ "$status" -eq 4 ] # its one row rejected: the file gave nothing
	[[ "$output" == *'"85%": a percentage, but test_score is not a share'* ]]
	run ! grep -q '"test_score":0.85' <(echo "$output")
	printf 'school_id,year,students,both_parents_higher,single_parent,on_register\ns1,2024,100,40%%,10,5\n' > c.csv
	run eq-ingest --kind context c.csv
	[ "$status" -eq 0 ]
	[[ "$output" == *'"both_parents_higher_share":0.4'* ]]
}

@test "eq-ingest writes nothing its own schema rejects: a result without a score, 201 tasks" {
	printf 'year,procedure,subject,grade,school_id,student_id,class_name\n2024,ВПР,Математика,5,s1,p1,5А\n' > a.csv
	run eq-ingest --kind result a.csv
	[ "$status" -eq 4 ]
	[[ "$output" == *"a result needs primary_score, mark or test_score"* ]]
	run ! grep -q '"type":"result"' <(echo "$output")
	{
		printf 'year,procedure,subject,grade,school_id,student_id'; for i in $(seq 1 201); do printf ',%s' $i; done; echo
		printf '2024,ВПР,Математика,5,s1,p1'; for i in $(seq 1 201); do printf ',1'; done; echo
	} > t.csv
	run eq-ingest --kind result t.csv
	[ "$status" -eq 4 ]
	[[ "$output" == *"tasks"*"more than 200"* ]] || [[ "$output" == *"tasks"*"200"* ]]
	eq-ingest --kind result t.csv 2> /dev/null | eq-normalize > /dev/null
}

@test "a directory among the inputs is an error for itself only" {
	mkdir d
	printf 'school_id,name,municipality\ns1,A,M\n' > a.csv
	run eq-ingest --kind school d a.csv
	[ "$status" -eq 3 ]
	[[ "$output" == *"eq-ingest: d: is a directory, not a file"* ]]
	[[ "$output" == *'"school_id":"s1"'* ]]
	school s1 > a.ndjson
	for f in eq-normalize eq-isbs eq-lowres eq-objectivity eq-recommend eq-summarize; do
		run $f d a.ndjson
		[ "$status" -eq 3 ]
		[[ "$output" == *'"school_id":"s1"'* ]]
	done
}

@test "data rows above the header are rejected, not taken for titles" {
	printf 'Результаты ВПР\ns1,A,M\ns2,B,M\ns3,C,M\nschool_id,name,municipality\ns4,D,M\ns5,E,M\ns6,F,M\ns7,G,M\n' > a.csv
	run eq-ingest --kind school a.csv
	[ "$status" -eq 1 ]
	[ "$(echo "$output" | grep -c '"type":"school"')" -eq 4 ]
	[[ "$output" == *"a.csv:2: a row of data above the header"* ]]
	[[ "$output" == *"7 rows read, 3 rejected"* ]]
}

@test "an unquoted «Фамилия, Имя» never shifts a name into a kept column, nor into the rejects" {
	printf 'school_id,ФИО,student_id,year,procedure,subject,grade,primary_score,\n' > a.csv
	printf 's1,Иванов Иван,p1,2024,ВПР,Математика,5,10,\n' >> a.csv
	printf 's1,Петров, Пётр,p2,2024,ВПР,Математика,5,11,\n' >> a.csv
	printf 's1,Сидоров Сидор,p3,2024,ВПР,Математика,5,12\n' >> a.csv
	run eq-ingest --kind result --rejects rej.ndjson a.csv
	[ "$status" -eq 1 ]
	[ "$(echo "$output" | grep '"type":"result"' | jq -r .student_id | tr '\n' ' ')" = "p1 p3 " ]
	for name in Иванов Петров Пётр Сидоров; do
		run ! grep -q "$name" <(echo "$output") rej.ndjson
	done
	# the header's empty last column: a value under it is a shifted row
	printf 's1,Кузнецов, Кузьма,p4,2024,ВПР,Математика,5\n' >> a.csv
	run eq-ingest --kind result --rejects rej.ndjson a.csv
	[ "$(echo "$output" | grep '"type":"result"' | jq -r .student_id | tr '\n' ' ')" = "p1 p3 " ]
	run ! grep -q -e Кузнецов -e Кузьма rej.ndjson
}

@test "an escaped type is the type: r\\u0065sult is validated as a result" {
	printf '{"type":"r\\u0065sult","year":2024,"procedure":"VPR","subject":"math","grade":5,"school_id":"s","student_id":"p","mark":7}\n' > a.ndjson
	run eq-normalize a.ndjson
	[ "$status" -eq 1 ]
	[[ "$output" == *"a.ndjson:1: result record: mark: 7 is above the maximum 5"* ]]
	# and the analytic filters read it as jq does
	printf '{"type":"r\\u0065sult","year":2024,"procedure":"VPR","subject":"math","grade":5,"school_id":"s","student_id":"p","mark":7}\n' > b.ndjson
	run eq-lowres b.ndjson
	[ "$status" -eq 1 ]
	[[ "$output" == *"b.ndjson:1: result: mark outside 2..5"* ]]
	# a second "type" member wins in jq: eq-normalize rejects the duplicate key
	printf '{"type":"school","type":"result","year":2024}\n' > c.ndjson
	run eq-normalize c.ndjson
	[ "$status" -eq 1 ]
}

@test "the recommendation catalogue: empty, or a deadline of 30 February, is refused" {
	: > empty.tsv
	run eq-recommend --rules empty.tsv /dev/null
	[ "$status" -eq 2 ]
	[[ "$output" == *"empty.tsv: no data rows"* ]]
	printf 'a\tshnor\t-\tadministration\t1\t{year}-02-30\tТекст.\n' > feb.tsv
	run eq-recommend --rules feb.tsv /dev/null
	[ "$status" -eq 2 ]
	[[ "$output" == *'feb.tsv:1: due "{year}-02-30": expected a date'* ]]
}

@test "the rejects file is NDJSON with every broken line as a string, valid UTF-8, reasons cut at a character" {
	printf '{"type":"result","broken\n{"type":"result",\377\376"x":1}\nnot json at all\n' > bad.ndjson
	run eq-lowres --rejects rej.ndjson bad.ndjson
	[ "$status" -eq 1 ]
	# a line with no type is not a record of eq's: it passes through as it is
	[[ "$output" == *"not json at all"* ]]
	jq -c . rej.ndjson > /dev/null
	[ "$(jq -s length rej.ndjson)" -eq 2 ]
	[ "$(jq -r '.record | type' rej.ndjson | sort -u)" = string ]
	iconv -f UTF-8 -t UTF-8 rej.ndjson > /dev/null
	# a reason longer than the buffer, made of Cyrillic: cut between characters
	printf 'year,procedure,subject,school_id,student_id,mark\n2024,ВПР,%s,s,p,3\n' "$(rep Ж 800)" > r.csv
	eq-ingest --kind result --rejects rej2.ndjson r.csv > /dev/null 2>&1 || true
	jq -c . rej2.ndjson > /dev/null
	iconv -f UTF-8 -t UTF-8 rej2.ndjson > /dev/null
}

@test "the rejects file never holds a personal column" {
	printf 'school_id,Фамилия,Имя,student_id,year,procedure,subject,mark\ns1,Иванов,Иван,p1,2024,ВПР,Математика,7\n' > a.csv
	run eq-ingest --kind result --rejects rej.ndjson a.csv
	[ "$status" -eq 4 ]
	[[ "$output" == *"a.csv:2: mark (column \"mark\"): 7 is above the maximum 5 (the row is not kept: the file has personal columns)"* ]]
	run ! grep -q -e Иванов -e Иван rej.ndjson
	[ "$(jq -c '[.line, .record]' rej.ndjson)" = '[2,null]' ]
}

@test "CSV for Excel neutralises cells that would be formulas" {
	{ printf '{"type":"school","school_id":"s1","name":"=HYPERLINK(\\"http://x\\")","municipality":"+M","region":"R"}\n'
	  for p in 1 2 3 4 5 6; do vpr s1 p$p math 5 3 2; done; } > in.ndjson
	eq-lowres in.ndjson | eq-report --format csv --list schools > l.csv
	grep -q "'=HYPERLINK" l.csv
	run ! grep -q ';=HYPERLINK' l.csv
	run ! grep -q ';+M' l.csv
}

@test "a recommendation never shows the share of fewer than 5 pupils (ШНОР of a 3-pupil school)" {
	{ school s1; school s2
	  for subj in math russian; do
		for p in 1 2 3; do vpr s1 "a$subj$p" $subj 5 2 2; done
		for p in $(seq 1 8); do vpr s2 "b$subj$p" $subj 5 12 4; done
	  done; } > in.ndjson
	eq-lowres in.ndjson | eq-recommend > out
	[ "$(jq -r 'select(.type == "lowres" and .school_id == "s1") | .shnor' out)" = true ]
	jq -r 'select(.type == "recommendation" and .school_id == "s1") | .text' out > texts
	[ -s texts ]
	# ШНОР is the methodology's: its programme is issued, the shares not quoted
	grep -q '3 участника, доля не приводится' texts
	run ! grep -q '100,0 %' texts
	# and no measure rests on the 3 pupils' shares; without ИСБШ no partner
	# can be chosen, and the text says why
	[ "$(jq -r 'select(.type == "recommendation" and .school_id == "s1") | .code' out | sort | tr '\n' ' ')" = "partner.none shnor.curator shnor.program " ]
	grep -q 'для школ региона нет данных об ИСБШ' texts
}

@test "a ';' file whose header names hold commas is read; with no header at all, the message names the delimiters" {
	# more commas than semicolons in the header line: ',' is guessed first
	printf 'Логин ОО;Отметка;Код участника;Год;Процедура;Предмет;Класс;Примечание (кто, когда, где, как, чем, зачем, почему, сколько)\ns1;4;p1;2024;ВПР;Математика;5;\n' > a.csv
	run eq-ingest --kind result a.csv
	[ "$status" -eq 0 ]
	[[ "$output" == *'"school_id":"s1","student_id":"p1"'* ]]
	printf 'a,b;c\n1,2;3\n' > b.csv
	run eq-ingest --kind result b.csv
	[ "$status" -eq 4 ]
	[[ "$output" == *"delimiters tried: ';' tab ','; --delimiter sets one"* ]]
}

@test "an identifier that is not valid UTF-8 is rejected, never matched by the JIT (a crash AFL++ found)" {
	printf '{"type":"result","year":2024,"procedure":"VPR","subject":"math","grade":5,"school_id":"s\377\376","student_id":"a","primary_score":3}\n' > bad.ndjson
	for f in eq-isbs eq-lowres eq-objectivity eq-report; do
		run $f bad.ndjson
		[ "$status" -le 2 ]
		[[ "$output" == *"school_id: not valid UTF-8 text"* ]]
	done
}

@test "a ШНОР record without its criteria is rejected with its line, not quoted as empty (a crash the fuzzer found)" {
	printf '{"type":"lowres","school_id":"L1","year":2024,"shnor":true,"threshold":0.3,"min_n":null,"rule":"1 or 2"}\n' > in.ndjson
	run -1 --separate-stderr eq-recommend in.ndjson
	[[ $stderr == *"in.ndjson:1: lowres: missing required field \"criteria\""* ]]
	[[ $output != *'"type":"recommendation"'* ]]
	[[ $stderr == *"1 rejected"* ]]
}
