import { useEffect, useState } from "preact/hooks";
import { config, type DemoUser, demoToken, demoUsers } from "../api.ts";
import { t, tk } from "../i18n/i18n.ts";

/**
 * Sign-in: paste a JWT from the clinic's identity system or, in the demo clinic, pick one of its
 * users (the hub's demo identity provider issues their token).
 */
export function SignIn({ onToken, error }: { onToken: (token: string) => void; error: string | null }) {
  const [pasted, setPasted] = useState("");
  const [users, setUsers] = useState<DemoUser[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    config()
      .then((c) => (c.demo ? demoUsers().then(setUsers) : undefined))
      .catch((e: unknown) => setFailure(String(e)));
  }, []);
  const pick = (id: string) =>
    demoToken(id)
      .then(onToken)
      .catch((e: unknown) => setFailure(String(e)));
  const message = error ?? failure;
  return (
    <main class="sign-in">
      <h1>{t.title}</h1>
      {message ? (
        <p role="alert" class="banner offline">
          {t.signInFailed}: {message}
        </p>
      ) : null}
      {users.length > 0 ? (
        <section aria-labelledby="demo-title">
          <h2 id="demo-title">{t.demoUsers}</h2>
          <ul class="demo-users">
            {users.map((u) => (
              <li key={u.id}>
                <button type="button" data-user={u.id} onClick={() => void pick(u.id)}>
                  {u.name} — {tk(`role_${u.role}`)}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (pasted.trim()) onToken(pasted.trim());
        }}
      >
        <label for="token">{t.pasteToken}</label>
        <textarea id="token" rows={4} value={pasted} onInput={(e) => setPasted(e.currentTarget.value)} />
        <button type="submit">{t.useToken}</button>
      </form>
    </main>
  );
}
