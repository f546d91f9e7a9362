// Search a built site opened straight from disk (file://), as a reader who
// downloaded the folder would, with every request to another host blocked.
//
// Usage: node zoek_offline.mjs FILE_URL TERM
// Prints JSON: {"results": [titles...], "external": [urls...]}.
// Exit code 2 on a usage or browser error (including: no results in time).

import { chromium } from "playwright-core";

const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
  "--disable-component-update", "--no-first-run", "--disable-sync"];

async function main([url, term]) {
  if (!url || !term) {
    console.error("gebruik: node zoek_offline.mjs FILE_URL ZOEKTERM");
    process.exit(2);
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true, args: ARGS,
  });
  try {
    const page = await browser.newPage({ locale: "nl-NL" });
    const external = [];
    await page.route("**/*", (route) => {
      const target = route.request().url();
      if (target.startsWith("file:") || target.startsWith("data:")) return route.continue();
      external.push(target);
      return route.abort();
    });
    await page.goto(url, { waitUntil: "load" });
    await page.fill("input.md-search__input", term);
    await page.waitForSelector(".md-search-result__item", { timeout: 20000 });
    const results = await page.$$eval(".md-search-result__item h1, .md-search-result__item h2",
      (els) => els.map((e) => e.textContent.trim()));
    process.stdout.write(JSON.stringify({ results, external }) + "\n");
  } finally {
    await browser.close();
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`zoektoets mislukt: ${error.stack || error}`);
  process.exit(2);
});
