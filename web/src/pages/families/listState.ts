// The families list's search, filters and page: what the person chose, how
// it sits in the address bar (so "back" from a family returns to the same
// list), and the query the server gets.
import { isFamilyStatus, isTierFilter, type FamilyStatus, type TierFilter } from '../../api/types';
import type { FamilyQuery } from '../../data/families';
import { cleanInput } from '../../lib/digits';

export const PAGE_SIZE = 25;

export interface ListParams {
  /** The search words as typed. */
  q: string;
  neighborhood: string;
  status: FamilyStatus | null;
  /** A tier, or `unassessed`. */
  tier: TierFilter | null;
  /** A helper's id (their caseload) or `unassigned` (families with no helper): managers only. */
  helper: string | null;
  /** 1-based. */
  page: number;
}

export const emptyParams: ListParams = { q: '', neighborhood: '', status: null, tier: null, helper: null, page: 1 };

/** The helper filter's value for families with no helper. */
export const UNASSIGNED = 'unassigned';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A helper filter from outside (the address bar): a helper's id or `unassigned`. */
export function isHelperFilter(v: unknown): v is string {
  return typeof v === 'string' && (v === UNASSIGNED || UUID.test(v));
}

export type ListAction =
  | { type: 'search'; q: string }
  | { type: 'neighborhood'; neighborhood: string }
  | { type: 'status'; status: FamilyStatus | null }
  | { type: 'tier'; tier: TierFilter | null }
  | { type: 'helper'; helper: string | null }
  | { type: 'page'; page: number }
  | { type: 'clear' };

/** The same text the server will compare: digits ASCII, ي/ك Persian, spaces collapsed. */
export function normalizeSearch(s: string): string {
  return cleanInput(s).replace(/\s+/g, ' ');
}

/**
 * A new search or filter starts again at page 1. An action that changes
 * nothing the server would see returns the same state, so no reload follows
 * (e.g. a debounced search that only added a trailing space).
 */
export function listReducer(state: ListParams, action: ListAction): ListParams {
  switch (action.type) {
    case 'search':
      if (normalizeSearch(action.q) === normalizeSearch(state.q)) return state.q === action.q ? state : { ...state, q: action.q };
      return { ...state, q: action.q, page: 1 };
    case 'neighborhood':
      if (normalizeSearch(action.neighborhood) === normalizeSearch(state.neighborhood))
        return state.neighborhood === action.neighborhood ? state : { ...state, neighborhood: action.neighborhood };
      return { ...state, neighborhood: action.neighborhood, page: 1 };
    case 'status':
      return action.status === state.status ? state : { ...state, status: action.status, page: 1 };
    case 'tier':
      return action.tier === state.tier ? state : { ...state, tier: action.tier, page: 1 };
    case 'helper':
      return action.helper === state.helper ? state : { ...state, helper: action.helper, page: 1 };
    case 'page': {
      const page = Math.max(1, Math.floor(action.page));
      return page === state.page ? state : { ...state, page };
    }
    case 'clear':
      return hasFilters(state) || state.page !== 1 ? emptyParams : state;
  }
}

export function hasFilters(p: ListParams): boolean {
  return normalizeSearch(p.q) !== '' || normalizeSearch(p.neighborhood) !== '' || p.status !== null || p.tier !== null || p.helper !== null;
}

/** What the server is asked. */
export function toQuery(p: ListParams, pageSize = PAGE_SIZE): FamilyQuery {
  return {
    q: normalizeSearch(p.q),
    neighborhood: normalizeSearch(p.neighborhood),
    status: p.status,
    tier: p.tier,
    helper: p.helper,
    page: p.page,
    pageSize,
  };
}

/** At least one page, even for no results. */
export function pageCount(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** `?q=…&neighborhood=…&status=…&tier=…&helper=…&page=…`, leaving out what is empty or default. */
export function paramsToSearch(p: ListParams): string {
  const s = new URLSearchParams();
  if (p.q.trim()) s.set('q', p.q.trim());
  if (p.neighborhood.trim()) s.set('neighborhood', p.neighborhood.trim());
  if (p.status) s.set('status', p.status);
  if (p.tier) s.set('tier', p.tier);
  if (p.helper) s.set('helper', p.helper);
  if (p.page > 1) s.set('page', String(p.page));
  const out = s.toString();
  return out ? `?${out}` : '';
}

/** Back from the address bar; anything unexpected falls back to the default. */
export function paramsFromSearch(search: string): ListParams {
  const s = new URLSearchParams(search);
  const status = s.get('status');
  const tier = s.get('tier');
  const helper = s.get('helper');
  const page = Number(s.get('page') ?? '1');
  return {
    q: s.get('q') ?? '',
    neighborhood: s.get('neighborhood') ?? '',
    status: isFamilyStatus(status) ? status : null,
    tier: isTierFilter(tier) ? tier : null,
    helper: isHelperFilter(helper) ? helper : null,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

// The list's address as last shown, so "back to the list" from a family
// returns to the same search and page.
let lastListSearch = '';

export function rememberListSearch(search: string): void {
  lastListSearch = search;
}

export function familiesListPath(): string {
  return `/families${lastListSearch}`;
}
