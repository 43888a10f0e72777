import { useEffect, useState } from "preact/hooks";
import { overview } from "../api.ts";
import { t, tk } from "../i18n/i18n.ts";
import { buckets, Overview } from "./overview-data.ts";
import type { ViewProps } from "./view-props.ts";

const POLL_MS = 2000;

/** A figure, or "not measured" when the hub has no metrics for it yet. */
const figure = (n: number | null | undefined, unit = "") =>
  n === null || n === undefined ? t.notMeasured : `${n}${unit}`;

/**
 * The operator's view of the admin's own clinic: who is online, the clinic agents, reports of the
 * last 24 h by state with the held ones, and the live rates. Refreshed every 2 seconds.
 */
export function OperatorView({ token }: ViewProps) {
  const [data, setData] = useState<Overview | null>(null);
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      const parsed = Overview.safeParse(await overview(token).catch(() => null));
      if (!stopped && parsed.success) setData(parsed.data);
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [token]);
  if (!data) return <p>…</p>;
  const rates = data.rates;
  return (
    <div class="dashboard operator" data-testid="operator">
      <p class="muted">
        {data.clinic_id} · {t.updated} <time dateTime={data.at}>{new Date(data.at).toLocaleTimeString()}</time>
      </p>
      <section aria-labelledby="users-title">
        <h2 id="users-title">{t.usersOnline}</h2>
        <ul data-testid="users-online">
          {data.users.map((u) => (
            <li key={u.role} data-role={u.role}>
              {tk(`role_${u.role}`)}: <strong>{u.online}</strong>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="agents-title">
        <h2 id="agents-title">{t.agents}</h2>
        <ul data-testid="agents">
          {data.agents.map((a) => (
            <li key={a.id} data-agent={a.id} data-online={String(a.online)} class={a.online ? "ok" : "down"}>
              <span aria-hidden="true">{a.online ? "●" : "○"}</span> {a.name} ({a.doctor_id}):{" "}
              <strong>{a.online ? t.online : t.offlineAgent}</strong> · {t.lastHeartbeat}{" "}
              {a.last_heartbeat_at ? new Date(a.last_heartbeat_at).toLocaleTimeString() : "—"} · {t.version}{" "}
              {a.version ?? "—"}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="reports-title">
        <h2 id="reports-title">{t.reportsDay}</h2>
        <dl class="counts" data-testid="report-counts">
          {buckets(data.reports.by_status).map(([bucket, n]) => (
            <div key={bucket} data-bucket={bucket}>
              <dt>{tk(`bucket_${bucket}`)}</dt>
              <dd>{n}</dd>
            </div>
          ))}
        </dl>
        <h3>{t.heldReports}</h3>
        {data.reports.held.length === 0 ? <p>{t.noneHeld}</p> : null}
        <ul data-testid="held">
          {data.reports.held.map((h) => (
            <li key={h.id} data-report={h.id}>
              <span aria-hidden="true">⚠</span> {h.id} ({h.doctorId}) — {h.reason ?? "—"}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="rates-title">
        <h2 id="rates-title">{t.rates}</h2>
        <dl class="counts" data-testid="rates">
          <div>
            <dt>{t.latency}</dt>
            <dd>
              {figure(rates?.latencyP50Ms, " ms")} / {figure(rates?.latencyP99Ms, " ms")}
            </dd>
          </div>
          <div>
            <dt>{t.reconnections}</dt>
            <dd>{figure(rates?.reconnectionsPerMinute)}</dd>
          </div>
          <div>
            <dt>{t.messages}</dt>
            <dd>{figure(rates?.messagesPerMinute)}</dd>
          </div>
          <div>
            <dt>{t.webhookFailures}</dt>
            <dd data-testid="webhook-failures">{data.webhook_failures}</dd>
          </div>
        </dl>
      </section>
    </div>
  );
}
