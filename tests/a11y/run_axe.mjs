// Run axe-core (WCAG 2.1 A and AA rules) on local pages in Debian's Chromium.
//
// Usage: node run_axe.mjs [--viewport=WIDTHxHEIGHT] URL [URL ...]
// Prints one JSON array on stdout: per page its url, the axe violations and
// every request the page tried to make to another host (those are blocked).
// Exit code 0 whether or not there are violations; 2 on a usage or browser
// error. tests/test_accessibility.py reads the JSON and judges it.
//
// Uses the system browser (CHROMIUM, default /usr/bin/chromium); it never
// downloads one, so do not run `npx playwright install`.

import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const BROWSER_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

function isLocal(url) {
  const { protocol, hostname } = new URL(url);
  if (["file:", "data:", "blob:", "about:"].includes(protocol)) return true;
  return hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]";
}

async function audit(context, url) {
  const page = await context.newPage();
  const external = [];
  await page.route("**/*", (route) => {
    const target = route.request().url();
    if (isLocal(target)) return route.continue();
    external.push(target);
    return route.abort();
  });
  await page.goto(url, { waitUntil: "load", timeout: 30000 });
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
    TAGS,
  );
  await page.close();
  return {
    url,
    external,
    violations: result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
    })),
  };
}

async function main(args) {
  let viewport = { width: 1280, height: 900 };
  const urls = [];
  for (const arg of args) {
    const size = /^--viewport=(\d+)x(\d+)$/.exec(arg);
    if (size) viewport = { width: Number(size[1]), height: Number(size[2]) };
    else urls.push(arg);
  }
  if (urls.length === 0) {
    console.error("gebruik: node run_axe.mjs [--viewport=BREEDTExHOOGTE] URL [URL ...]");
    process.exit(2);
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: BROWSER_ARGS,
  });
  try {
    const context = await browser.newContext({ locale: "nl-NL", viewport });
    const results = [];
    for (const url of urls) results.push(await audit(context, url));
    process.stdout.write(JSON.stringify(results, null, 2) + "\n");
  } finally {
    await browser.close();
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`axe-toets mislukt: ${error.stack || error}`);
  process.exit(2);
});
