/** How a table is described to the layout: its columns, its rows, and what the layout works out from them. */
import type { TextStyle } from './page-styles';

export interface Column {
  header: string;
  weight: number;
  align?: 'left' | 'right';
  /** A label column (key–value tables). */
  label?: boolean;
}

export interface TableSpec {
  columns: readonly Column[];
  size: number;
  /** Headings spanning several columns, drawn above the column headers ({ label: '', span: 1 } for a gap). */
  groups?: readonly { label: string; span: number }[];
  /** false: no header row, no rules (a key–value list). */
  header?: boolean;
  /** Repeated, with "(continued)", above the header on every page after the first. */
  caption?: string;
}

export interface TableRow {
  cells: readonly string[];
  bold?: boolean;
  fill?: string;
  /** Indent of the first cell, in points (a PT under its SOC). */
  indent?: number;
  /** Never the last row on a page (a SOC subtotal stays with its first PT). */
  keepWithNext?: boolean;
  /** Drawn under the header when this row opens a continuation page (a PT's SOC, "… (continued)"). */
  context?: TableRow;
}

export interface PreparedTable {
  spec: TableSpec;
  widths: number[];
  xs: number[];
  body: TextStyle;
  bold: TextStyle;
  labelStyle: TextStyle;
  line: number;
  headerLines: string[][];
  groupHeight: number;
  headerHeight: number;
}
