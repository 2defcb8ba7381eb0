// What every part of the SQL compiler shares: a named CTE of the query, and the refusal of a
// construct left to the runtime (reported as COMP9501 with the plan line).

export interface Cte {
  name: string;
  /** Comment lines above the CTE (without the `-- `). */
  comment: string[];
  body: string;
  /** Refers to itself (the query then starts `WITH RECURSIVE`). */
  recursive?: boolean;
}

export class Unsupported extends Error {
  constructor(readonly construct: string) {
    super(construct);
  }
}
