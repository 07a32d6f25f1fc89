# the same data as ФИС ОКО school reports: counted participants by mark
BEGIN { FS = "\t" }
/^#/ { next }
FILENAME ~ /spec/ {
	printf "{\"type\":\"school_result\",\"year\":%d,\"procedure\":\"%s\",\"subject\":\"%s\",\"grade\":%d,\"school_id\":\"%s\",\"participants\":%d,\"mark2\":%d,\"mark3\":%d,\"mark4\":0,\"mark5\":0}\n", $2, $3, $4, $5, $1, $6 + $7, $7, $6
}
FILENAME ~ /ege/ {
	k = split($4, s, " "); f = 0
	min = $3 == "russian" ? 24 : 27
	for (i = 1; i <= k; i++) f += s[i] < min
	printf "{\"type\":\"school_result\",\"year\":%d,\"procedure\":\"EGE\",\"subject\":\"%s\",\"grade\":11,\"school_id\":\"%s\",\"participants\":%d,\"failed\":%d}\n", $2, $3, $1, k, f
}
