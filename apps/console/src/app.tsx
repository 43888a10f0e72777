import { useEffect, useState } from "preact/hooks";
import { config } from "./api.ts";
import { SignIn } from "./session/sign-in.tsx";
import { claimsOf, savedToken, saveToken } from "./session/token-store.ts";
import { Shell } from "./shell.tsx";

/** The console: sign-in until there is a token this tab keeps, then the user's console. */
export function App() {
  const [token, setToken] = useState<string | null>(savedToken());
  const [error, setError] = useState<string | null>(null);
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    config()
      .then((c) => setDemo(c.demo))
      .catch(() => setDemo(false));
  }, []);
  const claims = token ? claimsOf(token) : null;
  const signIn = (next: string) => {
    if (!claimsOf(next)) return setError("not a JWT with sub, role and clinic");
    saveToken(next);
    setError(null);
    setToken(next);
  };
  const signOut = (reason: string | null) => {
    saveToken(null);
    setError(reason);
    setToken(null);
  };
  if (!token || !claims) return <SignIn onToken={signIn} error={error} />;
  return <Shell key={token} token={token} claims={claims} demo={demo} onSignOut={signOut} />;
}
