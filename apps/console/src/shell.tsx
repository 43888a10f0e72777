import { useEffect, useMemo } from "preact/hooks";
import { act } from "./api.ts";
import { t, tk } from "./i18n/i18n.ts";
import { InboxStore } from "./live/inbox-store.ts";
import { LiveLink } from "./live/live-link.ts";
import { useSnapshot } from "./live/use-store.ts";
import { type Claims, deviceId } from "./session/token-store.ts";
import { Banner } from "./ui/banner.tsx";
import { InboxList } from "./ui/inbox-list.tsx";
import { Toasts } from "./ui/toasts.tsx";
import { DoctorView } from "./views/doctor.tsx";
import { OperatorView } from "./views/operator.tsx";
import { PatientView } from "./views/patient.tsx";
import { PharmacistView } from "./views/pharmacist.tsx";
import type { ViewProps } from "./views/view-props.ts";

/** Each role's dashboard (clinic staff have the inbox only). */
function viewOf(role: Claims["role"]) {
  switch (role) {
    case "doctor":
      return DoctorView;
    case "patient":
      return PatientView;
    case "pharmacist":
      return PharmacistView;
    case "admin":
      return OperatorView;
    case "clinic_staff":
      return null;
  }
}

/** A signed-in user's console: header, link banner, the role's dashboard, the inbox and toasts. */
export function Shell(props: {
  token: string;
  claims: Claims;
  demo: boolean;
  onSignOut: (reason: string | null) => void;
}) {
  const { token, claims, onSignOut } = props;
  const store = useMemo(() => new InboxStore(), []);
  const link = useMemo(() => new LiveLink(token, deviceId(), store, (reason) => onSignOut(reason)), [token, store]);
  useEffect(() => () => link.close(), [link]);
  const snap = useSnapshot(store);
  const doAct = props.demo
    ? (action: Record<string, string>) => void act(token, action).catch((e: unknown) => console.error(e))
    : null;
  const viewProps: ViewProps = { snap, claims, token, act: doAct };
  const View = viewOf(claims.role);
  return (
    <div class="shell">
      <header>
        <h1>{t.title}</h1>
        <p data-testid="who">
          {tk(`role_${claims.role}`)} · {claims.sub} · {claims.clinic}{" "}
          <span class="badge" data-testid="unread-badge">
            {snap.unread} <span class="sr-only">{t.unread}</span>
          </span>
        </p>
        <button type="button" onClick={() => onSignOut(null)}>
          {t.signOut}
        </button>
      </header>
      <Banner link={snap.link} transport={snap.transport} />
      <main>
        {View ? <View {...viewProps} /> : null}
        <InboxList items={snap.items} unread={snap.unread} link={link} />
      </main>
      <Toasts toasts={snap.toasts} store={store} />
    </div>
  );
}
