# spec.tsv and ege.tsv -> pupil result records (marks: 3 pass, 2 fail)
BEGIN { FS = "\t" }
/^#/ { next }
FILENAME ~ /spec/ {
	n = 0
	for (i = 0; i < $6; i++) pupil($1, $2, $3, $4, $5, "\"mark\":3")
	for (i = 0; i < $7; i++) pupil($1, $2, $3, $4, $5, "\"mark\":2")
	for (i = 0; i < $8; i++) pupil($1, $2, $3, $4, $5, "\"mark\":2,\"retake\":1")
	for (i = 0; i < $9; i++) pupil($1, $2, $3, $4, $5, "\"mark\":2,\"past_graduate\":1")
	pupil($1, $2, $3, $4, $5, "\"absent\":true")
}
FILENAME ~ /ege/ {
	k = split($4, s, " ")
	for (i = 1; i <= k; i++) pupil($1, $2, "EGE", $3, 11, "\"test_score\":" s[i])
}
function pupil(school, year, proc, subj, grade, rest) {
	printf "{\"type\":\"result\",\"year\":%d,\"procedure\":\"%s\",\"subject\":\"%s\",\"grade\":%d,\"school_id\":\"%s\",\"student_id\":\"%s-%d\",%s}\n", year, proc, subj, grade, school, school, ++serial, rest
}
