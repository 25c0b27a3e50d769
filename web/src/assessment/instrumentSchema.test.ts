// instruments/schema.json (the JSON Schema editors use for instrument files)
// must accept the shipped instrument and reject what the checker rejects.
// The checker (`hamyar instrument check`) stays the authority; this keeps the
// schema from drifting away from it.
import { describe, expect, it } from 'vitest';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import { parse } from 'smol-toml';
import schema from '../../../instruments/schema.json';
import defaultToml from '../../../instruments/default.toml?raw';

interface Option {
  value?: string;
  min?: number;
  max?: number;
  score: number;
  fa: string;
  en: string;
  capacity?: Record<string, unknown>;
  harm?: Record<string, unknown>;
  [key: string]: unknown;
}
interface Indicator {
  id: string;
  domain: string;
  about: string;
  answer: string;
  en?: string;
  options: Option[];
  [key: string]: unknown;
}
interface Doc {
  title: Record<string, string>;
  tiers: Record<string, number>;
  indicators: Indicator[];
  [key: string]: unknown;
}

// Strict: an unknown keyword or a misplaced one is an error, so a typo in the
// schema fails here. `required` may name a property declared elsewhere (the
// if/then rules add `required` to options declared in $defs/option).
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
const validate = ajv.compile(schema);

function errorsOf(doc: unknown): ErrorObject[] {
  return validate(doc) ? [] : [...(validate.errors ?? [])];
}

function describeErrors(errors: ErrorObject[]): string {
  return errors.map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('\n');
}

const original = parse(defaultToml) as unknown as Doc;

/** The default instrument with one change. */
function variant(change: (doc: Doc) => void): Doc {
  const doc = structuredClone(original);
  change(doc);
  return doc;
}

function indicatorWith(doc: Doc, answer: string): [Indicator, number] {
  const i = doc.indicators.findIndex((ind) => ind.answer === answer);
  expect(i, `the default instrument has a ${answer} indicator`).toBeGreaterThanOrEqual(0);
  return [doc.indicators[i]!, i];
}

/** The schema rejects `doc`, with an error at `path` (or below it). */
function expectRejectedAt(doc: unknown, path: string) {
  const errors = errorsOf(doc);
  expect(errors.length, 'the schema should reject this').toBeGreaterThan(0);
  expect(
    errors.some((e) => e.instancePath === path || e.instancePath.startsWith(`${path}/`)),
    `no error at ${path}:\n${describeErrors(errors)}`,
  ).toBe(true);
}

describe('instruments/schema.json', () => {
  it('is named by the first line of the default instrument', () => {
    expect(defaultToml.split('\n')[0]).toBe('#:schema ./schema.json');
  });

  it('accepts the default instrument', () => {
    const errors = errorsOf(original);
    expect(describeErrors(errors)).toBe('');
    // Every kind of answer and both marks are exercised.
    const kinds = new Set(original.indicators.map((i) => i.answer));
    expect([...kinds].sort()).toEqual(['choice', 'number', 'scale', 'yes_no']);
    const options = original.indicators.flatMap((i) => i.options);
    expect(options.some((o) => o.capacity)).toBe(true);
    expect(options.some((o) => o.harm?.critical === true)).toBe(true);
  });

  it('rejects an unknown top-level key', () => {
    const doc = variant((d) => {
      d.author = 'someone';
    });
    const errors = errorsOf(doc);
    expect(errors.some((e) => e.keyword === 'additionalProperties' && e.params.additionalProperty === 'author')).toBe(
      true,
    );
  });

  it('rejects a domain outside social, economic and cultural', () => {
    expectRejectedAt(
      variant((d) => {
        d.indicators[0]!.domain = 'spiritual';
      }),
      '/indicators/0/domain',
    );
  });

  it('rejects a score above 100 or below 0', () => {
    expectRejectedAt(
      variant((d) => {
        d.indicators[0]!.options[0]!.score = 120;
      }),
      '/indicators/0/options/0/score',
    );
    expectRejectedAt(
      variant((d) => {
        d.indicators[0]!.options[0]!.score = -1;
      }),
      '/indicators/0/options/0/score',
    );
  });

  it('rejects an option with neither value nor min/max', () => {
    expectRejectedAt(
      variant((d) => {
        delete d.indicators[0]!.options[0]!.value;
      }),
      '/indicators/0/options/0',
    );
    // A number option without its range, too.
    const doc = variant((d) => {
      const [ind] = indicatorWith(d, 'number');
      delete ind.options[0]!.min;
      delete ind.options[0]!.max;
    });
    const [, n] = indicatorWith(doc, 'number');
    expectRejectedAt(doc, `/indicators/${n}/options/0`);
  });

  it('rejects missing English text', () => {
    expectRejectedAt(
      variant((d) => {
        delete d.indicators[0]!.en;
      }),
      '/indicators/0',
    );
    expectRejectedAt(
      variant((d) => {
        delete d.title.en;
      }),
      '/title',
    );
    expectRejectedAt(
      variant((d) => {
        d.indicators[0]!.options[0]!.en = '   ';
      }),
      '/indicators/0/options/0/en',
    );
  });

  it('rejects what the checker rejects about options and ages', () => {
    // A critical capacity.
    const withCapacity = original.indicators[0]!.options.findIndex((o) => o.capacity);
    expect(withCapacity).toBeGreaterThanOrEqual(0);
    expectRejectedAt(
      variant((d) => {
        d.indicators[0]!.options[withCapacity]!.capacity!.critical = true;
      }),
      `/indicators/0/options/${withCapacity}/capacity`,
    );
    // Both a harm and a capacity.
    expectRejectedAt(
      variant((d) => {
        d.indicators[0]!.options[withCapacity]!.harm = { fa: 'آسیب', en: 'Harm' };
      }),
      `/indicators/0/options/${withCapacity}`,
    );
    // A scale with four options, or out of order.
    expectRejectedAt(
      variant((d) => {
        d.indicators[0]!.options.pop();
      }),
      '/indicators/0/options',
    );
    expectRejectedAt(
      variant((d) => {
        d.indicators[0]!.options.reverse();
      }),
      '/indicators/0/options',
    );
    // A value on a number option.
    const doc = variant((d) => {
      indicatorWith(d, 'number')[0].options[0]!.value = '3';
    });
    expectRejectedAt(doc, `/indicators/${indicatorWith(doc, 'number')[1]}/options/0`);
    // yes_no with "maybe".
    const yesNo = variant((d) => {
      indicatorWith(d, 'yes_no')[0].options[0]!.value = 'maybe';
    });
    expectRejectedAt(yesNo, `/indicators/${indicatorWith(yesNo, 'yes_no')[1]}/options`);
    // Ages on a family indicator.
    const family = original.indicators.findIndex((i) => i.about === 'family');
    expectRejectedAt(
      variant((d) => {
        d.indicators[family]!.min_age = 6;
      }),
      `/indicators/${family}/min_age`,
    );
    // A weight of zero, an unknown indicator key, an id with capitals.
    expectRejectedAt(
      variant((d) => {
        d.indicators[0]!.weight = 0;
      }),
      '/indicators/0/weight',
    );
    expectRejectedAt(
      variant((d) => {
        d.indicators[0]!.note = 'x';
      }),
      '/indicators/0',
    );
    expectRejectedAt(
      variant((d) => {
        d.indicators[0]!.id = 'Social.Cohesion';
      }),
      '/indicators/0/id',
    );
  });

  it('rejects an instrument with a domain left without indicators', () => {
    expectRejectedAt(
      variant((d) => {
        d.indicators = d.indicators.filter((i) => i.domain !== 'cultural');
      }),
      '/indicators',
    );
  });

  it('accepts Persian digits in scale values, as the checker does', () => {
    const doc = variant((d) => {
      d.indicators[0]!.options[0]!.value = '۱';
    });
    expect(describeErrors(errorsOf(doc))).toBe('');
  });
});
