import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { apiKeyHeaders } from '../../local/http';

/** A report row as the API returns it. */
export interface Row {
  readonly window_start: string;
  readonly dimension: string | null;
  readonly value: number;
}

/** Numbers as the dashboard formats them. */
export const COUNT = new Intl.NumberFormat('en-US');

/**
 * The API's rows of a report from `from` on, read the way any client would: `api` is a base URL
 * (a server without a key) or a stack's endpoints, whose `apiKey` is then sent.
 */
export async function apiRows(api: string | { readonly http: string; readonly apiKey?: string | undefined }, report: string, from: string): Promise<Row[]> {
  const endpoints = typeof api === 'string' ? { http: api } : api;
  const response = await fetch(`${endpoints.http}/api/reports/${report}?from=${encodeURIComponent(from)}`, { headers: apiKeyHeaders(endpoints) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { rows: Row[] }).rows;
}

/** Sums by dimension, largest first, ties by name: what a ranked list must show. */
export function ranked(rows: readonly Row[], n: number): string[][] {
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(r.dimension ?? '(none)', (sums.get(r.dimension ?? '(none)') ?? 0) + r.value);
  return [...sums]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([k, v]) => [k, COUNT.format(v)]);
}

/** The [name, value] pairs a ranked list on the page shows. */
export async function shownList(page: Page, panel: string): Promise<string[][]> {
  const items = page.locator(`#${panel} li`);
  const names = await items.locator('.name').allTextContents();
  const values = await items.locator('.value').allTextContents();
  return names.map((name, i) => [name, values[i] ?? '']);
}

/** The start of the time range a panel shows, from its data-from attribute. */
export async function rangeOf(page: Page, id: string): Promise<string> {
  const from = await page.locator(`#${id}`).getAttribute('data-from');
  expect(from).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/);
  return from as string;
}
