# One world: input rows school, kind, municipality, flagged, score (joined
# with the truth); kinds other than typical, strong and weak are planted.
# Ties in score are broken against the planted (a list is no better than its
# ties). Prints one row of eval-worlds.sh's table.
{
	n++; planted[n] = $2 !~ /^(typical|strong|weak)$/; score[n] = $5 + 0
	np += planted[n]; f = $4 == "true"
	tp += planted[n] && f; fl += f
}
function top_hits(k,   i, j, used, best, hit) {
	for (i = 1; i <= n; i++) used[i] = 0
	for (j = 1; j <= k; j++) {
		best = 0
		for (i = 1; i <= n; i++)
			if (!used[i] && (!best || score[i] > score[best] ||
			    (score[i] == score[best] && planted[best] && !planted[i])))
				best = i
		used[best] = 1; hit += planted[best]
	}
	return hit
}
END {
	k10 = int(n / 10 + 0.5); k = np < k10 ? np : k10
	printf "%s\t%d\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%d\n", seed, n, np,
		fl ? tp / fl : 0, np ? tp / np : 0, top_hits(k10) / k10, k ? top_hits(k) / k : 0, k
}
