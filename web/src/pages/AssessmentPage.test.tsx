import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import defaultJson from '../../../instruments/default.json';
import { initI18n } from '../i18n';
import fa from '../i18n/fa';
import {
  remoteAssessmentStore,
  remoteFamilyStore,
  setAssessmentStore,
  setFamilyStore,
  type AssessmentDetail,
  type FamilyDetail,
  type InstrumentDocument,
  type Me,
  type Member,
  type UpdateAssessmentRequest,
} from '../data';
import { ApiError } from '../api/errors';
import type { Instrument } from '../assessment/instrument';
import { AssessmentPage } from './AssessmentPage';

// No canvas in jsdom: the chart module is replaced, and the test checks it is asked to draw.
const drawn = vi.hoisted(() => ({ charts: [] as unknown[] }));
vi.mock('chart.js', () => {
  class Chart {
    static register() {}
    constructor(_el: unknown, config: unknown) {
      drawn.charts.push(config);
    }
    destroy() {}
  }
  return { Chart, BarController: {}, BarElement: {}, CategoryScale: {}, LinearScale: {}, Tooltip: {} };
});

const ts = '2025-01-01T00:00:00Z';
const instrument = defaultJson as Instrument;

const me: Me = {
  user: { id: 'u1', username: 'manager', display_name: 'فاطمه کاظمی', role: 'center_manager', hq_id: null, center_id: 'c1', disabled: false, version: 1, created_at: ts, updated_at: ts },
  headquarters: null,
  center: { id: 'c1', code: 'C-001', name: 'مرکز' },
  permissions: ['families.read', 'assessments.write', 'tiers.override'],
  creatable_roles: [],
};

function member(id: string, first: string, relation: Member['relation'], birth: string): Member {
  return {
    id,
    family_id: 'f1',
    first_name: first,
    last_name: 'رضایی',
    father_name: '',
    national_id: null,
    birth_date: birth,
    sex: 'male',
    relation,
    marital_status: 'married',
    education: '',
    occupation: '',
    health: '',
    disability: '',
    insurance: '',
    mobile: '',
    extra: {},
    version: 1,
    created_at: ts,
    updated_at: ts,
  };
}

const family: FamilyDetail = {
  id: 'f1',
  center_id: 'c1',
  family_name: 'خانوادهٔ رضایی',
  head_member_id: 'm1',
  head_name: 'علی رضایی',
  neighborhood: 'گلستان',
  address: '',
  phones: [],
  housing: 'rented',
  status: 'active',
  status_reason: '',
  consent_on: null,
  consent_recorded_by: null,
  sources: [],
  member_count: 2,
  tier: null,
  version: 1,
  created_at: ts,
  updated_at: ts,
  // On 2025-03-10 the head is 40 and the son 12.
  members: [member('m1', 'علی', 'head', '1985-01-01'), member('m2', 'محمد', 'child', '2012-06-01')],
};

const instrumentDoc: InstrumentDocument = {
  id: 'i1',
  hq_id: null,
  code: 'hamyar-default',
  instrument_version: 1,
  title_fa: 'سنجش خانواده',
  title_en: 'Family assessment',
  builtin: true,
  published_by: null,
  published_at: ts,
  instrument,
  source: '',
};

function draft(over: Partial<AssessmentDetail> = {}): AssessmentDetail {
  return {
    id: 'a1',
    family_id: 'f1',
    center_id: 'c1',
    instrument_id: 'i1',
    kind: 'baseline',
    status: 'draft',
    assessed_on: '2025-03-10',
    assessor_id: 'u1',
    assessor_name: 'فاطمه کاظمی',
    domain_scores: {},
    computed_tier: null,
    tier: null,
    tier_override: null,
    corrects: null,
    correction_reason: '',
    superseded_by: null,
    current: false,
    finalized_at: null,
    version: 1,
    created_at: ts,
    updated_at: ts,
    instrument: { id: 'i1', hq_id: null, code: 'hamyar-default', instrument_version: 1, title_fa: 'سنجش خانواده', title_en: 'Family assessment', builtin: true, published_by: null, published_at: ts },
    answers: { family: {}, members: {} },
    members: [],
    capacities: [],
    harms: [],
    missing: [],
    ...over,
  };
}

let server: AssessmentDetail;
let saves: UpdateAssessmentRequest[];
let failNextSave: ApiError | null;
let finalizeError: ApiError | null;

// Answering every question of the instrument takes a while in jsdom.
vi.setConfig({ testTimeout: 30_000 });

beforeAll(() => {
  initI18n('fa');
  window.scrollTo = () => {};
  setFamilyStore({ ...remoteFamilyStore, get: async () => family });
});

beforeEach(async () => {
  await i18n.changeLanguage('fa');
  server = draft();
  saves = [];
  failNextSave = null;
  finalizeError = null;
  drawn.charts = [];
  setAssessmentStore({
    ...remoteAssessmentStore,
    get: async () => server,
    instrument: async () => instrumentDoc,
    assessors: async () => [{ id: 'u1', display_name: 'فاطمه کاظمی', role: 'center_manager' }],
    save: async (_id, body) => {
      saves.push(body);
      if (failNextSave) {
        const e = failNextSave;
        failNextSave = null;
        throw e;
      }
      if (body.version !== server.version) throw new ApiError({ status: 409, code: 'version_conflict' });
      server = { ...server, version: server.version + 1, answers: body.answers ?? server.answers };
      return server;
    },
    finalize: async (_id, version) => {
      if (finalizeError) throw finalizeError;
      expect(version).toBe(server.version);
      server = {
        ...server,
        status: 'final',
        version: server.version + 1,
        computed_tier: 'at_risk',
        tier: 'at_risk',
        domain_scores: { social: 70, economic: 55.5, cultural: 80 },
        harms: [{ indicator: 'economic.income', member: null, name_fa: 'درآمد ناکافی', name_en: 'Insufficient income', critical: false }],
        capacities: [{ indicator: 'social.schooling', member: 'm2', name_fa: 'پیشرفت تحصیلی', name_en: 'Good school progress', critical: false }],
      };
      return server;
    },
  });
});

afterAll(() => {
  setAssessmentStore(remoteAssessmentStore);
  setFamilyStore(remoteFamilyStore);
});

function renderPage() {
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <AssessmentPage me={me} id="a1" />
      </MantineProvider>
    </I18nextProvider>,
  );
}

/** Answers every question of every domain: the first card of each, a number in Persian digits. */
function answerEverything() {
  for (const domain of ['social', 'economic', 'cultural'] as const) {
    fireEvent.click(screen.getByRole('tab', { name: new RegExp(`^${fa.assessment.domain[domain]}`) }));
    const panel = screen.getByRole('tabpanel');
    for (const group of Array.from(panel.querySelectorAll('fieldset[data-question]'))) {
      const radio = group.querySelector<HTMLInputElement>('input[type="radio"]');
      if (radio) fireEvent.click(radio);
      else fireEvent.change(group.querySelector('input')!, { target: { value: '۸۰' } });
    }
  }
}

/** The rendered questions matching a selector. */
const questions = (selector: string) => Array.from(document.querySelectorAll<HTMLElement>(selector));

const progressText = () => screen.getByText(/از [۰-۹]+ پرسش$/).textContent;

describe('AssessmentPage: a draft', () => {
  it('asks member questions per member by age, and counts progress as answers come', async () => {
    renderPage();
    await screen.findByRole('heading', { level: 1, name: 'سطح‌بندی آغازین «خانوادهٔ رضایی»' });
    expect(progressText()).toMatch(/^۰ از/);
    // Schooling (7–18) is asked of the 12-year-old son only, named with his age.
    const schooling = questions('fieldset[data-question="social.schooling"]');
    expect(schooling).toHaveLength(1);
    expect(schooling[0]!.textContent).toContain('محمد رضایی');
    expect(schooling[0]!.textContent).toContain('۱۲ ساله');

    const cohesion = questions('fieldset[data-question="social.cohesion"]')[0]!;
    fireEvent.click(within(cohesion as HTMLElement).getAllByRole('radio')[2]!);
    expect(progressText()).toMatch(/^۱ از/);
    expect(screen.getByRole('status').textContent).toBe(fa.assessment.form.pending);
    expect(screen.getByRole('button', { name: fa.assessment.form.finalize })).toHaveProperty('disabled', true);

    // Saved after a pause, with the version it was loaded at.
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(fa.assessment.form.saved), { timeout: 3000 });
    expect(saves).toEqual([{ version: 1, answers: { family: { 'social.cohesion': '3' }, members: {} } }]);
  });

  it('computes the tier on the device when everything is answered, finalizes and shows the result', async () => {
    renderPage();
    await screen.findByRole('heading', { level: 1 });
    answerEverything();
    expect(screen.getByRole('progressbar', { name: fa.assessment.form.progress }).getAttribute('aria-valuenow')).toBe('100');
    // Every first answer includes a critical harm (no income at all): harmed.
    const result = screen.getByRole('region', { name: fa.assessment.form.result });
    expect(within(result).getByText(fa.assessment.tier.harmed)).toBeTruthy();
    const finalize = within(result).getByRole('button', { name: fa.assessment.form.finalize });
    expect(finalize).toHaveProperty('disabled', false);

    fireEvent.click(finalize);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/سطح محاسبه‌شده «آسیب‌دیده» است/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: fa.assessment.form.finalize }));

    // Everything was saved first, then made final: the result view.
    await screen.findByRole('region', { name: fa.assessment.result.scores });
    expect(saves.at(-1)?.answers?.family?.['economic.income_per_person']).toBe('80');
    expect(screen.getByText('۵۵٫۵')).toBeTruthy();
    expect(screen.getByRole('region', { name: fa.assessment.result.harms }).textContent).toContain('درآمد ناکافی');
    expect(screen.getByRole('region', { name: fa.assessment.result.capacities }).textContent).toContain('محمد رضایی');
    expect(screen.getByRole('button', { name: fa.assessment.result.override })).toBeTruthy();
    await waitFor(() => expect(drawn.charts).toHaveLength(1));
  });

  it('reloads with a clear message when the draft changed elsewhere', async () => {
    renderPage();
    await screen.findByRole('heading', { level: 1 });
    // Someone else saved meanwhile: the server is at version 2 with other answers.
    server = { ...server, version: 2, answers: { family: { 'social.violence': '5' }, members: {} } };
    fireEvent.click(within(questions('fieldset[data-question="social.cohesion"]')[0] as HTMLElement).getAllByRole('radio')[0]!);
    expect(await screen.findByText(fa.assessment.form.conflict, {}, { timeout: 3000 })).toBeTruthy();
    // What the server has replaces what was on screen: its answer is checked, the one just tapped is not.
    await waitFor(() => {
      const violence = questions('fieldset[data-question="social.violence"]')[0]!;
      expect((within(violence).getAllByRole('radio')[4] as HTMLInputElement).checked).toBe(true);
    });
    const cohesion = questions('fieldset[data-question="social.cohesion"]')[0]!;
    expect(within(cohesion).getAllByRole('radio').some((r) => (r as HTMLInputElement).checked)).toBe(false);
    expect(progressText()).toMatch(/^۱ از/);
  });

  it('explains a refusal to finalize an incomplete assessment', async () => {
    renderPage();
    await screen.findByRole('heading', { level: 1 });
    answerEverything();
    finalizeError = new ApiError({ status: 422, code: 'assessment_incomplete', field: 'answers' });
    fireEvent.click(within(screen.getByRole('region', { name: fa.assessment.form.result })).getByRole('button', { name: fa.assessment.form.finalize }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: fa.assessment.form.finalize }));
    expect(await screen.findByText(/سرور هنوز/)).toBeTruthy();
  });

  it('says a save failed and offers to try again', async () => {
    renderPage();
    await screen.findByRole('heading', { level: 1 });
    failNextSave = new ApiError({ status: 0, code: 'network' });
    fireEvent.click(within(questions('fieldset[data-question="social.cohesion"]')[0] as HTMLElement).getAllByRole('radio')[1]!);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(`ذخیره نشد: ${fa.errors.network}`), { timeout: 3000 });
    fireEvent.click(screen.getByRole('button', { name: fa.assessment.form.retrySave }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(fa.assessment.form.saved));
    expect(saves).toHaveLength(2);
  });
});

describe('AssessmentPage: a final assessment', () => {
  it('opens read-only as the result, with the override beside the computed tier', async () => {
    server = draft({
      status: 'final',
      computed_tier: 'harmed',
      tier: 'at_risk',
      tier_override: { tier: 'at_risk', reason: 'درآمد تازه پیدا شده است', by: 'u1', by_name: 'فاطمه کاظمی', at: ts },
      domain_scores: { social: 30, economic: 50, cultural: 70 },
      answers: { family: { 'social.cohesion': '2' }, members: {} },
    });
    renderPage();
    const tier = await screen.findByRole('region', { name: fa.assessment.fields.tier });
    expect(within(tier).getByText(fa.assessment.tier.harmed)).toBeTruthy();
    expect(within(tier).getByText(fa.assessment.tier.at_risk)).toBeTruthy();
    expect(within(tier).getByText('دلیل: \u2068درآمد تازه پیدا شده است\u2069')).toBeTruthy();
    expect(screen.queryByRole('button', { name: fa.assessment.form.finalize })).toBeNull();
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.getByRole('button', { name: fa.assessment.result.correct })).toBeTruthy();
  });
});
