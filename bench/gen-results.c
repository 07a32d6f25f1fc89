/* gen-results N [SCHOOLS]: N pupil results of ВПР математика 5 as a UTF-8
 * CSV with canonical headers and 15 task columns, deterministic. */
#include <stdio.h>
#include <stdlib.h>

static unsigned long long state = 88172645463325252ULL;

static unsigned
rnd(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (unsigned)(state >> 32);
}

int
main(int argc, char *argv[])
{
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	long schools = argc > 2 ? atol(argv[2]) : 2000;

	printf("year,procedure,subject,grade,school_id,student_id,class_name,variant");
	for (int t = 1; t <= 15; t++)
		printf(",%d", t);
	printf(",primary_score,mark,journal_mark\n");
	for (long i = 0; i < n; i++) {
		long school = i % schools;
		int ability = (int)(school % 7) + (int)(rnd() % 9);
		int sum = 0, score[15];

		for (int t = 0; t < 15; t++) {
			int max = t == 14 || t == 9 ? 2 : 1;
			score[t] = (int)(rnd() % 16) < ability ? max : 0;
			sum += score[t];
		}
		int mark = sum >= 15 ? 5 : sum >= 11 ? 4 : sum >= 7 ? 3 : 2;
		printf("2024,VPR,math,5,sch%05ld,p%08ld,5%c,%u", school, i, (char)('A' + i % 3), 1 + rnd() % 2);
		for (int t = 0; t < 15; t++)
			printf(",%d", score[t]);
		printf(",%d,%d,%d\n", sum, mark, 2 + (int)(rnd() % 4));
	}
	return ferror(stdout) != 0;
}
