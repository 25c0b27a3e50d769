import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../i18n';
import fa from '../i18n/fa';
import { localDraft, openStore, readAssessments, resetDeviceConfig, wipeDevice } from '../offline';
import { resetSyncStatus } from '../offline/status';
import { family, member } from '../offline/testing';
import { OfflineAssessmentPage } from './OfflineAssessmentPage';
import { attachHelper, summary } from './helperFamily/fixtures';

// Answering every question of the instrument takes a while in jsdom.
vi.setConfig({ testTimeout: 30_000 });

/** An ISO date `years` years (and a few weeks) before today. */
function yearsAgo(years: number): string {
  const d = new Date();
  d.setFullYear(d.getFullYear() - years);
  d.setDate(d.getDate() - 20);
  return d.toISOString().slice(0, 10);
}

const theFamily = family('f1', 2, { family_name: 'خانوادهٔ فتحی', tier: 'harmed' });
const head = member('m1', 'f1', 1, { first_name: 'مهناز', last_name: 'فتحی', relation: 'head', birth_date: yearsAgo(37) });
const child = member('m2', 'f1', 1, { first_name: 'آرش', last_name: 'فتحی', relation: 'child', sex: 'male', birth_date: yearsAgo(12) });

function renderPage() {
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <OfflineAssessmentPage familyId="f1" />
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

beforeAll(() => {
  initI18n('fa');
  window.scrollTo = () => {};
});

beforeEach(async () => {
  await i18n.changeLanguage('fa');
  window.history.replaceState(null, '', '/families/f1/assessment');
});

afterEach(async () => {
  await wipeDevice();
  resetDeviceConfig();
  resetSyncStatus();
});

describe('OfflineAssessmentPage', () => {
  it('asks the questions of the phone’s instrument, per member by age, and keeps half-done answers on the phone', async () => {
    await attachHelper({ families: [theFamily], members: [head, child], assessments: [summary('a1', 'f1')] });
    const first = renderPage();
    await screen.findByRole('heading', { level: 1, name: 'سطح‌بندی پیگیری «خانوادهٔ فتحی»' });
    // The family has a final assessment: a follow-up by default (the other kinds on offer).
    expect((screen.getByRole('radio', { name: fa.assessment.kind.follow_up }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('radio', { name: fa.assessment.kind.end_of_plan })).toBeTruthy();
    // Schooling (7–18) is asked of the 12-year-old only.
    const schooling = Array.from(document.querySelectorAll('fieldset[data-question="social.schooling"]'));
    expect(schooling).toHaveLength(1);
    expect(schooling[0]!.textContent).toContain('آرش فتحی');

    const cohesion = document.querySelector<HTMLElement>('fieldset[data-question="social.cohesion"]')!;
    fireEvent.click(within(cohesion).getAllByRole('radio')[2]!);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(fa.offlineAssessment.saved), { timeout: 3000 });
    expect(screen.getByText(/^۱ از [۰-۹]+ پرسش$/)).toBeTruthy();

    // Kept on the phone, encrypted: a new visit (or a reload) finds the answer.
    const draft = await localDraft('f1');
    expect(draft).toMatchObject({ family_id: 'f1', kind: 'follow_up', answers: { family: { 'social.cohesion': '3' }, members: {} } });
    expect(JSON.stringify(await openStore().db.drafts.toArray())).not.toContain('social.cohesion');
    first.unmount();
    renderPage();
    await screen.findByRole('heading', { level: 1 });
    const again = document.querySelector<HTMLElement>('fieldset[data-question="social.cohesion"]')!;
    expect((within(again).getAllByRole('radio')[2] as HTMLInputElement).checked).toBe(true);
  });

  it('computes the tier on the phone and records the assessment as one append mutation', async () => {
    await attachHelper({ families: [theFamily], members: [head, child] });
    renderPage();
    await screen.findByRole('heading', { level: 1, name: 'سطح‌بندی آغازین «خانوادهٔ فتحی»' });
    const record = screen.getByRole('button', { name: fa.offlineAssessment.finalize });
    expect(record).toHaveProperty('disabled', true);
    answerEverything();
    expect(screen.getByRole('progressbar', { name: fa.assessment.form.progress }).getAttribute('aria-valuenow')).toBe('100');
    const result = screen.getByRole('region', { name: fa.assessment.form.result });
    // Every first answer includes a critical harm: harmed.
    expect(within(result).getByText(fa.assessment.tier.harmed)).toBeTruthy();

    fireEvent.click(within(result).getByRole('button', { name: fa.offlineAssessment.finalize }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/سطح محاسبه‌شده «آسیب‌دیده» است/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: fa.offlineAssessment.finalize }));
    await waitFor(() => expect(window.location.pathname).toBe('/families/f1'));

    const [row] = await openStore().db.outbox.toArray();
    expect(row).toMatchObject({ entity: 'assessment', op: 'append', family_id: 'f1', base_version: null });
    const draftGone = await localDraft('f1');
    expect(draftGone).toBeNull();
    const [a] = await readAssessments(openStore(), 'f1');
    expect(a!.value).toMatchObject({ status: 'final', kind: 'baseline' });
    expect(a!.value.answers!.members).toHaveProperty('m2');
    expect(a!.value.answers!.family?.['economic.income_per_person']).toBe('80');
    expect(a!.value.assessed_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('says when the phone has no instrument yet', async () => {
    await attachHelper({ families: [theFamily], members: [head], instrument_id: '' });
    renderPage();
    expect(await screen.findByText(fa.offlineFamily.noInstrument)).toBeTruthy();
  });
});
