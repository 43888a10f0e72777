/** The client's time source: the workspace's one `Clock` (browser-safe; no runtime imports). */
export { type Clock, systemClock, type TimerHandle } from "@sofia/runtime/clock";
