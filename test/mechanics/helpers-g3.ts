// Shared by the proration and credit-rule tests (the runner is test/helpers/plan-run.ts).
export { codes, run, stmt, traceTexts } from '../helpers/plan-run.js';
