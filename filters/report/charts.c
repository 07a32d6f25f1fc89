/* charts.c: the charts as inline SVG: ИСБШ against result level, a flagged
 * school's score distribution against the region's, mark shares. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "basis.h"
#include "dict.h"
#include "eqreport.h"
#include "jget.h"
#include "json.h"
#include "key.h"
#include "report.h"
#include "ru.h"
#include "scales.h"
#include "schools.h"
#include "text.h"
#include "util.h"

struct axes {
	double x0, x1, y0, y1;     /* data ranges */
	double left, top, w, h;    /* the plot area in pixels */
	int xdec, ydec;
};

static void
svg_text(double x, double y, const char *anchor, const char *cls, const char *s)
{
	printf("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">", x, y, anchor, cls);
	out_esc(s);
	fputs("</text>", stdout);
}

/* Tick step of about n ticks over a span: 1, 2 or 5 times a power of ten. */
static double
tick_step(double span, int n)
{
	double raw = span / n, p = pow(10, floor(log10(raw))), f = raw / p;

	return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

static double
px(const struct axes *a, double x)
{
	return a->left + (x - a->x0) / (a->x1 - a->x0) * a->w;
}

static double
py(const struct axes *a, double y)
{
	return a->top + a->h - (y - a->y0) / (a->y1 - a->y0) * a->h;
}

static void
draw_axes(const struct axes *a, const char *xlabel, const char *ylabel, int pct_y)
{
	double sx = tick_step(a->x1 - a->x0, 6), sy = tick_step(a->y1 - a->y0, 5);
	char t[48];

	printf("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"plot\"/>",
	       a->left, a->top, a->w, a->h);
	for (double v = ceil(a->x0 / sx) * sx; v <= a->x1 + 1e-9; v += sx) {
		printf("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>",
		       px(a, v), a->top, px(a, v), a->top + a->h);
		svg_text(px(a, v), a->top + a->h + 16, "middle", "tick", ru_num(t, sizeof t, v + 0.0, a->xdec));
	}
	for (double v = ceil(a->y0 / sy) * sy; v <= a->y1 + 1e-9; v += sy) {
		printf("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>",
		       a->left, py(a, v), a->left + a->w, py(a, v));
		if (pct_y)
			snprintf(t, sizeof t, "%.0f %%", 100 * v);
		else
			ru_num(t, sizeof t, v, a->ydec);
		svg_text(a->left - 6, py(a, v) + 4, "end", "tick", t);
	}
	svg_text(a->left + a->w / 2, a->top + a->h + 36, "middle", "label", xlabel);
	printf("<text transform=\"translate(14 %.1f) rotate(-90)\" text-anchor=\"middle\" "
	       "class=\"label\">", a->top + a->h / 2);
	out_esc(ylabel);
	fputs("</text>", stdout);
}

static void
svg_begin(double w, double h, const char *title)
{
	printf("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
	       "viewBox=\"0 0 %.0f %.0f\" role=\"img\"><title>", w, h, w, h);
	out_esc(title);
	fputs("</title>", stdout);
}

static void
svg_end(const char *caption)
{
	fputs("</svg><figcaption>", stdout);
	out_esc(caption);
	puts("</figcaption></figure>");
}

/* Point labels that do not overlap: each tries four places around its
 * point and is left out (its tooltip stays) when all are taken. */
struct label_box {
	double x0, y0, x1, y1;
};

static int
label_free(const struct label_box *v, size_t n, struct label_box b, const struct axes *a)
{
	if (b.x0 < a->left || b.x1 > a->left + a->w + 8 || b.y0 < a->top - 4 || b.y1 > a->top + a->h + 4)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (b.x0 < v[i].x1 && v[i].x0 < b.x1 && b.y0 < v[i].y1 && v[i].y0 < b.y1)
			return 0;
	return 1;
}

/* A school's name for a label: the part in «» when there is one
 * (МБОУ «Берёзовская СОШ» -> Берёзовская СОШ), at most 24 characters. */
static void
short_name(char *buf, size_t size, const char *id)
{
	const char *n = title_of(id), *l = strstr(n, "«"), *r = l ? strstr(l, "»") : NULL;
	size_t len, chars = 0, i;

	if (l && r && r > l + strlen("«"))
		n = l + strlen("«"), len = (size_t)(r - n);
	else
		len = strlen(n);
	for (i = 0; i < len && chars < 24; i++)
		chars += ((unsigned char)n[i] & 0xc0) != 0x80;
	while (i < len && ((unsigned char)n[i] & 0xc0) == 0x80)
		i++;
	snprintf(buf, size, "%.*s%s", (int)i, n, i < len ? "…" : "");
}

/* ИСБШ against result level for the schools of one model's group. */
static void
chart_isbs(const json_t *model)
{
	const char *group = jstr(model, "group");
	int y = jint(model, "year");
	json_t **pts = emalloc((rs.nschools + 1) * sizeof *pts);
	size_t n = 0;
	struct axes a = { .left = 64, .top = 34, .w = 560, .h = 330, .xdec = 0, .ydec = 1 };
	double a0 = jnum(model, "a"), b1 = jnum(model, "b"), cut = NAN;
	char title[1600], x[2][48];

	for (size_t i = 0; i < rs.nschools; i++) {
		json_t *o = get(K_ISBS, rs.schools[i].id, y);
		if (o && strcmp(jstr(o, "group"), group) == 0 && isfinite(jnum(o, "isbs")) &&
		    isfinite(jnum(o, "result_level")))
			pts[n++] = o;
	}
	if (n < 2) {
		free(pts);
		return;
	}
	a.x0 = a.y0 = INFINITY;
	a.x1 = a.y1 = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		double px_ = jnum(pts[i], "isbs"), py_ = jnum(pts[i], "result_level");
		a.x0 = fmin(a.x0, px_), a.x1 = fmax(a.x1, px_);
		a.y0 = fmin(a.y0, py_), a.y1 = fmax(a.y1, py_);
		if (isfinite(jnum(pts[i], "threshold")))
			cut = jnum(pts[i], "threshold");
	}
	if (isfinite(cut))
		a.x0 = fmin(a.x0, cut), a.x1 = fmax(a.x1, cut);
	{
		double dx = (a.x1 - a.x0) * 0.06 + 1e-6, dy = (a.y1 - a.y0) * 0.08 + 1e-6;
		a.x0 -= dx, a.x1 += dx, a.y0 -= dy, a.y1 += dy;
	}
	snprintf(title, sizeof title, "ИСБШ и уровень результатов: %s, %d г.", group, y);
	svg_begin(640, 420, title);
	draw_axes(&a, "Индекс социального благополучия школы (ИСБШ)",
	          "Уровень результатов", 0);
	rs.svg_id++;
	printf("<clipPath id=\"c%d\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>"
	       "</clipPath>", rs.svg_id, a.left, a.top, a.w, a.h);
	if (isfinite(a0) && isfinite(b1))
		printf("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"fit\" "
		       "clip-path=\"url(#c%d)\"/>", px(&a, a.x0), py(&a, a0 + b1 * a.x0), px(&a, a.x1),
		       py(&a, a0 + b1 * a.x1), rs.svg_id);
	if (isfinite(cut)) {
		printf("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"cut\"/>",
		       px(&a, cut), a.top, px(&a, cut), a.top + a.h);
		svg_text(px(&a, cut) + 4, a.top + 12, "start", "tick", "порог ШНСУ");
	}
	struct label_box *boxes = emalloc((2 * n + 1) * sizeof *boxes);
	size_t nboxes = 0, unlabelled = 0;
	double reg_x;
	int drawn[4] = { 0 }; /* exp, res, under, other: the legend shows what is drawn */
	for (size_t i = 0; i < n; i++) { /* the points themselves are taken first */
		double cx = px(&a, jnum(pts[i], "isbs")), cy = py(&a, jnum(pts[i], "result_level"));
		boxes[nboxes++] = (struct label_box){ cx - 5, cy - 7, cx + 5, cy + 5 };
	}
	for (size_t i = 0; i < n; i++) {
		const char *id = jstr(pts[i], "school_id"), *cls = jstr(pts[i], "context_class");
		double cx = px(&a, jnum(pts[i], "isbs")), cy = py(&a, jnum(pts[i], "result_level"));
		const char *c = !in_scope(id) ? "other" : strcmp(cls, "resilient") == 0 ? "res" :
		                strcmp(cls, "underperforming") == 0 ? "under" : "exp";
		drawn[strcmp(c, "exp") == 0 ? 0 : strcmp(c, "res") == 0 ? 1 : strcmp(c, "under") == 0 ? 2 : 3] = 1;
		if (strcmp(c, "res") == 0)
			printf("<path d=\"M%.1f %.1fl6.5 11h-13z\" class=\"res\">", cx, cy - 7);
		else
			printf("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" class=\"%s\">", cx, cy, c);
		snprintf(title, sizeof title, "%s (%s): ИСБШ %s, уровень результатов %s — %s",
		         title_of(id), id, ru_num(x[0], 48, jnum(pts[i], "isbs"), 1),
		         ru_num(x[1], 48, jnum(pts[i], "result_level"), 2), class_words(cls));
		fputs("<title>", stdout);
		out_esc(title);
		fputs(strcmp(c, "res") == 0 ? "</title></path>" : "</title></circle>", stdout);
		if (in_scope(id)) {
			static const double dx[4] = { 7, 7, -7, -7 }, dy[4] = { -6, 12, -6, 12 };
			char name[160];
			double w;
			int k;
			short_name(name, sizeof name, id);
			w = 0;
			for (const char *q = name; *q; q++) /* about 5.5 px a character at 9 px */
				w += ((unsigned char)*q & 0xc0) != 0x80 ? 5.5 : 0;
			for (k = 0; k < 4; k++) {
				struct label_box b = { dx[k] > 0 ? cx + dx[k] : cx + dx[k] - w, cy + dy[k] - 8,
					dx[k] > 0 ? cx + dx[k] + w : cx + dx[k], cy + dy[k] + 2 };
				if (label_free(boxes, nboxes, b, &a)) {
					boxes[nboxes++] = b;
					svg_text(cx + dx[k], cy + dy[k], dx[k] > 0 ? "start" : "end", "pt", name);
					break;
				}
			}
			unlabelled += k == 4;
		}
	}
	free(boxes);
	{ /* legend: only what is drawn */
		static const char *const what[3] = { "школа", "резильентная", "ниже ожидаемых" };
		double lx = 70;
		for (int k = 0; k < 3; k++) {
			if (!drawn[k])
				continue;
			if (k == 1)
				printf("<path d=\"M%.0f 9l6.5 11h-13z\" class=\"res\"/>", lx);
			else
				printf("<circle cx=\"%.0f\" cy=\"16\" r=\"5\" class=\"%s\"/>", lx, k ? "under" : "exp");
			svg_text(lx + 10, 20, "start", "tick", what[k]);
			lx += 10 + 7 * (double)strlen(what[k]) / 1.6 + 18;
		}
		if (drawn[3]) {
			printf("<circle cx=\"%.0f\" cy=\"16\" r=\"5\" class=\"other\"/>", lx);
			svg_text(lx + 10, 20, "start", "tick", "другие школы");
			lx += 10 + 7 * (double)strlen("другие школы") / 1.6 + 18;
		}
		printf("<line x1=\"%.0f\" y1=\"16\" x2=\"%.0f\" y2=\"16\" class=\"fit\"/>", lx - 5, lx + 20);
		reg_x = lx + 25;
	}
	snprintf(title, sizeof title, "регрессия: %s + %s·ИСБШ", ru_num(x[0], 48, a0, 2),
	         ru_num(x[1], 48, b1, 3));
	svg_text(reg_x, 20, "start", "tick", title);
	snprintf(title, sizeof title, "Рис. %d. ИСБШ и уровень результатов школ (%s, %d г.); линия — "
	         "ожидаемый уровень по ИСБШ (R² = %s)%s.", rs.svg_id, group, y,
	         ru_num(x[0], 48, jnum(model, "r2"), 2),
	         unlabelled ? "; подписи, которые не помещаются, — во всплывающей подсказке точки" : "");
	svg_end(title);
	free(pts);
}

/* The primary-score distribution of a school against the region's. */
static void
chart_distribution(const json_t *obj)
{
	const json_t *signs = json_object_get(obj, "signs"), *best = NULL;
	const char *id = jstr(obj, "school_id"), *proc, *subj;
	const struct proc_acc *sa;
	const struct scale *sc;
	double *reg, regn = 0, top = 0;
	size_t nb = 0;
	int y, grade;
	struct axes a = { .left = 64, .top = 34, .w = 560, .h = 220, .xdec = 0 };
	char title[1600];
	struct sbuf pw = { 0 };

	for (size_t k = 0; k < json_array_size(signs); k++) {
		const json_t *g = json_array_get(signs, k);
		if (*jstr(g, "subject") && jint(g, "grade") &&
		    (!best || jnum(g, "strength") > jnum(best, "strength")))
			best = g;
	}
	if (!best)
		return;
	proc = jstr(best, "procedure"), subj = jstr(best, "subject"), grade = jint(best, "grade");
	y = jint(best, "year") ? jint(best, "year") : rs.year;
	proc_words(&pw, proc, subj, grade);
	sb_putc(&pw, '\0');
	if (!(sa = reduce_find(&rs.red, id, y, proc, subj, grade)) || !sa->d || !sa->d->hist) {
		sb_free(&pw);
		return;
	}
	if (sa->n_score < rs.min_n) {
		para("%s (%s), %s, %d г.: менее %d участников, распределение не показано.",
		     title_of(id), id, pw.s, y, rs.min_n);
		sb_free(&pw);
		return;
	}
	for (size_t i = 0; i < rs.red.n; i++) {
		const struct proc_acc *r = rs.red.v[i];
		if (r->year == y && r->grade == grade && strcmp(r->procedure, proc) == 0 &&
		    strcmp(r->subject, subj) == 0 && r->d && r->d->nbins > nb)
			nb = r->d->nbins;
	}
	sc = scale_find(y, proc, subj, grade);
	if (sc && sc->max + 1 > nb)
		nb = (size_t)sc->max + 1;
	reg = ecalloc(nb, sizeof *reg);
	for (size_t i = 0; i < rs.red.n; i++) {
		const struct proc_acc *r = rs.red.v[i];
		if (r->year != y || r->grade != grade || strcmp(r->procedure, proc) != 0 ||
		    strcmp(r->subject, subj) != 0 || !r->d)
			continue;
		for (size_t k = 0; k < r->d->nbins; k++)
			reg[k] += r->d->hist[k], regn += r->d->hist[k];
	}
	for (size_t k = 0; k < nb; k++) {
		double s = k < sa->d->nbins ? sa->d->hist[k] / sa->n_score : 0;
		top = fmax(top, fmax(s, regn > 0 ? reg[k] / regn : 0));
	}
	a.x0 = -0.5, a.x1 = (double)nb - 0.5, a.y0 = 0, a.y1 = top > 0 ? top * 1.1 : 1;
	snprintf(title, sizeof title, "Распределение первичных баллов: %s, %s, %d г.",
	         title_of(id), pw.s, y);
	svg_begin(640, 310, title);
	draw_axes(&a, "Первичный балл", "Доля участников", 1);
	for (size_t k = 0; k < nb && k < sa->d->nbins; k++) {
		double s = sa->d->hist[k] / sa->n_score, bw = a.w / (double)nb;
		if (s > 0)
			printf("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"bar\"/>",
			       px(&a, (double)k) - bw * 0.4, py(&a, s), bw * 0.8, py(&a, 0) - py(&a, s));
	}
	if (regn > 0) {
		fputs("<polyline class=\"reg\" points=\"", stdout);
		for (size_t k = 0; k < nb; k++)
			printf("%s%.1f,%.1f", k ? " " : "", px(&a, (double)k), py(&a, reg[k] / regn));
		fputs("\"/>", stdout);
	}
	if (sc) {
		const double b[3] = { sc->min3, sc->min4, sc->min5 };
		for (int m = 0; m < 3; m++) {
			char lab[16];
			double bx = px(&a, b[m] - 0.5);
			printf("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"cut\"/>", bx,
			       a.top, bx, a.top + a.h);
			snprintf(lab, sizeof lab, "«%d»", m + 3);
			svg_text(bx + 3, a.top + 12, "start", "tick", lab);
		}
	}
	printf("<rect x=\"64\" y=\"10\" width=\"12\" height=\"10\" class=\"bar\"/>");
	snprintf(title, sizeof title, "школа (n = %.0f)", sa->n_score);
	svg_text(82, 20, "start", "tick", title);
	printf("<line x1=\"220\" y1=\"15\" x2=\"245\" y2=\"15\" class=\"reg\"/>");
	snprintf(title, sizeof title, "все школы (n = %.0f)", regn);
	svg_text(250, 20, "start", "tick", title);
	rs.svg_id++;
	snprintf(title, sizeof title, "Рис. %d. Распределение первичных баллов: %s (%s), %s, %d г., "
	         "против всех школ; пунктир — границы отметок%s. Признак: %s.", rs.svg_id, title_of(id),
	         id, pw.s, y, sc ? "" : " (шкала не найдена)", ru_name("sign", jstr(best, "sign")));
	svg_end(title);
	free(reg);
	sb_free(&pw);
}

/* Mark shares of each school (or municipality, in the regional summary) in
 * the procedures of one kind. */
static void
chart_marks(const char *proc)
{
	static const char *const cls[4] = { "m2", "m3", "m4", "m5" };
	size_t nrows = multi_muni() ? rs.nmunis : 0, shown = 0;
	double (*cnt)[4];
	int *small = NULL;
	const char **label;
	double rowh = 24, left = 250, barw = 380, h;
	char title[1600];

	if (!nrows)
		for (size_t i = 0; i < rs.nschools; i++)
			nrows += (size_t)rs.schools[i].in_scope;
	cnt = ecalloc(nrows, sizeof *cnt);
	label = ecalloc(nrows, sizeof *label);
	for (size_t i = 0, r = 0; i < rs.nschools; i++)
		if (!(multi_muni()) && rs.schools[i].in_scope)
			label[r++] = rs.schools[i].id;
	if (multi_muni())
		for (size_t m = 0; m < rs.nmunis; m++)
			label[m] = rs.munis[m];
	/* a group (school, subject, grade) of fewer than min_n pupils is left out
	 * of the sums: adding two small groups must not reveal them */
	small = ecalloc(nrows, sizeof *small);
	for (size_t i = 0; i < rs.red.n; i++) {
		const struct proc_acc *a = rs.red.v[i];
		const struct school *s = school_of(a->school_id);
		if (a->year != rs.year || strcmp(a->procedure, proc) != 0 || !s || !s->in_scope ||
		    a->marks[0] + a->marks[1] + a->marks[2] + a->marks[3] <= 0)
			continue;
		for (size_t r = 0; r < nrows; r++)
			if (strcmp(label[r], multi_muni() ? s->muni : s->id) == 0) {
				if (a->marks[0] + a->marks[1] + a->marks[2] + a->marks[3] < rs.min_n)
					small[r] = 1;
				else
					for (int m = 0; m < 4; m++)
						cnt[r][m] += a->marks[m];
			}
	}
	for (size_t r = 0; r < nrows; r++)
		shown += cnt[r][0] + cnt[r][1] + cnt[r][2] + cnt[r][3] > 0 || small[r];
	if (!shown)
		goto done;
	h = 50 + rowh * (double)shown + 20;
	snprintf(title, sizeof title, "Доли отметок: %s, %d г.", ru_name("procedure", proc), rs.year);
	if (rs.fmt == F_HTML) {
		svg_begin(left + barw + 90, h, title);
		for (int m = 0; m < 4; m++) {
			char lab[16];
			printf("<rect x=\"%.0f\" y=\"10\" width=\"12\" height=\"10\" class=\"%s\"/>",
			       left + 80.0 * m, cls[m]);
			snprintf(lab, sizeof lab, "«%d»", m + 2);
			svg_text(left + 80.0 * m + 16, 20, "start", "tick", lab);
		}
		svg_text(left + barw + 8, 44, "start", "tick", "участников");
	} else {
		struct row r = { 0 };
		para("%s", title);
		cell(&r, multi_muni() ? "Муниципалитет" : "Школа");
		cell(&r, "Участников");
		cell(&r, "«2»");
		cell(&r, "«3»");
		cell(&r, "«4»");
		cell(&r, "«5»");
		table_begin(&r);
	}
	for (size_t r = 0, k = 0; r < nrows; r++) {
		double tot = cnt[r][0] + cnt[r][1] + cnt[r][2] + cnt[r][3], x = left, y = 50 + rowh * (double)k;
		const char *name = multi_muni() ? label[r] : title_of(label[r]);
		char t[96];
		if (tot <= 0 && !small[r])
			continue;
		k++;
		if (rs.fmt != F_HTML) {
			struct row row = { 0 };
			cell(&row, "%s", name);
			if (tot > 0)
				cell(&row, "%.0f", tot);
			else
				cell(&row, "менее %d", rs.min_n);
			for (int m = 0; m < 4; m++)
				if (tot <= 0)
					cell(&row, "—");
				else
					cell(&row, "%s", ru_pct(t, sizeof t, cnt[r][m] / tot));
			table_row(&row);
			continue;
		}
		svg_text(left - 8, y + 16, "end", "tick", name);
		if (tot <= 0) {
			snprintf(t, sizeof t, "менее %d участников: не показано", rs.min_n);
			svg_text(left + 4, y + 16, "start", "tick", t);
		} else {
			for (int m = 0; m < 4; m++) {
				double w = barw * cnt[r][m] / tot;
				if (w <= 0)
					continue;
				printf("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"%s\">"
				       "<title>«%d»: %s</title></rect>", x, y + 3, w, rowh - 6, cls[m], m + 2,
				       ru_pct(t, sizeof t, cnt[r][m] / tot));
				if (w >= 34) {
					snprintf(t, sizeof t, "%.0f %%", 100 * cnt[r][m] / tot);
					svg_text(x + w / 2, y + 16, "middle", "in", t);
				}
				x += w;
			}
		}
		if (tot > 0) {
			snprintf(t, sizeof t, "%.0f", tot);
			svg_text(left + barw + 8, y + 16, "start", "tick", t);
		}
	}
	if (rs.fmt == F_HTML) {
		rs.svg_id++;
		snprintf(title, sizeof title, "Рис. %d. Доли отметок «2»–«5», %s %d г., все классы и "
		         "предметы; классы и предметы, где участников менее %d, не учтены.", rs.svg_id,
		         ru_name("procedure", proc), rs.year, rs.min_n);
		svg_end(title);
	} else {
		table_end();
	}
done:
	free(cnt);
	free(small);
	free(label);
}

void
section_charts(void)
{
	size_t nflagged, shown = 0, limit = multi_muni() ? 10 : (size_t)-1;
	json_t **fl;
	const char *procs[8];
	size_t nprocs = 0;

	if (rs.fmt == F_HTML)
		puts("<div id=\"charts\"></div>");
	section("Приложение. Диаграммы");
	if (rs.fmt == F_HTML) {
		int y = 0;
		for (size_t i = 0; i < rs.jl[J_MODEL].n; i++) /* the latest model year not after */
			if (jint(rs.jl[J_MODEL].v[i], "year") <= rs.year && jint(rs.jl[J_MODEL].v[i], "year") > y)
				y = jint(rs.jl[J_MODEL].v[i], "year");
		heading(3, "ИСБШ и уровень результатов");
		for (size_t i = 0; i < rs.jl[J_MODEL].n; i++) {
			const json_t *m = rs.jl[J_MODEL].v[i];
			int mine = 0;
			for (size_t k = 0; k < rs.nmunis; k++)
				mine |= strcmp(rs.munis[k], jstr(m, "group")) == 0;
			if (jint(m, "year") == y && (mine || strcmp(jstr(m, "group"), region_name()) == 0))
				chart_isbs(m);
		}
		fl = flagged_schools(&nflagged);
		if (nflagged) {
			heading(3, "Распределение первичных баллов школ с признаками необъективности");
			if (nflagged > limit)
				para("Показаны %zu школ с наибольшим баллом необъективности из %zu.", limit, nflagged);
		}
		for (size_t i = 0; i < nflagged && shown < limit; i++, shown++)
			chart_distribution(fl[i]);
		free(fl);
	} else {
		para("Диаграммы (ИСБШ и уровень результатов, распределения баллов) — в HTML-версии справки.");
	}
	for (size_t i = 0; i < rs.red.n; i++) {
		size_t k;
		if (rs.red.v[i]->year != rs.year || rs.red.v[i]->marks[0] + rs.red.v[i]->marks[1] +
		    rs.red.v[i]->marks[2] + rs.red.v[i]->marks[3] <= 0)
			continue;
		for (k = 0; k < nprocs && strcmp(procs[k], rs.red.v[i]->procedure) != 0; k++)
			;
		if (k == nprocs && nprocs < 8)
			procs[nprocs++] = rs.red.v[i]->procedure;
	}
	if (nprocs)
		heading(3, "Доли отметок");
	for (size_t k = 0; k < nprocs; k++)
		chart_marks(procs[k]);
}
