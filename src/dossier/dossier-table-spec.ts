/** The shape of a dossier table and how one is made from items: a column's key, header and how to read its cell. Pure. */

export type DossierCell = string | number | boolean | null;

export interface DossierColumn {
  /** Property name in the JSON files (camelCase, stable: consumers read it). */
  key: string;
  /** Column heading in the workbook and the CSV files. */
  header: string;
}

export interface DossierTable {
  /** File and sheet name, e.g. "obligations": lower case, hyphens, at most 31 characters (an Excel sheet name). */
  name: string;
  title: string;
  columns: DossierColumn[];
  /** One array per row, cells in column order. */
  rows: DossierCell[][];
}

/** A column and how to read its cell from one item: keeps each header next to its value. */
export interface ColumnSpec<T> extends DossierColumn {
  value: (item: T) => DossierCell;
}

export function table<T>(name: string, title: string, columns: readonly ColumnSpec<T>[], items: readonly T[]): DossierTable {
  return {
    name,
    title,
    columns: columns.map(({ key, header }) => ({ key, header })),
    rows: items.map((item) => columns.map((column) => column.value(item))),
  };
}

/** Lists inside one cell: the separator the line listing already uses for reactions and outcomes. */
export function joined(values: readonly string[]): string {
  return values.join('; ');
}
