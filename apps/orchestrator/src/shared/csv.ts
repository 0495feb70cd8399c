/** Spreadsheet apps run cells that start with these as formulas (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The line break RFC 4180 asks for. */
export const CSV_NEWLINE = '\r\n';

/** One CSV cell: quoted when needed, formula-looking text made inert. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, line break included. */
export function csvLine(cells: (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(',') + CSV_NEWLINE;
}

/** A whole CSV document: the header, then one line per row. */
export function csv(header: string[], rows: (string | number | null)[][]): string {
  return [header, ...rows].map(csvLine).join('');
}
