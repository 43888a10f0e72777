export { type RenderContext, renderContextOf } from "./context.ts";
export { DocxCache } from "./docx-cache.ts";
export { DEFAULT_PLAINTEXT_WIDTH } from "./layout.ts";
export {
  DEFAULT_RENDER_BUDGET_MS,
  defaultRenderPoolSettings,
  RenderBudgetExceeded,
  type RenderPoolSettings,
  RenderQueueFull,
} from "./pool-settings.ts";
export { type InlineRenderings, renderInline } from "./render-job.ts";
export { RenderPool } from "./render-pool.ts";
