# eval-worlds.sh's table: the median and the worst of each column.
function sort_col(c,   i, j, t) {
	for (i = 1; i <= m; i++) v[i] = col[c, i]
	for (i = 2; i <= m; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
}
NR > 1 && $1 != "seed" { m++; for (c = 4; c <= 7; c++) col[c, m] = $c }
END {
	printf "median\t\t\t"; for (c = 4; c <= 7; c++) { sort_col(c); printf "%.2f%s", m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2, c < 7 ? "\t" : "\n" }
	printf "worst\t\t\t";  for (c = 4; c <= 7; c++) { sort_col(c); printf "%.2f%s", v[1], c < 7 ? "\t" : "\n" }
}
