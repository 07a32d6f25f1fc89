#!/bin/sh
# Regenerate the example municipality (fictional): 10 schools of «Энский
# район», 2023 and 2024. Deterministic. 2023 files are UTF-8 with canonical
# headers; 2024 files are what Russian Excel writes: Windows-1251, ';',
# Russian headers, a title row, decimal commas, and a column of pupils' names
# that eq-ingest must drop. Usage: sh examples/generate.sh (from the top).
set -eu
cd "$(dirname "$0")"
mkdir -p results/2023 results/2024

cat > schools.csv <<'EOF'
school_id,name,municipality,region,locality,small,advanced
ens01,МБОУ «Энская СОШ № 1»,Энский район,Энская область,urban,0,0
ens02,МАОУ «Энская гимназия № 2»,Энский район,Энская область,urban,0,1
ens03,МБОУ «Энская СОШ № 3»,Энский район,Энская область,urban,0,0
ens04,МБОУ «Лицей № 4»,Энский район,Энская область,urban,0,1
ens05,МБОУ «Берёзовская СОШ»,Энский район,Энская область,rural,0,0
ens06,МБОУ «Сосновская ООШ»,Энский район,Энская область,rural,1,0
ens07,МБОУ «Заречная СОШ»,Энский район,Энская область,rural,0,0
ens08,МБОУ «Луговская СОШ»,Энский район,Энская область,rural,1,0
ens09,МБОУ «Энская СОШ № 9»,Энский район,Энская область,urban,0,0
ens10,МБОУ «Кедровская СОШ»,Энский район,Энская область,rural,0,0
EOF

# school: id, size (pupils per grade), ability (0..1), students, parents
# with higher education, single-parent families, on register
SCHOOLS='ens01 48 0.55 620 190 110 14
ens02 56 0.72 840 430 95 6
ens03 40 0.50 510 120 115 19
ens04 50 0.75 700 360 80 4
ens05 22 0.45 230 30 60 12
ens06 9 0.40 95 8 31 9
ens07 18 0.42 210 25 70 21
ens08 8 0.38 80 6 27 8
ens09 36 0.48 450 95 120 25
ens10 20 0.44 205 28 58 11'

# procedure table: tag procedure subject grade task-maxima min3 min4 min5 labels
PROCS='vpr-math-4 VPR math 4 1,1,1,1,2,2,1,2,2,2,2,3 6 10 15 -
vpr-russian-4 VPR russian 4 4,3,1,2,2,3,3,2,2,3,2,2,3,3,3 14 24 33 -
vpr-math-5 VPR math 5 1,1,1,1,1,1,1,1,2,1,1,2,2,4 7 11 15 -
vpr-russian-5 VPR russian 5 4,3,2,3,3,3,3,4,4,5,5,6 18 29 39 1К1,1К2,1К3,2К1,2К2,2К3,2К4,3,4,5,6,7
vpr-math-6 VPR math 6 1,1,1,1,1,1,1,1,1,1,2,1,1,2,2 6 10 14 -
oge-math-9 OGE math 9 1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2 8 15 22 -
oge-russian-9 OGE russian 9 7,1,1,1,1,1,1,1,9,4,2,2,2 15 23 29 -'

gen() { # year
	echo "$SCHOOLS" | awk -v year="$1" -v procs="$PROCS" '
	function rnd() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 }
	BEGIN { seed = year * 7 + 3; np = split(procs, P, "\n") }
	{
		id = $1; size = $2; ab = $3 + (year == 2024 ? 0.02 : 0)
		for (p = 1; p <= np; p++) {
			split(P[p], f, " "); nt = split(f[5], mx, ",")
			n = int(size * (0.8 + 0.4 * rnd())); if (n < 3) n = 3
			for (i = 1; i <= n; i++) {
				a = ab + (rnd() - 0.5) * 0.5
				pid = sprintf("%s-%d-%s%d-%03d", id, year, substr(f[2],1,1), f[4], i)
				cls = f[4] (i % 2 ? "А" : "Б")
				if (rnd() < 0.03) { printf "%s\t%s\t%s\t%s\tABSENT\n", f[1], pid, cls, year; continue }
				sum = 0; tl = ""
				for (t = 1; t <= nt; t++) {
					s = 0; for (k = 1; k <= mx[t]; k++) if (rnd() < a - 0.05) s++
					sum += s; tl = tl (t > 1 ? "," : "") s
				}
				m = sum >= f[8] ? 5 : sum >= f[7] ? 4 : sum >= f[6] ? 3 : 2
				# journal mark: the true mark, sometimes one up or down
				r = rnd(); j = m + (r < 0.15 ? 1 : r < 0.25 ? -1 : 0)
				if (j > 5) j = 5; if (j < 2) j = 2
				# ens07 marks generously: journal «4» where the work says «2»/«3»
				if (id == "ens07" && m < 4) j = 4
				printf "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\n", f[1], pid, cls, year, tl, sum, m, j, 1 + int(rnd() * 2)
			}
		}
	}'
}

gen 2023 > /tmp/eq-ex-2023.tsv
gen 2024 > /tmp/eq-ex-2024.tsv

# 2023: UTF-8, ',' canonical headers, every key in columns
echo "$PROCS" | while read -r tag proc subj grade maxes m3 m4 m5 labels; do
	nt=$(echo "$maxes" | tr ',' '\n' | wc -l)
	[ "$labels" = - ] && labels=$(seq -s, 1 "$nt")
	{
		printf 'year,procedure,subject,grade,school_id,student_id,class_name,variant,%s,primary_score,mark,journal_mark\n' "$labels"
		awk -F'\t' -v tag="$tag" -v p="$proc" -v s="$subj" -v g="$grade" -v nt="$nt" '
		$1 != tag { next }
		{ split($2, id, "-"); school = id[1] }
		$5 == "ABSENT" { empty = ""; for (t = 0; t < nt; t++) empty = empty ","; printf "%s,%s,%s,%s,%s,%s,%s,absent%s,,,\n", $4, p, s, g, school, $2, $3, empty; next }
		{ printf "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", $4, p, s, g, school, $2, $3, $9, $5, $6, $7, $8 }' /tmp/eq-ex-2023.tsv
	} > "results/2023/$tag.csv"
done

# 2024: Windows-1251, ';', Russian headers, a title row; year, procedure,
# subject and grade only in the title (the manifest gives them with --set)
echo "$PROCS" | while read -r tag proc subj grade maxes m3 m4 m5 labels; do
	nt=$(echo "$maxes" | tr ',' '\n' | wc -l)
	case $proc in VPR) pname="ВПР";; OGE) pname="ОГЭ";; esac
	case $subj in math) sname="Математика";; russian) sname="Русский язык";; esac
	hdr=$(echo "$maxes" | awk -F, -v labels="$labels" '{ n = split(labels, L, ","); for (i = 1; i <= NF; i++) printf "%s%s (%sб)", (i > 1 ? ";" : ""), (labels == "-" ? i : L[i]), $i }')
	{
		printf 'Результаты %s 2024, %s, %s класс (выгрузка ФИС ОКО)\n' "$pname" "$sname" "$grade"
		printf 'Логин ОО;ФИО;Код участника;Класс;Вариант;%s;Первичный балл;Отметка;Отметка за предыдущую четверть\n' "$hdr"
		awk -F'\t' -v tag="$tag" -v nt="$nt" '
		BEGIN { split("Иванов И.;Петрова А.;Сидоров К.;Кузнецова М.;Смирнов Д.;Попова Е.", N, ";") }
		$1 != tag { next }
		{ split($2, id, "-"); school = id[1]; name = N[NR % 6 + 1] }
		$5 == "ABSENT" { empty = ""; for (t = 0; t < nt; t++) empty = empty ";"; printf "%s;%s;%s;%s;отсутствовал%s;;;\n", school, name, $2, $3, empty; next }
		{ gsub(",", ";", $5); printf "%s;%s;%s;%s;%s;%s;%s;%s;%s\n", school, name, $2, $3, $9, $5, $6, $7, $8 }' /tmp/eq-ex-2024.tsv
	} | iconv -f UTF-8 -t WINDOWS-1251 > "results/2024/$tag.csv"
done
rm -f /tmp/eq-ex-2023.tsv /tmp/eq-ex-2024.tsv

# social passports: 2023 as counts (UTF-8), 2024 as Excel writes it
echo "$SCHOOLS" | awk 'BEGIN { print "school_id,year,students,both_parents_higher,single_parent,on_register" }
	{ printf "%s,2023,%d,%d,%d,%d\n", $1, $4 - 10, $5 - 5, $6 + 2, $7 + 1 }' > context-2023.csv
echo "$SCHOOLS" | awk 'BEGIN { print "Социальный паспорт образовательных организаций, 2023/2024 учебный год"
		print "Логин ОО;Учебный год;Всего обучающихся;Оба родителя с высшим образованием;Доля обучающихся из неполных семей, %;Состоят на учете (ВШУ, КДН, ПДН, СОП)" }
	{ pct = sprintf("%.1f", 100 * $6 / $4); sub(/\./, ",", pct)
	  printf "%s;2023/2024;%d;%d;%s;%d\n", $1, $4, $5, pct, $7 }' | iconv -f UTF-8 -t WINDOWS-1251 > context-2024.csv

cat > observation-2024.csv <<'EOF'
year,procedure,subject,grade,school_id,public_observers,video
2024,VPR,math,5,ens01,1,0
2024,VPR,math,5,ens02,1,1
2024,VPR,math,5,ens03,0,0
2024,VPR,math,5,ens04,1,1
2024,VPR,math,5,ens05,1,0
2024,VPR,math,5,ens06,0,0
2024,VPR,math,5,ens07,0,0
2024,VPR,math,5,ens08,0,0
2024,VPR,math,5,ens09,1,0
2024,VPR,math,5,ens10,1,0
EOF

cat > medalists-2024.csv <<'EOF'
year,school_id,student_id,medal
2024,ens02,ens02-2024-E11-001,1
2024,ens02,ens02-2024-E11-002,2
2024,ens04,ens04-2024-E11-001,1
2024,ens07,ens07-2024-E11-001,1
2024,ens07,ens07-2024-E11-002,1
EOF

cat > olympiad-2024.csv <<'EOF'
year,stage,subject,school_id,student_id,score,max_score,grade,status
2024,school,math,ens02,ens02-o-001,46,50,9,winner
2024,municipal,math,ens02,ens02-o-001,38,50,9,winner
2024,school,math,ens07,ens07-o-001,48,50,9,winner
2024,municipal,math,ens07,ens07-o-001,12,50,9,participant
2024,school,russian,ens07,ens07-o-002,45,50,8,winner
2024,municipal,russian,ens07,ens07-o-002,15,50,8,participant
2024,school,russian,ens01,ens01-o-001,40,50,8,prizer
2024,municipal,russian,ens01,ens01-o-001,31,50,8,prizer
EOF

# risk factors in wide form, Russian factor names as headers (Windows-1251)
{
	echo 'Логин ОО;Год;Дефицит педагогических кадров;Низкий уровень оснащения школы;Высокая доля обучающихся с ОВЗ;Низкий уровень вовлеченности родителей'
	echo 'ens05;2024;0,6;0,3;0,2;0,5'
	echo 'ens06;2024;0,8;0,7;0,1;0,4'
	echo 'ens07;2024;0,4;0,2;0,3;0,6'
	echo 'ens08;2024;0,9;0,6;0,2;0,3'
	echo 'ens09;2024;0,3;0,2;0,55;0,2'
	echo 'ens10;2024;0,2;0,1;0,1;0,1'
} | iconv -f UTF-8 -t WINDOWS-1251 > risk-2024.csv
