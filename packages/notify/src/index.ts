/** @sofia/notify: publish care-team notifications to a Sofia Bridge hub from a server. */
export * from "./notify-error.ts";
export * from "./sofia-notify.ts";
