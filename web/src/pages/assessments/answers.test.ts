import { describe, expect, it } from 'vitest';
import defaultJson from '../../../../instruments/default.json';
import type { Instrument } from '../../assessment/instrument';
import { progress, score } from '../../assessment/scoring';
import {
  ageOnDay,
  answerOf,
  answerSetOf,
  askedOf,
  domainProgress,
  formAnswersOf,
  normalizeNumber,
  pruneAnswers,
  sameAnswers,
  splitAnchor,
  withAnswer,
} from './answers';

const instrument = defaultJson as Instrument;
const indicator = (id: string) => instrument.indicators.find((i) => i.id === id)!;

// Head 40, a child who turns 7 on 2025-03-10, a member with no birth date.
const members = [
  { id: 'head', birth_date: '1985-01-01' },
  { id: 'kid', birth_date: '2018-03-10' },
  { id: 'nobody-knows', birth_date: null },
];

describe('ageOnDay', () => {
  it('counts whole years as the server does: the birthday itself is the new age', () => {
    expect(ageOnDay('2018-03-10', '2025-03-09')).toBe(6);
    expect(ageOnDay('2018-03-10', '2025-03-10')).toBe(7);
    expect(ageOnDay('2000-02-29', '2025-02-28')).toBe(24);
    expect(ageOnDay('2000-02-29', '2025-03-01')).toBe(25);
  });

  it('knows no age without a birth date, or for a birth after the day', () => {
    expect(ageOnDay(null, '2025-01-01')).toBeNull();
    expect(ageOnDay('2026-01-01', '2025-01-01')).toBeNull();
    expect(ageOnDay('garbage', '2025-01-01')).toBeNull();
  });
});

describe('who is asked', () => {
  it('asks member questions by age on the assessment day; an unknown age is asked everything', () => {
    const schooling = indicator('social.schooling'); // 7–18
    expect(askedOf(schooling, members, '2025-03-09')).toEqual(['nobody-knows']);
    expect(askedOf(schooling, members, '2025-03-10')).toEqual(['kid', 'nobody-knows']);
    expect(askedOf(indicator('social.cohesion'), members, '2025-03-10')).toEqual([null]);
  });

  it('builds the answer set the device scores with every member and their age', () => {
    const set = answerSetOf({ family: { 'social.cohesion': '3' }, members: { kid: { 'social.schooling': '4' } } }, members, '2025-03-10');
    expect(set.members).toEqual([
      { member: 'head', age: 40, answers: {} },
      { member: 'kid', age: 7, answers: { 'social.schooling': '4' } },
      { member: 'nobody-knows', age: null, answers: {} },
    ]);
    expect(score(instrument, set).ok).toBe(true);
  });

  it('counts progress per domain as the scoring does overall', () => {
    const answers = { family: { 'social.cohesion': '3', 'economic.income': '2' }, members: { head: { 'economic.insurance': '5' } } };
    const per = domainProgress(instrument, answers, members, '2025-03-10');
    const all = progress(instrument, answerSetOf(answers, members, '2025-03-10'));
    expect(per.social.answered + per.economic.answered + per.cultural.answered).toBe(all.answered);
    expect(per.social.total + per.economic.total + per.cultural.total).toBe(all.total);
    expect(per.economic.answered).toBe(2);
  });
});

describe('pruneAnswers', () => {
  it('drops what the server would refuse: questions no longer asked, answers not offered, strangers, blanks', () => {
    const answers = {
      family: { 'social.cohesion': '3', 'social.violence': '9', 'no.such': '1', 'social.isolation': ' ' },
      members: {
        kid: { 'social.schooling': '4', 'social.cohesion': '2' },
        stranger: { 'economic.insurance': '5' },
      },
    };
    // The day before the child turns 7: schooling is not asked of them.
    expect(pruneAnswers(instrument, answers, members, '2025-03-09')).toEqual({ family: { 'social.cohesion': '3' }, members: {} });
    expect(pruneAnswers(instrument, answers, members, '2025-03-10')).toEqual({
      family: { 'social.cohesion': '3' },
      members: { kid: { 'social.schooling': '4' } },
    });
  });

  it('keeps numbers typed in Persian digits that fall in a range', () => {
    const answers = { family: { 'economic.income_per_person': '۸۰' }, members: {} };
    expect(pruneAnswers(instrument, answers, members, '2025-03-10').family).toEqual({ 'economic.income_per_person': '۸۰' });
  });
});

describe('editing answers', () => {
  it('sets and clears one answer without touching the old object', () => {
    const a = formAnswersOf({ family: { x: '1' } });
    const b = withAnswer(a, 'y', 'kid', '2');
    expect(a).toEqual({ family: { x: '1' }, members: {} });
    expect(answerOf(b, 'y', 'kid')).toBe('2');
    expect(answerOf(withAnswer(b, 'x', null, ''), 'x', null)).toBeUndefined();
    // Not Object.prototype's.
    expect(answerOf(a, 'constructor', null)).toBeUndefined();
  });

  it('compares answer sets by content, not key order or empty members', () => {
    expect(sameAnswers({ family: { a: '1', b: '2' }, members: { m: {} } }, { family: { b: '2', a: '1' }, members: {} })).toBe(true);
    expect(sameAnswers({ family: { a: '1' }, members: {} }, { family: { a: '2' }, members: {} })).toBe(false);
  });

  it('reads typed numbers in any digits', () => {
    expect(normalizeNumber(' ۱۲۰ ')).toBe('120');
    expect(normalizeNumber('٤٥')).toBe('45');
    expect(normalizeNumber('1,200')).toBe('1200');
  });

  it('splits an option into its anchor and description', () => {
    expect(splitAnchor('در بحران: خانواده از هم جداست.')).toEqual(['در بحران', 'خانواده از هم جداست.']);
    expect(splitAnchor('هیچ عضوی زندانی نیست.')).toEqual([null, 'هیچ عضوی زندانی نیست.']);
  });
});
