import { render } from "preact";
import { App } from "./app.tsx";
import { lang } from "./i18n/i18n.ts";

document.documentElement.lang = lang;
const root = document.getElementById("app");
if (root) render(<App />, root);
