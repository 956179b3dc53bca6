/**
 * A small RFC 4180 CSV reader: comma-separated fields, double-quoted fields may hold commas,
 * newlines and doubled quotes. Enough for the authors' CSV files; no dependency needed.
 */
export interface CsvRow {
  /** 1-based line number where the row starts. */
  line: number;
  fields: string[];
}

export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let sawAny = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      sawAny = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      sawAny = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (sawAny || field.length > 0) rows.push({ line: rowLine, fields: [...fields, field] });
      fields = [];
      field = '';
      sawAny = false;
      line++;
      rowLine = line;
    } else {
      field += ch;
      sawAny = true;
    }
  }
  if (sawAny || field.length > 0) rows.push({ line: rowLine, fields: [...fields, field] });
  return rows;
}
