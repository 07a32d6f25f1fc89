/* xls-cells: the cells of an .xls workbook as TSV, one line a row, sheet
 * by sheet («# SHEET» before each): what the tests of real exports count
 * and look for (names that must never reach eq's output), read with FreeXL
 * directly, without eq's row reader. */
#include <freexl.h>
#include <stdio.h>

int
main(int argc, char *argv[])
{
	const void *h;
	unsigned int nsheets, rows;
	unsigned short cols;

	if (argc != 2 || freexl_open(argv[1], &h) != FREEXL_OK) {
		fprintf(stderr, "usage: xls-cells FILE.xls\n");
		return 2;
	}
	freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &nsheets);
	for (unsigned s = 0; s < nsheets; s++) {
		const char *name;
		freexl_get_worksheet_name(h, (unsigned short)s, &name);
		freexl_select_active_worksheet(h, (unsigned short)s);
		freexl_worksheet_dimensions(h, &rows, &cols);
		printf("# %s\n", name);
		for (unsigned r = 0; r < rows; r++)
			for (unsigned short c = 0; c < cols; c++) {
				FreeXL_CellValue v;
				if (freexl_get_cell_value(h, r, c, &v) != FREEXL_OK)
					v.type = FREEXL_CELL_NULL;
				if (v.type == FREEXL_CELL_INT)
					printf("%d", v.value.int_value);
				else if (v.type == FREEXL_CELL_DOUBLE)
					printf("%.15g", v.value.double_value);
				else if (v.type != FREEXL_CELL_NULL)
					printf("%s", v.value.text_value);
				putchar(c + 1 < cols ? '\t' : '\n');
			}
	}
	freexl_close(h);
	return 0;
}
