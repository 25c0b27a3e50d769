// A center's registry as a whole: importing lists, exporting it, and likely
// duplicates. Center managers' desk work, online only: unlike families.ts
// these never go through an offline store.
import { api, call } from '../api/client';
import type { DuplicateGroup, FamilyDetail, ImportSummary } from '../api/types';

/** The server refuses bigger files (`payload_too_large`); checked before uploading. */
export const IMPORT_LIMIT_BYTES = 32 * 1024 * 1024;

export interface ImportOptions {
  /** Who reported the list; with each household reference it identifies a family on re-import. */
  source: string;
  /** Check everything, write nothing. */
  dryRun: boolean;
}

/**
 * Sends a CSV or XLSX file (the raw bytes are the body) and answers what the
 * import did or, in a dry run, would do. A missing column or an unreadable
 * file is `validation` with field `file`.
 */
export function importFamilies(file: Blob, { source, dryRun }: ImportOptions): Promise<ImportSummary> {
  return call(() =>
    api.POST('/api/v1/families/import', {
      params: { query: { source, dry_run: dryRun } },
      // The schema types the octet-stream body as number[]; the browser sends a Blob as it is.
      body: file as unknown as number[],
      bodySerializer: (b) => b,
      headers: { 'Content-Type': file.type || 'application/octet-stream' },
    }),
  );
}

export type ExportFormat = 'csv' | 'xlsx';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx'];

export interface ExportFile {
  blob: Blob;
  /** The server's name for it (`families-C-001-20250101.csv`). */
  filename: string;
}

/** `attachment; filename="x.csv"` (or RFC 5987 `filename*=UTF-8''x.csv`) → `x.csv`. */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      // Fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/.exec(header);
  const name = plain?.[1] ?? plain?.[2];
  return name ? name : null;
}

/**
 * The center's families and members as one file (Persian headers, Solar
 * Hijri dates; imports back). The server records the export in every
 * exported family's access log.
 */
export async function exportFamilies(format: ExportFormat): Promise<ExportFile> {
  let disposition: string | null = null;
  const blob = await call(async () => {
    const outcome = await api.GET('/api/v1/families/export', { params: { query: { format } }, parseAs: 'blob' });
    disposition = outcome.response.headers.get('Content-Disposition');
    return outcome;
  });
  return { blob, filename: filenameFromDisposition(disposition) ?? `families.${format}` };
}

/** People of my center with the same name, father's name and birth year, minus pairs said to be different. */
export async function listDuplicates(): Promise<DuplicateGroup[]> {
  return (await call(() => api.GET('/api/v1/families/duplicates'))).items;
}

/**
 * One person, two records: `keep` stays and takes what it lacks from `drop`;
 * when `drop` headed another registration of the household, its members move
 * over and that family is closed. Two different national IDs are refused
 * (`validation`, reason `different_national_ids`). Answers the kept record's family.
 */
export function mergeDuplicates(keepMemberId: string, dropMemberId: string): Promise<FamilyDetail> {
  return call(() => api.POST('/api/v1/families/duplicates/merge', { body: { keep_member_id: keepMemberId, drop_member_id: dropMemberId } }));
}

/** Two people who are not the same: the pair is not flagged again. */
export async function dismissDuplicate(memberA: string, memberB: string): Promise<void> {
  await call(() => api.POST('/api/v1/families/duplicates/dismiss', { body: { member_a: memberA, member_b: memberB } }));
}
