export { type RenderContext, renderContextOf } from "./context.ts";
export { DEFAULT_PLAINTEXT_WIDTH } from "./layout.ts";
export { type InlineRenderings, renderInline } from "./render-job.ts";
export { DEFAULT_RENDER_BUDGET_MS, RenderBudgetExceeded, RenderPool } from "./render-pool.ts";
