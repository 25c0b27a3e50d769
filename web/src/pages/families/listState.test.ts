import { describe, expect, it } from 'vitest';
import { UNASSIGNED, emptyParams, hasFilters, listReducer, pageCount, paramsFromSearch, paramsToSearch, toQuery, type ListParams } from './listState';

const on = (page: number, more: Partial<ListParams> = {}): ListParams => ({ ...emptyParams, page, ...more });

describe('families list state', () => {
  it('starts a new search, neighborhood or status at page 1', () => {
    expect(listReducer(on(3), { type: 'search', q: 'علی' })).toEqual(on(1, { q: 'علی' }));
    expect(listReducer(on(3), { type: 'neighborhood', neighborhood: 'گلستان' })).toEqual(on(1, { neighborhood: 'گلستان' }));
    expect(listReducer(on(3), { type: 'status', status: 'closed' })).toEqual(on(1, { status: 'closed' }));
    expect(listReducer(on(3), { type: 'tier', tier: 'at_risk' })).toEqual(on(1, { tier: 'at_risk' }));
  });

  it('keeps the page (and the same object) when the search did not change for the server', () => {
    const state = on(2, { q: 'علی' });
    expect(listReducer(state, { type: 'search', q: 'علی' })).toBe(state);
    expect(listReducer(state, { type: 'status', status: null })).toBe(state);
    expect(listReducer(state, { type: 'tier', tier: null })).toBe(state);
    expect(listReducer(state, { type: 'page', page: 2 })).toBe(state);
    // A trailing space or an Arabic yeh is the same search: the typed text is kept, the page too.
    expect(listReducer(state, { type: 'search', q: 'علي ' })).toEqual(on(2, { q: 'علي ' }));
  });

  it('moves between pages, never below 1', () => {
    expect(listReducer(on(1), { type: 'page', page: 2 })).toEqual(on(2));
    expect(listReducer(on(2), { type: 'page', page: 0 })).toEqual(on(1));
  });

  it('clears every filter and the page', () => {
    expect(listReducer(on(4, { q: 'x', neighborhood: 'y', status: 'active', tier: 'harmed' }), { type: 'clear' })).toEqual(emptyParams);
    expect(listReducer(emptyParams, { type: 'clear' })).toBe(emptyParams);
  });

  it('asks the server with normalized digits and letters, no empty filters', () => {
    expect(toQuery(on(2, { q: '  علي   ۰۹۱۲ ', neighborhood: ' ' }))).toEqual({
      q: 'علی 0912',
      neighborhood: '',
      status: null,
      tier: null,
      helper: null,
      page: 2,
      pageSize: 25,
    });
  });

  it('counts pages, at least one', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(25)).toBe(1);
    expect(pageCount(26)).toBe(2);
    expect(pageCount(101, 50)).toBe(3);
  });

  it('knows when a filter is on', () => {
    expect(hasFilters(emptyParams)).toBe(false);
    expect(hasFilters(on(3))).toBe(false);
    expect(hasFilters(on(1, { q: ' ' }))).toBe(false);
    expect(hasFilters(on(1, { status: 'moved_away' }))).toBe(true);
    expect(hasFilters(on(1, { tier: 'unassessed' }))).toBe(true);
  });

  it('round-trips through the address bar', () => {
    const p = on(3, { q: 'علی رضایی', neighborhood: 'گلستان', status: 'active', tier: 'stable', helper: UNASSIGNED });
    expect(paramsFromSearch(paramsToSearch(p))).toEqual(p);
    expect(paramsToSearch(emptyParams)).toBe('');
    expect(paramsToSearch(on(1, { q: ' a ' }))).toBe('?q=a');
  });

  it('ignores a bad status or page in the address bar', () => {
    expect(paramsFromSearch('?status=gone&page=-2')).toEqual(emptyParams);
    expect(paramsFromSearch('?tier=bad')).toEqual(emptyParams);
    expect(paramsFromSearch('?tier=unassessed')).toEqual(on(1, { tier: 'unassessed' }));
    expect(paramsFromSearch('?page=abc')).toEqual(emptyParams);
    expect(paramsFromSearch('')).toEqual(emptyParams);
  });

  describe('helper filter (managers)', () => {
    const helperId = '0190a3b4-0000-7000-8000-000000000001';

    it('filters by a helper or by no helper, from page 1', () => {
      expect(listReducer(on(3), { type: 'helper', helper: helperId })).toEqual(on(1, { helper: helperId }));
      expect(listReducer(on(3), { type: 'helper', helper: UNASSIGNED })).toEqual(on(1, { helper: UNASSIGNED }));
      const state = on(2, { helper: helperId });
      expect(listReducer(state, { type: 'helper', helper: helperId })).toBe(state);
      expect(hasFilters(on(1, { helper: UNASSIGNED }))).toBe(true);
      expect(listReducer(state, { type: 'clear' })).toEqual(emptyParams);
    });

    it('sends it to the server as `helper`', () => {
      expect(toQuery(on(1, { helper: helperId })).helper).toBe(helperId);
      expect(toQuery(on(1)).helper).toBeNull();
    });

    it('keeps it in the address bar, and ignores what is neither an id nor `unassigned`', () => {
      expect(paramsToSearch(on(1, { helper: helperId }))).toBe(`?helper=${helperId}`);
      expect(paramsToSearch(on(2, { helper: UNASSIGNED, tier: 'harmed' }))).toBe('?tier=harmed&helper=unassigned&page=2');
      expect(paramsFromSearch(`?helper=${helperId}`)).toEqual(on(1, { helper: helperId }));
      expect(paramsFromSearch('?helper=unassigned')).toEqual(on(1, { helper: UNASSIGNED }));
      expect(paramsFromSearch('?helper=ali')).toEqual(emptyParams);
      expect(paramsFromSearch("?helper=1;drop")).toEqual(emptyParams);
    });
  });
});
