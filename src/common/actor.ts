/** Who does something: recorded in the audit trail and in due-date history. */
export interface Actor {
  /** e.g. "system", "cli:root", later "user:<id>". */
  id: string;
}
