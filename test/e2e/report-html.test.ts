import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReportHtml } from '../../src/io/report-html.js';

const FIXTURE = resolve(fileURLToPath(import.meta.url), '../../fixtures/nginx-run');
const DOCKER_DEFAULT = resolve(fileURLToPath(import.meta.url), '../../fixtures/docker/default-20.10.24.json');
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = '/tmp/report.png';

// No skip: CI installs chromium (apt-get install -y chromium), so a missing browser must fail here.
describe('report.html in a real browser', () => {
  let dir: string;
  let profileDir: string;
  let browser: BrowserContext;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    dir = mkdtempSync(join(tmpdir(), 'sandfuzz-report-'));
    profileDir = mkdtempSync(join(tmpdir(), 'sandfuzz-chromium-'));
    for (const f of ['report.json', 'seccomp.json', 'corpus.json']) cpSync(join(FIXTURE, f), join(dir, f));
    // A fresh profile folder: playwright passes it as --user-data-dir.
    browser = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it('renders the curve, the Docker comparison and no console errors, offline', async () => {
    const path = await writeReportHtml(dir, { dockerDefaultPath: DOCKER_DEFAULT });
    expect(path).toBe(join(dir, 'report.html'));
    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });

    expect(await page.title()).toContain('nginx');
    const curvePaths = await page.locator('#discovery svg').first().locator('path').count();
    expect(curvePaths).toBeGreaterThan(0);
    await expect(page.locator('#docker-default h2').textContent()).resolves.toContain("Docker's default profile");
    expect(await page.locator('#docker-default table').count()).toBeGreaterThan(0);
    expect(await page.locator('#syscalls tbody tr').count()).toBeGreaterThanOrEqual(71);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: SCREENSHOT.replace('.png', '-print.png'), fullPage: true });
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });
});
