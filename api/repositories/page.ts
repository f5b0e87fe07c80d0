/** A page of a list as a repository reads it: the rows asked for and the count of all that match. */
export interface Page {
  limit: number;
  offset: number;
}

export interface Rows<T> {
  rows: T[];
  /** Every matching row, not only this page's. */
  total: number;
}
