/* png-ink FILE.png [RRGGBB...]: what a screenshot shows, to tell a rendered
 * page from a blank one: width, height, pixels that are not white, distinct
 * colours (up to 4096), and for each colour given the pixels within 24 of it
 * per channel. Test tool; reads PNG with libpng. */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>

int
main(int argc, char *argv[])
{
	png_image img = { .version = PNG_IMAGE_VERSION };
	unsigned char *px;
	unsigned long ink = 0, near[16] = { 0 }, ncol = 0;
	unsigned int col[4096], want[16];
	int nwant = argc - 2 < 16 ? argc - 2 : 16;

	if (argc < 2) {
		fprintf(stderr, "usage: png-ink FILE.png [RRGGBB...]\n");
		return 2;
	}
	for (int i = 0; i < nwant; i++)
		want[i] = (unsigned int)strtoul(argv[i + 2], NULL, 16);
	if (!png_image_begin_read_from_file(&img, argv[1])) {
		fprintf(stderr, "png-ink: %s: %s\n", argv[1], img.message);
		return 1;
	}
	img.format = PNG_FORMAT_RGB;
	if (!(px = malloc(PNG_IMAGE_SIZE(img))) ||
	    !png_image_finish_read(&img, NULL, px, 0, NULL)) {
		fprintf(stderr, "png-ink: %s: %s\n", argv[1], img.message);
		return 1;
	}
	for (size_t i = 0; i < (size_t)img.width * img.height; i++) {
		unsigned char *p = px + 3 * i;
		unsigned int c = (unsigned)p[0] << 16 | (unsigned)p[1] << 8 | p[2];
		unsigned long k;
		if (c != 0xffffff)
			ink++;
		for (k = 0; k < ncol && col[k] != c; k++)
			;
		if (k == ncol && ncol < 4096)
			col[ncol++] = c;
		for (int w = 0; w < nwant; w++)
			if (abs(p[0] - (int)(want[w] >> 16)) <= 24 && abs(p[1] - (int)(want[w] >> 8 & 255)) <= 24 &&
			    abs(p[2] - (int)(want[w] & 255)) <= 24)
				near[w]++;
	}
	printf("%u %u %lu %lu", img.width, img.height, ink, ncol);
	for (int w = 0; w < nwant; w++)
		printf(" %lu", near[w]);
	putchar('\n');
	free(px);
	png_image_free(&img);
	return 0;
}
