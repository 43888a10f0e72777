import { escapeHtml as e, layout } from "../html.ts";
import { type Lang, messages } from "./i18n.ts";

// Visible focus and large targets: the page is used with the keyboard alone, at a front desk.
const STYLE = `<style>
a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible,iframe:focus-visible,summary:focus-visible{outline:3px solid #1a5fd0;outline-offset:2px}
button,.button{font:inherit;padding:.4rem .9rem;border:1px solid #1a5fd0;border-radius:4px;background:#1a5fd0;color:#fff;text-decoration:none;display:inline-block;cursor:pointer}
button.danger{background:#a3160e;border-color:#a3160e}.to-review{background:#fff4d6;padding:.4rem .8rem;border-radius:4px}
.to-review.none{background:#eef6ee}iframe.report{width:100%;height:22rem;border:1px solid #dde;background:#fff}
pre.report{max-height:22rem;overflow:auto}.notice{padding:.6rem .8rem;border-left:4px solid #a3160e;background:#fbeaea}
.who{font-size:1.25rem}input[type=search],input[type=text],textarea{font:inherit;padding:.3rem;width:min(30rem,100%)}
</style>`;

/** A review page: the status page's layout in the reader's language, with the review styles. */
export function reviewLayout(lang: Lang, title: string, body: string, refreshMs?: number): string {
  return layout(title, `${STYLE}${body}`, refreshMs).replace('<html lang="en">', `<html lang="${lang}">`);
}

/**
 * Puts the count of reports to review at the top of a status page and at the front of its title
 * (a tab left open is a notification). `/status.js` keeps both current on pages that refresh.
 */
export function withReviewCount(html: string, count: number, lang: Lang): string {
  const t = messages(lang);
  const banner = `<p class="to-review${count === 0 ? " none" : ""}"><a href="/review">${e(t.reviewTitle)}: <strong data-field="to_review">${count}</strong></a></p>`;
  return html
    .replace(/<title>/, count > 0 ? `<title>(${count}) ` : "<title>")
    .replace(/<body([^>]*)>/, (body) => `${body}${banner}`);
}
