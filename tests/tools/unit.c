/* Unit tests of lib/ functions against hand-worked answers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "answers.h"
#include "dict.h"
#include "fpset.h"
#include "infer.h"
#include "input.h"
#include "json.h"
#include "jview.h"
#include "key.h"
#include "record.h"
#include "rank.h"
#include "reduce.h"
#include "ru.h"
#include "scales.h"
#include "schema.h"
#include "evidence.h"
#include "stats.h"
#include "strmap.h"
#include "text.h"
#include "util.h"

static int passed, failed;

#define CHECK(cond, ...) do { \
	if (cond) passed++; \
	else { failed++; printf("not ok: %s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); putchar('\n'); } \
} while (0)

static void
num_is(double v, const char *want)
{
	struct sbuf b = { 0 };

	jw_num(&b, v);
	sb_putc(&b, '\0');
	CHECK(strcmp(b.s, want) == 0, "jw_num(%.17g) = %s, want %s", v, b.s, want);
	sb_free(&b);
}

static void
test_numbers(void)
{
	num_is(0.1, "0.1");
	num_is(0.235, "0.235");
	num_is(23.5 / 100, "0.235");
	num_is(1.0 / 3, "0.3333333333333333");
	num_is(2.0 / 3, "0.6666666666666666");
	num_is(23.0, "23");
	num_is(-4.0, "-4");
	num_is(1e-5, "1e-05");
	num_is(0.1 + 0.2, "0.30000000000000004");
	{ /* denormals: fewer digits are exact, so the form is not the shortest, but it reads back */
		struct sbuf b = { 0 };
		jw_num(&b, 5e-324);
		sb_putc(&b, '\0');
		CHECK(strtod(b.s, NULL) == 5e-324, "5e-324 printed as %s", b.s);
		sb_free(&b);
	}
	num_is(NAN, "null");
	num_is(INFINITY, "null");
	/* every double reads back as itself */
	srand(7);
	int bad = 0;
	for (int i = 0; i < 200000; i++) {
		uint64_t u = (uint64_t)rand() << 42 ^ (uint64_t)rand() << 21 ^ (uint64_t)rand();
		double d;
		memcpy(&d, &u, sizeof d);
		if (!isfinite(d))
			continue;
		struct sbuf b = { 0 };
		jw_num(&b, d);
		sb_putc(&b, '\0');
		bad += strtod(b.s, NULL) != d;
		sb_free(&b);
	}
	CHECK(bad == 0, "%d doubles did not round-trip", bad);
}

/* The escaping a byte at a time, as JSON defines it: the reference. */
static void
escape_ref(struct sbuf *b, const char *s, size_t n)
{
	sb_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		char tmp[8];
		if (c == '"' || c == '\\') { sb_putc(b, '\\'); sb_putc(b, c); }
		else if (c == '\n') sb_puts(b, "\\n");
		else if (c == '\t') sb_puts(b, "\\t");
		else if (c == '\r') sb_puts(b, "\\r");
		else if (c == '\b') sb_puts(b, "\\b");
		else if (c == '\f') sb_puts(b, "\\f");
		else if (c < 0x20) { snprintf(tmp, sizeof tmp, "\\u%04x", c); sb_puts(b, tmp); }
		else sb_putc(b, c);
	}
	sb_putc(b, '"');
}

static void
test_escape(void)
{
	static const char specials[] = { '"', '\\', '\n', '\x01', '\x1f', '\t', ' ', 'x', (char)0xd0, (char)0x7f };
	int bad = 0;

	/* every special byte at every position of strings of 1..24 bytes */
	for (size_t len = 1; len <= 24; len++)
		for (size_t pos = 0; pos < len; pos++)
			for (size_t k = 0; k < sizeof specials; k++) {
				char s[32];
				struct sbuf a = { 0 }, r = { 0 };
				memset(s, 'a', len);
				s[pos] = specials[k];
				jw_str(&a, s, len);
				escape_ref(&r, s, len);
				bad += a.len != r.len || memcmp(a.s, r.s, a.len) != 0;
				sb_free(&a);
				sb_free(&r);
			}
	CHECK(bad == 0, "%d strings escaped unlike the byte-at-a-time reference", bad);
}

static void
type_is_(const char *line, const char *want)
{
	const char *t;
	size_t n;
	int r = rec_type(line, strlen(line), &t, &n);

	if (!want)
		CHECK(r < 0, "rec_type(%s) found a type", line);
	else
		CHECK(r == 0 && n == strlen(want) && memcmp(t, want, n) == 0,
		      "rec_type(%s) = %.*s, want %s", line, r == 0 ? (int)n : 0, r == 0 ? t : "", want);
}

static void
test_rec_type(void)
{
	type_is_("{\"type\":\"result\",\"year\":2024}", "result");
	type_is_("{ \"year\" : 2024 , \"type\" : \"school\" }", "school");
	type_is_("{\"a\":{\"type\":\"inner\"},\"type\":\"outer\"}", "outer");
	type_is_("{\"a\":[1,{\"type\":\"x\"},\"}\"],\"b\":\"q\\\"type\\\"\",\"type\":\"t\"}", "t");
	type_is_("{\"a\":\"type\",\"type\":\"t2\"}", "t2");
	type_is_("{\"typ\":\"x\"}", NULL);
	type_is_("{\"type\":5}", NULL);
	type_is_("[\"type\",\"x\"]", NULL);
	type_is_("not json", NULL);
	type_is_("", NULL);
	type_is_("{\"a\":{\"type\":\"inner\"}}", NULL);
	/* a second "type" at every offset from the first: the last one holds
	 * (the eight-byte scan must not miss one at any alignment) */
	for (int pad = 0; pad < 20; pad++) {
		char line[200];
		snprintf(line, sizeof line, "{\"type\":\"a\",\"x\":\"%.*s\",\"type\":\"b\"}", pad,
		         "....................");
		type_is_(line, "b");
		snprintf(line, sizeof line, "{\"type\":\"a\",\"x\":\"%.*s\",\"typ\":\"b\",\"ype\":1}", pad,
		         "....................");
		type_is_(line, "a");
	}
}

static void
test_rec_fields(void)
{
	static const char *const names[] = { "school_id", "primary_score", "absent", "tasks", "name", "x" };
	const char *line = "{\"type\":\"result\", \"school_id\" : \"s1\" ,\"tasks\":[1,{\"a\":\"}\"}],"
	                   "\"primary_score\":12.5,\"absent\":true,\"name\":\"a\\\"b\",\"x\":null}";
	struct jfield f[6];
	double v = 0;

	CHECK(rec_fields(line, strlen(line), names, 6, f) == 0, "rec_fields failed");
	CHECK(f[0].kind == 's' && f[0].n == 2 && memcmp(f[0].p, "s1", 2) == 0, "school_id");
	CHECK(f[1].kind == 'n' && jfield_num(&f[1], &v) == 0 && v == 12.5, "primary_score %g", v);
	CHECK(f[2].kind == 't', "absent");
	CHECK(f[3].kind == 'a' && f[3].n == strlen("[1,{\"a\":\"}\"}]"), "tasks slice %zu", f[3].n);
	CHECK(f[4].kind == 'S' && f[4].n == 6, "escaped string kept whole for jansson: %zu", f[4].n);
	CHECK(f[5].kind == 'z', "null");
	CHECK(rec_fields("{}", 2, names, 6, f) == 0 && f[0].kind == 0, "empty object");
	CHECK(rec_fields("[1]", 3, names, 6, f) == -1, "not an object");
	{ /* the whole-number fast path agrees with strtod, and hands over what it cannot read */
		static const struct { const char *s; int ok; double v; } nums[] = {
			{ "0", 0, 0 }, { "7", 0, 7 }, { "123456789", 0, 123456789 }, { "1234567890", 0, 1234567890 },
			{ "01", 0, 1 }, { "-3", 0, -3 }, { "1e2", 0, 100 }, { "2.5", 0, 2.5 }, { "1x", -1, 0 },
		};
		for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
			struct jfield g = { nums[i].s, strlen(nums[i].s), 'n' };
			int ok = jfield_num(&g, &v);
			CHECK(ok == nums[i].ok && (ok < 0 || v == nums[i].v), "jfield_num(%s) = %d, %g", nums[i].s, ok, v);
		}
	}
	CHECK(rec_fields("{\"a\":1", 6, names, 6, f) == -1, "unterminated object");
}

static void
test_parse_number(void)
{
	static const struct { const char *s; double v; int ok, is_int; } cases[] = {
		{ "23,5", 23.5, 1, 0 }, { "23.5", 23.5, 1, 0 }, { "1 234", 1234, 1, 1 },
		{ "1\xc2\xa0" "234,5", 1234.5, 1, 0 }, { " -3 ", -3, 1, 1 }, { "1e3", 1000, 1, 0 },
		{ "0,5", 0.5, 1, 0 }, { "abc", 0, 0, 0 }, { "1,2,3", 0, 0, 0 }, { "", 0, 0, 0 },
		{ "12%", 0, 0, 0 }, { ",5", 0, 0, 0 }, { "5-", 0, 0, 0 }, { "1e", 0, 0, 0 },
		{ "1 2", 12, 1, 1 }, { "12 ", 12, 1, 1 }, { "1e999", 0, 0, 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		double v = -1;
		int is_int = -1;
		int r = parse_number(cases[i].s, strlen(cases[i].s), &v, &is_int);
		CHECK((r == 0) == cases[i].ok && (!cases[i].ok || (v == cases[i].v && is_int == cases[i].is_int)),
		      "parse_number(\"%s\") = %d, %g, %d", cases[i].s, r, v, is_int);
	}
}

static void
test_year_grade(void)
{
	static const struct { const char *s; int want; } years[] = {
		{ "2024", 2024 }, { "2023/24", 2024 }, { "2023/2024", 2024 }, { "2023-24", 2024 },
		{ "2023 / 2024", 2024 }, { "2099/00", 2100 }, { "2023/25", -1 }, { "2023/2025", -1 },
		{ "abc", -1 }, { "202", -1 }, { "20245", -1 },
	}, grades[] = {
		{ "5А", 5 }, { "5 «Б»", 5 }, { "11", 11 }, { "11б", 11 }, { "12", -1 }, { "0", -1 },
		{ "5.5", -1 }, { "А5", -1 }, { "", -1 }, { " 9 ", 9 }, { "5,0", -1 },
	};
	for (size_t i = 0; i < sizeof years / sizeof *years; i++)
		CHECK(parse_year(years[i].s, strlen(years[i].s)) == years[i].want,
		      "parse_year(%s) != %d", years[i].s, years[i].want);
	for (size_t i = 0; i < sizeof grades / sizeof *grades; i++)
		CHECK(grade_of_class(grades[i].s, strlen(grades[i].s)) == grades[i].want,
		      "grade_of_class(%s) != %d", grades[i].s, grades[i].want);
}

static void
key_is(const char *s, const char *want)
{
	struct sbuf b = { 0 };

	text_key(&b, s, strlen(s));
	sb_putc(&b, '\0');
	CHECK(strcmp(b.s, want) == 0, "text_key(%s) = [%s], want [%s]", s, b.s, want);
	sb_free(&b);
}

static void
test_text(void)
{
	struct sbuf b = { 0 };

	key_is("  Логин  ОО ", "логин оо");
	key_is("ЁЛКА ёж", "елка еж");
	key_is("Код\xc2\xa0участника", "код участника");
	key_is("TASK_7", "task_7");
	key_is("Я", "я");
	CHECK(utf8_valid("Привет", strlen("Привет")), "Привет is UTF-8");
	CHECK(!utf8_valid("\xc0\x80", 2), "overlong NUL accepted");
	CHECK(!utf8_valid("\xed\xa0\x80", 3), "surrogate accepted");
	CHECK(!utf8_valid("\xd0", 1), "truncated sequence accepted");
	CHECK(!utf8_valid("\xcf\xf0\xe8", 3), "cp1251 \"При\" accepted as UTF-8");
	CHECK(utf8_valid("\xf0\x9f\x98\x80", 4), "emoji rejected");
	cp1251_to_utf8(&b, "\xcf\xf0\xe8\xe2\xe5\xf2, \xa8\xb8", 10);
	sb_putc(&b, '\0');
	CHECK(strcmp(b.s, "Привет, Ёё") == 0, "cp1251: got %s", b.s);
	sb_free(&b);
}

static void
test_fpset(void)
{
	struct fpset s = { 0 };
	int dups = 0;

	for (uint32_t i = 0; i < 100000; i++)
		dups += fpset_add(&s, hash_bytes(&i, sizeof i, 0), 0, i + 1) != NULL;
	CHECK(dups == 0, "%d false duplicates", dups);
	uint32_t k = 4242;
	const struct fpentry *e = fpset_add(&s, hash_bytes(&k, sizeof k, 0), 1, 999999);
	CHECK(e && e->line == 4243 && e->file == 0, "duplicate not found at its first line");
	CHECK(s.n == 100000, "size %zu", s.n);
	fpset_free(&s);
}

static void
test_input(void)
{
	char path[] = "/tmp/eq-unit-XXXXXX";
	int fd = mkstemp(path);
	struct input in;
	char *line;
	size_t len;
	char big[300];

	memset(big, 'x', sizeof big);
	dprintf(fd, "one\r\n\ntwo\n%.*s\nthree", (int)sizeof big, big);
	close(fd);
	CHECK(in_open(&in, path, 100) == 0, "open");
	CHECK(in_getline(&in, &line, &len) == LINE_OK && len == 3 && !memcmp(line, "one", 3) && in.lineno == 1, "line 1");
	CHECK(in_getline(&in, &line, &len) == LINE_OK && len == 0 && in.lineno == 2, "line 2 blank");
	CHECK(in_getline(&in, &line, &len) == LINE_OK && len == 3 && in.lineno == 3, "line 3");
	CHECK(in_getline(&in, &line, &len) == LINE_TOO_LONG && in.longlen == 300 && in.lineno == 4, "line 4 too long: %zu", in.longlen);
	CHECK(in_getline(&in, &line, &len) == LINE_OK && len == 5 && !memcmp(line, "three", 5) && in.lineno == 5, "last line without newline");
	CHECK(in_getline(&in, &line, &len) == LINE_EOF, "eof");
	in_close(&in);
	unlink(path);
}

/* what a Russian reader sees: a decimal comma, one-decimal percentages */
static void
test_ru(void)
{
	char b[64];

	CHECK(strcmp(ru_num(b, sizeof b, 39.13, 1), "39,1") == 0, "ru_num 39.13 = %s", b);
	CHECK(strcmp(ru_num(b, sizeof b, -0.804, 2), "-0,80") == 0, "ru_num -0.804 = %s", b);
	CHECK(strcmp(ru_num(b, sizeof b, 585, 0), "585") == 0, "ru_num 585 = %s", b);
	CHECK(strcmp(ru_num(b, sizeof b, NAN, 1), "—") == 0, "ru_num NAN = %s", b);
	CHECK(strcmp(ru_pct(b, sizeof b, 18.0 / 46), "39,1 %") == 0, "ru_pct 18/46 = %s", b);
	CHECK(strcmp(ru_pct(b, sizeof b, 1), "100,0 %") == 0, "ru_pct 1 = %s", b);
	CHECK(strcmp(ru_name("subject", "math"), "Математика") == 0, "ru_name math");
	CHECK(strcmp(ru_name("subject", "no_such_code"), "no_such_code") == 0, "ru_name unknown");
	/* А-П and Р-Я sit in different UTF-8 rows in lower case; Ё apart */
	CHECK(strcmp(ru_lower_first(b, sizeof b, "Математика"), "математика") == 0, "lower М: %s", b);
	CHECK(strcmp(ru_lower_first(b, sizeof b, "Русский язык"), "русский язык") == 0, "lower Р: %s", b);
	CHECK(strcmp(ru_lower_first(b, sizeof b, "Ёлка"), "ёлка") == 0, "lower Ё: %s", b);
	CHECK(strcmp(ru_lower_first(b, sizeof b, "Английский язык"), "английский язык") == 0, "lower А: %s", b);
	CHECK(strcmp(ru_lower_first(b, sizeof b, "Я"), "я") == 0, "lower Я: %s", b);
	CHECK(strcmp(ru_lower_first(b, sizeof b, "ОБЖ"), "ОБЖ") == 0, "abbreviation kept: %s", b);
	CHECK(strcmp(ru_lower_first(b, sizeof b, "English"), "english") == 0, "lower E: %s", b);
	CHECK(strcmp(ru_lower_first(b, sizeof b, "«x»"), "«x»") == 0, "no letter first: %s", b);
}

static void
test_scales(void)
{
	const struct scale *s = scale_find(2024, "VPR", "math", 5);

	CHECK(s && s->year == 2021 && s->max == 20, "VPR math 5 for 2024 uses the 2021 table");
	if (s) {
		/* 2021: 0-6 / 7-10 / 11-14 / 15-20 */
		int want[] = { 2, 2, 3, 3, 4, 4, 5, 5 };
		double ps[] = { 0, 6, 7, 10, 11, 14, 15, 20 };
		for (size_t i = 0; i < 8; i++)
			CHECK(scale_mark(s, ps[i]) == want[i], "math 5: %g -> %d", ps[i], scale_mark(s, ps[i]));
	}
	s = scale_find(2021, "VPR", "math", 4);
	CHECK(s && s->year == 2022, "math 4 in 2021 falls back to the earliest (2022) table");
	CHECK(scale_find(2024, "VPR", "math", 7) == NULL, "no table for math 7");
	CHECK(ege_min_score("russian") == 24 && ege_min_score("math_profile") == 27 &&
	      ege_min_score("math_base") == -1, "ЕГЭ minima");
}

static void
test_stats(void)
{
	double a[] = { 1, 2, 3, 4, 5 }, b[] = { 10, 20, 30, 40 };
	double r[] = { 5, 3, 3, 9, 1 };
	size_t rk[5], want[] = { 4, 2, 2, 5, 1 };
	/* (1,2) (2,4) (3,5) (4,4) (5,5): x̄ 3, ȳ 4, Sxx 10, Sxy 6, so b 0.6 and
	 * a 2.2; residuals -0.8 0.6 1 -0.6 -0.2, SSR 2.4, SST 6: R² 0.6,
	 * s = sqrt(2.4/3); at x = 1 the leverage is 1/5 + 4/10 = 0.6, so the
	 * residual's standard error is s·sqrt(0.4) = sqrt(0.32) */
	double x[] = { 1, 2, 3, 4, 5 }, y[] = { 2, 4, 5, 4, 5 };
	struct ols m;

	CHECK(quantile7(a, 5, 0.25) == 2, "q25 of 1..5");
	CHECK(fabs(quantile7(b, 4, 0.25) - 17.5) < 1e-12, "q25 of 10..40: %g", quantile7(b, 4, 0.25));
	CHECK(fabs(quantile7(b, 4, 0.20) - 16) < 1e-12, "q20 of 10..40: %g", quantile7(b, 4, 0.20));
	CHECK(quantile7(b, 1, 0.25) == 10, "quantile of one value");
	rank_min(r, 5, rk);
	CHECK(memcmp(rk, want, sizeof want) == 0, "ranks %zu %zu %zu %zu %zu", rk[0], rk[1], rk[2], rk[3], rk[4]);
	CHECK(ols_fit(x, y, 5, &m) == 0, "fit");
	CHECK(fabs(m.b - 0.6) < 1e-12 && fabs(m.a - 2.2) < 1e-12, "a %g b %g", m.a, m.b);
	CHECK(fabs(m.r2 - 0.6) < 1e-12 && fabs(m.s - sqrt(0.8)) < 1e-12, "r2 %g s %g", m.r2, m.s);
	CHECK(fabs(ols_residual_se(&m, 1) - sqrt(0.32)) < 1e-12, "se %g", ols_residual_se(&m, 1));
	CHECK(ols_fit(x, y, 2, &m) < 0, "two points: no fit");
	CHECK(ols_fit((double[]){ 1, 1, 1 }, y, 3, &m) < 0, "constant x: no fit");
	CHECK(fabs(sd_of(4, 10, 30) - sqrt(5.0 / 3)) < 1e-12, "sd of 1,2,3,4");

	/* 10 12 14 16: mean 13, s = sqrt(20/3), half-width 1.96 s / 2 */
	double lo, hi, half = 1.96 * sqrt(20.0 / 3) / 2;
	CHECK(ci95(4, 52, 696, &lo, &hi) == 0 && fabs(lo - (13 - half)) < 1e-12 &&
	      fabs(hi - (13 + half)) < 1e-12, "ci95 [%g, %g]", lo, hi);
	CHECK(fabs(13 - half - 10.46965) < 1e-5, "the half-width worked by hand: 2.53035");
	CHECK(ci95(1, 5, 25, &lo, &hi) < 0, "ci95 of one value");

	/* (journal, score): (5,10) (5,12) (4,12) (3,8) (4,6). Average ranks:
	 * journal 4.5 4.5 2.5 1 2.5, score 3 4.5 4.5 2 1; about the mean rank 3:
	 * cov 4.5, var 9 and 9.5, so rho = 4.5 / sqrt(85.5) */
	double t[4 * 13] = { 0 }, rho = 0;
	t[3 * 13 + 10] = 1, t[3 * 13 + 12] = 1, t[2 * 13 + 12] = 1, t[1 * 13 + 8] = 1, t[2 * 13 + 6] = 1;
	CHECK(spearman_table(t, 4, 13, &rho) == 0 && fabs(rho - 4.5 / sqrt(85.5)) < 1e-12, "rho %g", rho);
	memset(t, 0, sizeof t); /* (5,2) (4,5) (3,8): reversed order */
	t[3 * 13 + 2] = 1, t[2 * 13 + 5] = 1, t[1 * 13 + 8] = 1;
	CHECK(spearman_table(t, 4, 13, &rho) == 0 && fabs(rho + 1) < 1e-12, "rho -1: %g", rho);
	memset(t, 0, sizeof t); /* every journal mark 4: undefined, not a sign */
	t[2 * 13 + 2] = 1, t[2 * 13 + 9] = 2;
	CHECK(spearman_table(t, 4, 13, &rho) < 0, "constant journal mark");
}

/* What a title, a file name or a directory says of the work. */
static void
infer_is(const char *text, int bare, int year, const char *proc, const char *subj, int grade)
{
	struct inferred w = { 0 };

	infer_text(&w, text, strlen(text), "t", bare);
	CHECK(w.year == year && w.grade == grade &&
	      (proc ? w.procedure && strcmp(w.procedure, proc) == 0 : !w.procedure) &&
	      (subj ? w.subject && strcmp(w.subject, subj) == 0 : !w.subject),
	      "infer_text(\"%s\") = %d %s %s %d, want %d %s %s %d", text, w.year,
	      w.procedure ? w.procedure : "-", w.subject ? w.subject : "-", w.grade, year,
	      proc ? proc : "-", subj ? subj : "-", grade);
}

static void
test_infer(void)
{
	infer_is("Проведение работы по математике, 5 класс. ВПР 2021", 0, 2021, "VPR", "math", 5);
	infer_is("ВПР 2024 Математика 5 класс", 0, 2024, "VPR", "math", 5);
	infer_is("Проведение работы по французскому языку, 7 класс. ВПР 2021", 0, 2021, "VPR", "french", 7);
	infer_is("12 - Обществознание 2026.07.03", 0, 2026, NULL, "social_studies", 0);
	infer_is("Результаты ОГЭ по русскому языку в 9 классе", 0, 0, "OGE", "russian", 9);
	infer_is("Немецкий язык", 0, 0, NULL, "german", 0);
	infer_is("7", 1, 0, NULL, NULL, 7);
	infer_is("7", 0, 0, NULL, NULL, 0);      /* a bare number: a grade only where asked */
	infer_is("2020", 1, 2020, NULL, NULL, 0);
	infer_is("Протокол 15 класс", 0, 0, NULL, NULL, 0); /* no grade 15 */
	infer_is("Математика (базовая)", 0, 0, NULL, "math_base", 0); /* the longer name wins */
}

/* Answer strings of РЦОИ protocols, worked by hand. */
static void
answers_are(enum answers kind, const char *s, long want, const char *scores, const char *maxes)
{
	double v[64], m[64];
	size_t bad = 0;
	long n = answers_parse(kind, s, strlen(s), v, m, 64, &bad);
	struct sbuf a = { 0 }, b = { 0 };

	for (long i = 0; i < n; i++) {
		sb_printf(&a, "%s%g", i ? " " : "", v[i]);
		sb_printf(&b, "%s%g", i ? " " : "", m[i]);
	}
	sb_putc(&a, '\0');
	sb_putc(&b, '\0');
	CHECK(n == want && (n < 0 || (strcmp(a.s, scores) == 0 && strcmp(b.s, maxes) == 0)),
	      "answers_parse(\"%s\") = %ld [%s] [%s], want %ld [%s] [%s]", s, n, a.s, b.s, want,
	      scores, maxes);
	sb_free(&a);
	sb_free(&b);
}

static void
test_answers(void)
{
	double v[4], m[4];
	size_t bad = 0;

	answers_are(ANSWERS_SHORT, "++-2+0", 6, "1 1 0 2 1 0", "0 0 0 0 0 0");
	answers_are(ANSWERS_SHORT, "+++73---", 8, "1 1 1 7 3 0 0 0", "0 0 0 0 0 0 0 0");
	answers_are(ANSWERS_SHORT, "", 0, "", "");
	answers_are(ANSWERS_CRITERIA, "1(2)0(3)", 2, "1 0", "2 3");
	answers_are(ANSWERS_CRITERIA, "12(15)0(1)", 2, "12 0", "15 1");
	answers_are(ANSWERS_CRITERIA, "3(2)", -1, "", "");   /* above its maximum */
	answers_are(ANSWERS_CRITERIA, "1(2", -1, "", "");
	answers_are(ANSWERS_CRITERIA, "+-", -1, "", "");
	CHECK(answers_parse(ANSWERS_SHORT, "++x+", 4, v, m, 4, &bad) == -1 && bad == 2,
	      "the offset of a character that is not a score");
	CHECK(answers_parse(ANSWERS_SHORT, "+++++", 5, v, m, 4, &bad) == -1 && bad == 5,
	      "more tasks than room");
}

/* Keys of any length, parts that never run together. */
static void
test_key(void)
{
	struct key a, b;
	char big[1000];

	key_of(&a, "sd", "ab", 1);
	key_of(&b, "sd", "a", 1);
	CHECK(a.n == 5 && memcmp(a.s, "ab\0" "1\0", 5) == 0, "key_of sd");
	{ /* numbers as printf writes them */
		static const int nums[] = { 0, 7, -7, 2024, -2147483647 - 1, 2147483647 };
		for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
			struct key c;
			char want[24];
			int n = snprintf(want, sizeof want, "%d", nums[i]);
			key_of(&c, "d", nums[i]);
			CHECK(c.n == (size_t)n + 1 && memcmp(c.s, want, (size_t)n + 1) == 0, "key_of d %d", nums[i]);
			key_free(&c);
		}
	}
	CHECK(a.n != b.n || memcmp(a.s, b.s, a.n) != 0, "keys of different parts differ");
	key_free(&a);
	key_free(&b);
	key_of(&a, "ss", "a", "bc");
	key_of(&b, "ss", "ab", "c");
	CHECK(a.n == b.n && memcmp(a.s, b.s, a.n) != 0, "\"a\" \"bc\" is not \"ab\" \"c\"");
	key_free(&a);
	key_free(&b);
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	key_of(&a, "sds", big, 7, big);
	CHECK(a.n == 2 * 999 + 4 && a.s != a.buf && memcmp(a.s + 999, "\0" "7\0", 3) == 0,
	      "a long key is whole: %zu", a.n);
	key_free(&a);
}

static void
test_utf8(void)
{
	struct sbuf b = { 0 };
	const char *s = "Ж\xd0" "a";  /* Ж, a cut Cyrillic letter, a */

	CHECK(utf8_prefix("ЖЖЖ", 6, 5) == 4, "utf8_prefix cuts between characters");
	CHECK(utf8_prefix("abc", 3, 10) == 3, "utf8_prefix whole");
	utf8_sanitize(&b, s, strlen(s));
	sb_putc(&b, '\0');
	CHECK(strcmp(b.s, "Ж\xef\xbf\xbd" "a") == 0, "utf8_sanitize replaces a stray byte");
	sb_free(&b);
}

/* evidence.c against values worked by hand (and by Python's NormalDist) */
static void
test_evidence(void)
{
	struct surprise s = { 0 };
	double z[3] = { 2, NAN, -1 }, one = 2.5, u, v;
	double r[5] = { 1, 100, 3, 4, 2 }, med, sc;
	/* two scores under b, b, one above; 12 pupils */
	double h[4] = { 1, 2, 6, 3 }, e[4] = { 0.2, 0.3, 0.25, 0.25 }, e0[4] = { 0.2, 0, 0.5, 0.3 };

	CHECK(fabs(norm_sf(1.959963984540054) - 0.025) < 1e-15, "norm_sf(1.96) %.17g", norm_sf(1.959963984540054));
	CHECK(fabs(norm_isf(0.025) - 1.959963984540054) < 1e-12, "norm_isf(0.025) %.17g", norm_isf(0.025));
	/* 0.5 erfc(x / sqrt 2) = 1.0000000000000016e-10 at this x */
	CHECK(fabs(norm_isf(1e-10) - 6.361340902404057) < 1e-9, "norm_isf(1e-10) %.17g", norm_isf(1e-10));
	CHECK(fabs(norm_isf(0.9) + 1.2815515655446004) < 1e-12, "norm_isf(0.9) %.17g", norm_isf(0.9));
	/* digamma(1) = -Euler's gamma, digamma(1/2) = -gamma - 2 ln 2, digamma(2.5) =
	 * digamma(1/2) + 2 + 2/3; trigamma(1) = pi^2/6, trigamma(1/2) = pi^2/2,
	 * trigamma(2.5) = pi^2/2 - 4 - 4/9 (the recurrences by hand) */
	CHECK(fabs(digamma(1) + 0.5772156649015329) < 1e-11, "digamma(1) %.17g", digamma(1));
	CHECK(fabs(digamma(0.5) + 0.5772156649015329 + 2 * log(2)) < 1e-11, "digamma(0.5) %.17g", digamma(0.5));
	CHECK(fabs(digamma(2.5) - (-0.5772156649015329 - 2 * log(2) + 2 + 2.0 / 3)) < 1e-11, "digamma(2.5)");
	CHECK(fabs(trigamma(1) - M_PI * M_PI / 6) < 1e-10, "trigamma(1) %.17g", trigamma(1));
	CHECK(fabs(trigamma(0.5) - M_PI * M_PI / 2) < 1e-10, "trigamma(0.5) %.17g", trigamma(0.5));
	CHECK(fabs(trigamma(2.5) - (M_PI * M_PI / 2 - 4 - 4.0 / 9)) < 1e-10, "trigamma(2.5) %.17g", trigamma(2.5));
	/* large x: digamma ~ log x - 1/(2x), trigamma ~ 1/x + 1/(2x^2) */
	CHECK(fabs(digamma(1000) - (log(1000) - 0.0005 - 1 / 12e6)) < 1e-12, "digamma(1000)");
	CHECK(fabs(trigamma(1000) - (0.001 + 0.5e-6 + 1 / 6e9)) < 1e-13, "trigamma(1000)");
	CHECK(fabs(chisq_sf(3.841458820694124, 1) - 0.05) < 1e-14, "chisq_sf 1 df");
	CHECK(fabs(chisq_sf(5.991464547107979, 2) - 0.05) < 1e-14, "chisq_sf 2 df");
	CHECK(fabs(chisq_sf(7.814727903251178, 3) - 0.05) < 1e-14, "chisq_sf 3 df");
	CHECK(fabs(chisq_sf(9.487729036781154, 4) - 0.05) < 1e-14, "chisq_sf 4 df");
	/* two kinds known, S = 4: p = 1/2 P(chi2_1 >= 4) + 1/4 P(chi2_2 >= 4) */
	CHECK(fabs(combine_one_sided(z, 3) - 1.5841134440791438) < 1e-9, "combined %.17g", combine_one_sided(z, 3));
	CHECK(fabs(combine_one_sided(&one, 1) - 2.5) < 1e-9, "one kind is itself: %.17g", combine_one_sided(&one, 1));
	z[0] = -3;
	CHECK(combine_one_sided(z, 3) == 0, "nothing upwards is 0");
	/* U = 6 / 0.25 - 1 / (2 x 0.2) - 2 / (2 x 0.3) = 24 - 2.5 - 3.3333333;
	 * var = 12 (4 + 1 / (4 x 0.2) + 1 / (4 x 0.3)) = 12 x 6.0833333 = 73 */
	CHECK(boundary_score(h, e, 4, 2, &u, &v) == 0 && fabs(u - (24 - 2.5 - 10.0 / 3)) < 1e-12 && fabs(v - 73) < 1e-12,
	      "boundary score %.17g %.17g", u, v);
	CHECK(boundary_score(h, e0, 4, 2, &u, &v) < 0 && boundary_score(h, e, 4, 0, &u, &v) < 0 &&
	      boundary_score(h, e, 4, 4, &u, &v) < 0, "boundary score edges");
	CHECK(robust_scale(r, 5, &med, &sc) == 0 && med == 3 && fabs(sc - 1.4826) < 1e-12, "robust %g %g", med, sc);
	{ /* med 3, 1.4826 MAD, tau2 = 1.4826^2 - 0.5: z = (d - 3) / 1.4826 */
		double d5[5] = { 1, 2, 3, 4, 100 }, v5[5] = { 0.5, 0.5, 0.5, 0.5, 0.5 }, z5[5];
		double d0[5] = { 0, 0, 0, 1, -1 }, v0[5] = { 4, 4, 4, 4, 4 };
		CHECK(calibrated_z(d5, v5, 5, z5) == 0 && fabs(z5[0] + 2 / 1.4826) < 1e-12 &&
		      fabs(z5[4] - 97 / 1.4826) < 1e-12 && d5[4] == 100 && v5[0] == 0.5, "calibrated %g %g", z5[0], z5[4]);
		/* no spread beyond sampling (MAD 0 < the median 4): tau2 0, z = d / 2 */
		CHECK(calibrated_z(d0, v0, 5, z5) == 0 && z5[3] == 0.5 && z5[4] == -0.5 && z5[0] == 0, "calibrated floor");
	}
	{ /* median 1; deviations 0 1 1 2 2 3 9, their median 2 */
		double zz[7] = { -2, -1, 0, 1, 2, 3, 10 }, narrow[5] = { 0, 0, 0, 0.1, 5 }, c, sc2;
		CHECK(empirical_null(zz, 7, 5, &c, &sc2) == 0 && c == 1 && fabs(sc2 - 2 * 1.4826) < 1e-12 && zz[6] == 10,
		      "empirical null %g %g", c, sc2);
		/* MAD 0: never sharper than N(0, 1), the median kept */
		CHECK(empirical_null(narrow, 5, 5, &c, &sc2) == 0 && c == 0 && sc2 == 1, "empirical narrow %g %g", c, sc2);
		CHECK(empirical_null(zz, 7, 8, &c, &sc2) == -1 && c == 0 && sc2 == 1, "empirical too few");
	}
	{ /* y = 0 1 3 3 at x = 0 1 2 3, weights 1 1 2 1, two neighbours. At x = 0
	   * the two nearest are x = 1 and 2 (w 1, 2): their mean (1 + 6) / 3 =
	   * 7/3; their line, through (1, 1) and (2, 3), says -1 at 0. At x = 3
	   * the nearest are x = 2 and 1 (the tie to the left): mean 7/3, line 5.
	   * At x = 1: x = 0 and 2 (w 1, 2): mean 2, line through (0, 0) and (2, 3)
	   * 1.5. Three points at one x: no line, their mean. */
		double x[4] = { 0, 1, 2, 3 }, y[4] = { 0, 1, 3, 3 }, w[4] = { 1, 1, 2, 1 }, c[4], l[4];
		double xs[3] = { 5, 5, 5 }, ys[3] = { 1, 2, 6 }, ws[3] = { 1, 1, 1 }, ls[3];
		CHECK(local_expect(x, y, w, 4, 2, c) == 0 && fabs(c[0] - 7.0 / 3) < 1e-12 && fabs(c[3] - 7.0 / 3) < 1e-12 &&
		      fabs(c[1] - 2) < 1e-12, "local_expect %g %g %g", c[0], c[1], c[3]);
		CHECK(local_linear_expect(x, y, w, 4, 2, l) == 0 && fabs(l[0] + 1) < 1e-12 && fabs(l[3] - 5) < 1e-12 &&
		      fabs(l[1] - 1.5) < 1e-12, "local_linear_expect %g %g %g", l[0], l[1], l[3]);
		CHECK(local_linear_expect(xs, ys, ws, 3, 2, ls) == 0 && fabs(ls[0] - 4) < 1e-12 && fabs(ls[2] - 1.5) < 1e-12,
		      "local_linear_expect at one x %g %g", ls[0], ls[2]);
		CHECK(local_linear_expect(x, y, w, 1, 2, l) == -1, "local_linear_expect of one");
	}
	{ /* equal scores share a place; the next place counts them */
		struct ranked rv[4] = { { "A", "a", 3, 0, 0 }, { "A", "b", 5, 0, 0 }, { "A", "c", 5, 0, 0 }, { "B", "d", 1, 0, 0 } };
		rank_by_group(rv, 4);
		CHECK(strcmp(rv[0].id, "b") == 0 && rv[0].rank == 1 && strcmp(rv[1].id, "c") == 0 && rv[1].rank == 1 &&
		      strcmp(rv[2].id, "a") == 0 && rv[2].rank == 3 && rv[2].of == 3 && rv[3].rank == 1 && rv[3].of == 1,
		      "rank_by_group %s %d %s %d %s %d", rv[0].id, rv[0].rank, rv[1].id, rv[1].rank, rv[2].id, rv[2].rank);
	}
	surprise_add(&s, 2, 1, 10);
	surprise_add(&s, 1, 3, 5);
	surprise_add(&s, 7, 0, 5); /* no variance: nothing known, not added */
	CHECK(surprise_z(&s) == 1.5 && s.n == 15 && s.parts == 2, "surprise %g", surprise_z(&s));
	{ /* one part of z 3 among four of 0: pooled 1.5 (p .0668), the part's
	   * p .00135 over four parts 1 - (1 - .00135)^4 = .00539: z 2.5498;
	   * four parts of 1.5: pooled 3 wins (p .00135 against .2416): z 3 */
		struct surprise a = { 0 }, b = { 0 };
		surprise_add(&a, 3, 1, 1);
		for (int i = 0; i < 3; i++)
			surprise_add(&a, 0, 1, 1);
		for (int i = 0; i < 4; i++)
			surprise_add(&b, 1.5, 1, 1);
		CHECK(fabs(surprise_z_dense_or_sparse(&a) - 2.549837) < 1e-5 &&
		      fabs(surprise_z_dense_or_sparse(&b) - 3) < 1e-5 && a.zmax == 3,
		      "dense or sparse %g %g", surprise_z_dense_or_sparse(&a), surprise_z_dense_or_sparse(&b));
	}
}

/* jrec_parse reads only the canonical form; what it reads is what jansson
 * reads. */
static void
test_jview(void)
{
	static const struct { const char *line; int ok; } lines[] = {
		{ "{\"type\":\"result\",\"year\":2024,\"tasks\":[1,null,0],\"absent\":true}", 0 },
		{ "{\"a\":\"5А\",\"b\":-12,\"c\":false,\"d\":[],\"e\":0}", 0 },
		{ "{\"a\":1 }", -1 },                 /* whitespace */
		{ "{ \"a\":1}", -1 },
		{ "{\"a\":01}", -1 },                 /* leading zero */
		{ "{\"a\":-0}", 0 },                  /* a number, not as jw_int writes 0 */
		{ "{\"a\":1.5,\"b\":-2.5e-3}", 0 },
		{ "{\"a\":1e400}", -1 },              /* beyond a double */
		{ "{\"a\":1.}", -1 },
		{ "{\"a\":.5}", -1 },
		{ "{\"a\":1234567890123456}", -1 },   /* 16 digits */
		{ "{\"a\":\"x\\ny\"}", -1 },          /* an escape */
		{ "{\"a\":\"\xd0\"}", -1 },           /* cut UTF-8 */
		{ "{\"a\":\"\xed\xa0\x80\"}", -1 },   /* a surrogate */
		{ "{\"a\":{\"b\":1}}", -1 },          /* nested object */
		{ "{\"a\":[[1]]}", -1 },
		{ "{\"a\":1}x", -1 },                 /* trailing bytes */
		{ "{\"a\":1,}", -1 },
		{ "{\"a\":tru}", -1 },
		{ "{}", -1 },
		{ "{\"a\":\"b\"", -1 },
	};
	struct jrec *r = emalloc(sizeof *r);
	const struct jview *v;

	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
		CHECK(jrec_parse(r, lines[i].line, strlen(lines[i].line)) == lines[i].ok,
		      "jrec_parse(%s) != %d", lines[i].line, lines[i].ok);
	jrec_parse(r, lines[0].line, strlen(lines[0].line));
	v = jrec_get(r, "tasks");
	CHECK(r->nmembers == 4 && v && v->kind == JV_ARR && v->nitems == 3 &&
	      r->items[v->first].i == 1 && r->items[v->first + 1].kind == JV_NULL,
	      "members of the first line");
	v = jrec_get(r, "year");
	CHECK(v && v->kind == JV_INT && v->i == 2024 && !jrec_get(r, "yea"), "year");
	jrec_parse(r, lines[1].line, strlen(lines[1].line));
	v = jrec_get(r, "b");
	CHECK(v && v->i == -12 && jrec_get(r, "a")->n == strlen("5А"), "negative number, UTF-8 text");
	jrec_parse(r, "{\"a\":-0,\"b\":-2.5e-3,\"c\":7}", strlen("{\"a\":-0,\"b\":-2.5e-3,\"c\":7}"));
	CHECK(jrec_get(r, "a")->kind == JV_NUM && jrec_get(r, "a")->d == 0 &&
	      jrec_get(r, "b")->kind == JV_NUM && jrec_get(r, "b")->d == -2.5e-3 &&
	      jrec_get(r, "c")->kind == JV_INT && jrec_get(r, "c")->d == 7, "number kinds");
	free(r);
}

/* schema_accepts says what schema_validate says, on the result schema's
 * type, enum, bounds, pattern, items and its if/then/else of presence. */
static void
test_schema_accepts(void)
{
	static const struct { const char *line; int ok; } recs[] = {
#define R "{\"type\":\"result\",\"year\":2024,\"procedure\":\"VPR\",\"subject\":\"math\",\"grade\":5,\"school_id\":\"s1\",\"student_id\":\"p1\""
		{ R ",\"mark\":3}", 1 },
		{ R ",\"tasks\":[1,0,null],\"primary_score\":1,\"mark\":2}", 1 },
		{ R ",\"absent\":true}", 1 },
		{ R "}", 0 },                              /* no score of any kind (else branch) */
		{ R ",\"absent\":true,\"mark\":3}", 0 },   /* absent with a mark (then branch) */
		{ R ",\"absent\":false,\"mark\":3}", 0 },  /* const true */
		{ R ",\"mark\":6}", 0 },                   /* above the maximum */
		{ R ",\"mark\":3,\"journal_mark\":1}", 0 },
		{ R ",\"tasks\":[101],\"mark\":3}", 0 },   /* an item above 100 */
		{ R ",\"tasks\":[\"1\"],\"mark\":3}", 0 }, /* an item of the wrong type */
		{ R ",\"mark\":3,\"extra\":1}", 0 },       /* additionalProperties */
		{ R ",\"mark\":3,\"retake\":2}", 0 },      /* enum 0, 1 */
		{ R ",\"mark\":3,\"retake\":1}", 1 },
		{ R ",\"primary_score\":12.5}", 1 },      /* a number */
		{ R ",\"mark\":3.0}", 1 },                /* 3.0 is an integer to JSON Schema */
		{ R ",\"mark\":3.5}", 0 },
		{ R ",\"tasks\":[0.5,1e0],\"mark\":3}", 1 },
		{ R ",\"primary_score\":-0.5}", 0 },      /* below the minimum */
		{ R ",\"mark\":3,\"class_name\":\"\"}", 0 }, /* minLength */
		{ "{\"type\":\"result\",\"year\":2024,\"procedure\":\"VPR\",\"subject\":\"math\",\"grade\":5,"
		  "\"school_id\":\"s1 \",\"student_id\":\"p1\",\"mark\":3}", 0 }, /* pattern: no trailing space */
		{ "{\"type\":\"result\",\"year\":2024,\"procedure\":\"ВПР\",\"subject\":\"math\",\"grade\":5,"
		  "\"school_id\":\"s1\",\"student_id\":\"p1\",\"mark\":3}", 0 }, /* a name, not a code */
		{ "{\"type\":\"result\",\"year\":2024,\"procedure\":\"VPR\",\"subject\":\"math\","
		  "\"school_id\":\"s1\",\"student_id\":\"p1\",\"mark\":3}", 0 }, /* no grade */
		{ "{\"type\":\"school\",\"year\":2024}", 0 },
#undef R
	};
	char *path = eq_datapath("types/result.schema.json");
	struct schema *s = schema_load(path);
	struct jrec *r = emalloc(sizeof *r);
	char err[300];

	for (size_t i = 0; i < sizeof recs / sizeof *recs; i++) {
		json_t *j = json_loads(recs[i].line, 0, NULL);
		int full = j && schema_validate(s, j, err, sizeof err) == 0;

		CHECK(jrec_parse(r, recs[i].line, strlen(recs[i].line)) == 0, "parse %s", recs[i].line);
		CHECK(schema_accepts(s, r) == recs[i].ok, "schema_accepts(%s) != %d", recs[i].line, recs[i].ok);
		CHECK(full == recs[i].ok, "schema_validate(%s) != %d", recs[i].line, recs[i].ok);
		json_decref(j);
	}
	free(r);
	free(path);
	schema_free(s);
}

/* reduce_result: a result of the same school and procedure as the last
 * reuses its checks and sums; anything else that differs starts again */
static void
test_reduce_last(void)
{
	static const struct { const char *line; int want; } rows[] = {
		{ "{\"type\":\"result\",\"year\":2024,\"procedure\":\"VPR\",\"subject\":\"math\",\"grade\":5,\"school_id\":\"s1\",\"mark\":2}", 1 },
		{ "{\"type\":\"result\",\"year\":2024,\"procedure\":\"VPR\",\"subject\":\"math\",\"grade\":5,\"school_id\":\"s1\",\"mark\":3}", 1 },
		/* the same school, another grade, year, subject, procedure */
		{ "{\"type\":\"result\",\"year\":2024,\"procedure\":\"VPR\",\"subject\":\"math\",\"grade\":6,\"school_id\":\"s1\",\"mark\":4}", 1 },
		{ "{\"type\":\"result\",\"year\":2023,\"procedure\":\"VPR\",\"subject\":\"math\",\"grade\":6,\"school_id\":\"s1\",\"mark\":4}", 1 },
		{ "{\"type\":\"result\",\"year\":2023,\"procedure\":\"VPR\",\"subject\":\"russian\",\"grade\":6,\"school_id\":\"s1\",\"mark\":5}", 1 },
		{ "{\"type\":\"result\",\"year\":2023,\"procedure\":\"OGE\",\"subject\":\"russian\",\"grade\":6,\"school_id\":\"s1\",\"mark\":5}", 1 },
		/* school, procedure and subject run together equal, split apart not */
		{ "{\"type\":\"result\",\"year\":2023,\"procedure\":\"OGE\",\"subject\":\"russian\",\"grade\":6,\"school_id\":\"s1O\",\"mark\":2}", 1 },
		/* after a valid one, a bad school_id, a bad code: still refused */
		{ "{\"type\":\"result\",\"year\":2023,\"procedure\":\"OGE\",\"subject\":\"russian\",\"grade\":6,\"school_id\":\" s1\",\"mark\":2}", -1 },
		{ "{\"type\":\"result\",\"year\":2023,\"procedure\":\"OGE\",\"subject\":\"russianx\",\"grade\":6,\"school_id\":\"s1O\",\"mark\":2}", -1 },
		{ "{\"type\":\"result\",\"year\":2024,\"procedure\":\"VPR\",\"subject\":\"math\",\"grade\":5,\"school_id\":\"s1\",\"mark\":2}", 1 },
	};
	struct reduce r = { 0 };
	const struct proc_acc *a;
	const char *why;

	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		int got = reduce_result(&r, rows[i].line, strlen(rows[i].line), &why);
		CHECK(got == rows[i].want, "reduce_result row %zu: %d, want %d", i, got, rows[i].want);
	}
	CHECK(r.n == 6, "reduce: %zu sums, want 6", r.n);
	a = reduce_find(&r, "s1", 2024, "VPR", "math", 5);
	CHECK(a && a->n == 3 && a->n_fail == 2 && a->marks[1] == 1, "reduce: s1 VPR math 5");
	a = reduce_find(&r, "s1O", 2023, "OGE", "russian", 6);
	CHECK(a && a->n == 1 && a->n_fail == 1, "reduce: s1O OGE russian 6");
	a = reduce_find(&r, "s1", 2023, "OGE", "russian", 6);
	CHECK(a && a->n == 1 && a->marks[3] == 1, "reduce: s1 OGE russian 6");
	CHECK(!reduce_find(&r, " s1", 2023, "OGE", "russian", 6), "reduce: a bad school_id counted");
	reduce_free(&r);
}

/* marker_is turns a cell away by its first character before it builds the
 * key: the answer must be the key's (schemas/ref/markers.tsv). */
static void
test_markers(void)
{
	static const struct { const char *what, *cell; int want; } t[] = {
		{ "no_value", "-", 1 }, { "no_value", "  -  ", 1 }, { "no_value", "нет", 1 },
		{ "no_value", "НЕТ ОТМЕТКИ", 1 }, { "no_value", "\xc2\xa0нет", 1 },
		{ "no_value", "5", 0 }, { "no_value", "-1", 0 }, { "no_value", "", 0 },
		{ "no_value", "x", 0 }, { "no_value", " ", 0 },
	};

	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		CHECK(marker_is(t[i].what, t[i].cell, strlen(t[i].cell)) == t[i].want,
		      "marker_is(%s, \"%s\") != %d", t[i].what, t[i].cell, t[i].want);
	/* upper-case ASCII is folded before the first character is looked at */
	CHECK(marker_is("true", "YES", 3) == 1, "YES is true");
	CHECK(marker_is("true", " Y\t", 3) == 1, "Y is true");
	CHECK(marker_is("true", "+", 1) == 1 && marker_is("false", "0", 1) == 1, "+ and 0");
	CHECK(marker_is("true", "2", 1) == 0 && marker_is("false", "00", 2) == 0, "2 and 00 are not");
}

int
main(void)
{
	argv0 = "unit";
	scales_load();
	test_numbers();
	test_escape();
	test_rec_type();
	test_rec_fields();
	test_parse_number();
	test_year_grade();
	test_text();
	test_fpset();
	test_input();
	test_ru();
	test_scales();
	test_stats();
	dict_load();
	test_markers();
	test_infer();
	test_answers();
	test_key();
	test_utf8();
	test_evidence();
	test_jview();
	test_schema_accepts();
	test_reduce_last();
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed != 0;
}
