import Papa from 'papaparse';

/**
 * A spreadsheet runs a cell as a formula when its first character is one of these, whatever
 * follows: `=`, `+`, `-`, `@`, tab, CR, and their full-width forms, which spreadsheets in CJK
 * locales fold to the ASCII ones. papaparse's own check (`escapeFormulae: true`) misses a cell
 * that spans several lines, so the test is done here, on the first character only.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** The cell as a spreadsheet should show it: a leading `'` makes a formula-looking cell text. */
function csvSafeCell(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180 CSV, every cell passed through `csvSafeCell`. */
export function safeCsv(rows: readonly (readonly string[])[]): string {
  const data = rows.map((row) => row.map(csvSafeCell));
  return `${Papa.unparse(data, { newline: '\r\n' })}\r\n`;
}
