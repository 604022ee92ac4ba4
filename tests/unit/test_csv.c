/* test_csv.c — unit tests of the CSV module: encodings in, records out (quotes, line ends,
 * row and line numbers), fields escaped for export, and the shape checks of the property
 * tree that the import shares. */
#include <check.h>
#include <string.h>

#include "csv.h"
#include "property.h"

/* Reads text and checks the next record's fields, row and line. */
static void record_is(struct csv_reader *cr, long row, long line, size_t n, const char *const *want)
{
	ck_assert_int_eq(csv_read(cr), 1);
	ck_assert_int_eq(cr->row, row);
	ck_assert_int_eq(cr->line, line);
	ck_assert_int_eq(cr->nf, n);
	for (size_t i = 0; i < n; i++)
		ck_assert_str_eq(csv_get(cr, i), want[i]);
}

START_TEST(records_with_quotes_and_line_ends)
{
	static const char text[] = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\r\n"
				   "\"two\r\nlines\",z\n\nlast,\"\"\rcr,only";
	struct csv_reader cr;

	csv_reader_init(&cr, text, strlen(text));
	record_is(&cr, 1, 1, 3, (const char *[]){ "a", "b", "c" });
	record_is(&cr, 2, 2, 3, (const char *[]){ "x, y", "say \"hi\"", "" });
	record_is(&cr, 3, 3, 2, (const char *[]){ "two\r\nlines", "z" });
	record_is(&cr, 4, 5, 1, (const char *[]){ "" });
	ck_assert(csv_blank(&cr));
	record_is(&cr, 5, 6, 2, (const char *[]){ "last", "" });
	record_is(&cr, 6, 7, 2, (const char *[]){ "cr", "only" });
	ck_assert_int_eq(csv_read(&cr), 0);
	ck_assert_str_eq(csv_get(&cr, 9), "");
	csv_reader_free(&cr);
}
END_TEST

START_TEST(unclosed_quote_is_an_error)
{
	static const char text[] = "a,b\n\"open,x\ny,z\n";
	struct csv_reader cr;

	csv_reader_init(&cr, text, strlen(text));
	ck_assert_int_eq(csv_read(&cr), 1);
	ck_assert_int_eq(csv_read(&cr), -1);
	ck_assert_int_eq(cr.row, 2);
	ck_assert_int_eq(cr.line, 2);
	csv_reader_free(&cr);
}
END_TEST

START_TEST(utf8_and_gb18030_in)
{
	/* "小区,房号" in GB18030, and a BOM before UTF-8. */
	static const char gb[] = "\xd0\xa1\xc7\xf8,\xb7\xbf\xba\xc5";
	static const char bom[] = "\xef\xbb\xbf\xe5\xb0\x8f\xe5\x8c\xba";
	struct buf out;
	const char *enc;

	buf_init(&out);
	ck_assert_int_eq(csv_to_utf8(&out, gb, strlen(gb), &enc), 0);
	ck_assert_str_eq(enc, "GB18030");
	ck_assert_str_eq(out.data, "小区,房号");
	ck_assert_int_eq(csv_to_utf8(&out, bom, strlen(bom), &enc), 0);
	ck_assert_str_eq(enc, "UTF-8");
	ck_assert_str_eq(out.data, "小区");
	/* A truncated GB18030 sequence is neither encoding. */
	ck_assert_int_eq(csv_to_utf8(&out, "ab\xd0", 3, &enc), -1);
	ck_assert_int_eq((int)out.len, 0);
	ck_assert(!csv_utf8_valid("\xc0\xaf", 2));	/* overlong */
	ck_assert(!csv_utf8_valid("\xed\xa0\x80", 3));	/* surrogate */
	ck_assert(csv_utf8_valid("\xf0\x9f\x98\x80", 4));
	buf_free(&out);
}
END_TEST

START_TEST(fields_escaped_for_export)
{
	struct buf b;

	buf_init(&b);
	csv_field(&b, "plain");
	buf_puts(&b, "|");
	csv_field(&b, "a,\"b\"\nc");
	buf_puts(&b, "|");
	csv_field(&b, "=1+2");
	buf_puts(&b, "|");
	csv_field(&b, "-5");
	buf_puts(&b, "|");
	csv_field(&b, "@x");
	buf_puts(&b, "|");
	csv_field(&b, NULL);
	ck_assert_str_eq(b.data, "plain|\"a,\"\"b\"\"\nc\"|\"'=1+2\"|\"'-5\"|\"'@x\"|");
	ck_assert_str_eq(csv_unguard("'=1+2"), "=1+2");
	ck_assert_str_eq(csv_unguard("'-5"), "-5");
	ck_assert_str_eq(csv_unguard("'quoted'"), "'quoted'");
	buf_free(&b);
}
END_TEST

START_TEST(property_shapes)
{
	ck_assert_ptr_null(property_check_floor("-2"));
	ck_assert_ptr_null(property_check_floor(""));
	ck_assert_ptr_nonnull(property_check_floor("3F"));
	ck_assert_ptr_nonnull(property_check_floor("301"));
	ck_assert_ptr_null(property_check_area("89.5"));
	ck_assert_ptr_null(property_check_area("120"));
	ck_assert_ptr_nonnull(property_check_area("89.555"));
	ck_assert_ptr_nonnull(property_check_area("0"));
	ck_assert_ptr_nonnull(property_check_area("八十"));
	ck_assert_ptr_nonnull(property_check_area("1.2.3"));
	ck_assert_str_eq(property_heating(""), "normal");
	ck_assert_str_eq(property_heating("报停"), "stopped");
	ck_assert_str_eq(property_heating("Stopped"), "stopped");
	ck_assert_str_eq(property_heating("正常"), "normal");
	ck_assert_ptr_null(property_heating("maybe"));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("csv");
	TCase *tc = tcase_create("csv");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, records_with_quotes_and_line_ends);
	tcase_add_test(tc, unclosed_quote_is_an_error);
	tcase_add_test(tc, utf8_and_gb18030_in);
	tcase_add_test(tc, fields_escaped_for_export);
	tcase_add_test(tc, property_shapes);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
