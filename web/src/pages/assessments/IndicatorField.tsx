// One question of the instrument: its text and every answer with its
// anchored description, as large radio cards; a number question as a field
// that takes Persian, Arabic or Latin digits. A member question is asked once
// per member it applies to.
import { useId, useState } from 'react';
import { Badge, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AnswerOption, Indicator } from '../../assessment/instrument';
import { optionFor } from '../../assessment/scoring';
import { formatDigits, type Lang } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { digitsFor } from '../families/format';
import { normalizeNumber, splitAnchor } from './answers';
import classes from './Assessment.module.css';

/** The element id of one question (for "go to the first unanswered"). */
export function questionAnchor(indicator: string, member: string | null): string {
  return `q-${indicator}-${member ?? 'family'}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

export function optionLabel(o: AnswerOption, lang: Lang): string {
  return o.text[lang] || o.text.fa;
}

export interface IndicatorFieldProps {
  indicator: Indicator;
  /** Who is asked: `[null]` for the family, else the member ids it applies to. */
  asked: readonly (string | null)[];
  memberLabel: (member: string) => string;
  answerOf: (member: string | null) => string | undefined;
  onAnswer: (member: string | null, value: string) => void;
  readOnly?: boolean;
}

export function IndicatorField({ indicator, asked, memberLabel, answerOf, onAnswer, readOnly }: IndicatorFieldProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const questionId = useId();
  const question = indicator.text[lang] || indicator.text.fa;
  const unanswered = asked.some((m) => answerOf(m) === undefined);

  if (indicator.subject.about === 'family') {
    return (
      <Card withBorder padding="sm" className={unanswered ? classes.unanswered : undefined} id={questionAnchor(indicator.id, null)}>
        <AnswerField
          indicator={indicator}
          label={question}
          labelClass={classes.legend}
          value={answerOf(null)}
          onChange={(v) => onAnswer(null, v)}
          readOnly={readOnly}
          unanswered={unanswered}
        />
      </Card>
    );
  }

  const { min_age, max_age } = indicator.subject;
  const range =
    min_age != null && max_age != null
      ? t('assessment.form.ages', { min: formatDigits(min_age, lang), max: formatDigits(max_age, lang) })
      : min_age != null
        ? t('assessment.form.agesFrom', { min: formatDigits(min_age, lang) })
        : max_age != null
          ? t('assessment.form.agesTo', { max: formatDigits(max_age, lang) })
          : null;

  return (
    <Card withBorder padding="sm" className={unanswered ? classes.unanswered : undefined} component="section" aria-labelledby={questionId}>
      <Stack gap="sm">
        <div>
          <Text fw={700} id={questionId}>
            {question}
          </Text>
          <Text size="sm" c="dimmed">
            {range ? t('assessment.form.forMembers', { range }) : t('assessment.form.everyMember')}
          </Text>
        </div>
        {asked.map((member) =>
          member === null ? null : (
            <div key={member} id={questionAnchor(indicator.id, member)}>
              <AnswerField
                indicator={indicator}
                label={memberLabel(member)}
                labelClass={classes.memberLegend}
                describedBy={questionId}
                value={answerOf(member)}
                onChange={(v) => onAnswer(member, v)}
                readOnly={readOnly}
                unanswered={answerOf(member) === undefined}
              />
            </div>
          ),
        )}
      </Stack>
    </Card>
  );
}

interface AnswerFieldProps {
  indicator: Indicator;
  label: string;
  labelClass: string | undefined;
  /** The question, when `label` is a member's name. */
  describedBy?: string;
  value: string | undefined;
  onChange: (value: string) => void;
  readOnly?: boolean;
  unanswered: boolean;
}

function AnswerField(props: AnswerFieldProps) {
  return props.indicator.kind === 'number' ? <NumberAnswer {...props} /> : <ChoiceAnswer {...props} />;
}

function UnansweredMark({ show }: { show: boolean }) {
  const { t } = useTranslation();
  if (!show) return null;
  return (
    <Badge color="orange" variant="light" c="#8f3604" size="sm" ms="xs" style={{ verticalAlign: 'middle' }}>
      {t('assessment.form.unanswered')}
    </Badge>
  );
}

function ChoiceAnswer({ indicator, label, labelClass, describedBy, value, onChange, readOnly, unanswered }: AnswerFieldProps) {
  const lang = useLang();
  const name = useId();
  const legendId = useId();
  return (
    <fieldset
      className={classes.fieldset}
      aria-labelledby={describedBy ? `${describedBy} ${legendId}` : undefined}
      data-question={indicator.id}
    >
      <legend className={labelClass} id={legendId}>
        {label}
        <UnansweredMark show={unanswered} />
      </legend>
      <div className={classes.options}>
        {indicator.options.map((o) => {
          if (!('value' in o)) return null;
          const [anchor, description] = splitAnchor(optionLabel(o, lang));
          return (
            <label key={o.value} className={classes.option}>
              <input
                type="radio"
                className={classes.radio}
                name={name}
                value={o.value}
                checked={value === o.value}
                disabled={readOnly}
                onChange={() => onChange(o.value)}
              />
              <span>
                {anchor && <span className={classes.anchor}>{anchor}</span>}
                <span className={anchor ? classes.description : undefined}>{description}</span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

function NumberAnswer({ indicator, label, labelClass, describedBy, value, onChange, readOnly, unanswered }: AnswerFieldProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const [text, setText] = useState(() => (value === undefined ? '' : digitsFor(value, lang)));
  const [touched, setTouched] = useState(false);
  const legendId = useId();
  const normalized = normalizeNumber(text);
  const wellFormed = normalized === '' || /^[+-]?[0-9]+$/.test(normalized);
  const chosen = normalized !== '' && wellFormed ? optionFor(indicator, normalized) : undefined;
  const error = normalized === '' ? null : !wellFormed ? t('assessment.form.numberInvalid') : !chosen ? t('assessment.form.numberOut') : null;

  function change(next: string) {
    setText(next);
    const n = normalizeNumber(next);
    const option = n !== '' && /^[+-]?[0-9]+$/.test(n) ? optionFor(indicator, n) : undefined;
    // Only an answer the instrument offers is kept: anything else is no answer yet.
    onChange(option ? n : '');
  }

  return (
    <fieldset className={classes.fieldset} aria-labelledby={describedBy ? `${describedBy} ${legendId}` : undefined} data-question={indicator.id}>
      <legend className={labelClass} id={legendId}>
        {label}
        <UnansweredMark show={unanswered} />
      </legend>
      <Stack gap="xs">
        <TextInput
          label={t('assessment.form.numberLabel')}
          description={t('assessment.form.numberHint')}
          value={text}
          onChange={(e) => change(e.currentTarget.value)}
          onBlur={() => setTouched(true)}
          inputMode="numeric"
          autoComplete="off"
          classNames={{ input: 'numeric-input' }}
          error={touched || chosen ? error : null}
          readOnly={readOnly}
          maw={240}
        />
        <ul className={classes.bands}>
          {indicator.options.map((o, i) =>
            'min' in o ? (
              <li key={i} className={classes.band} data-active={chosen === o || undefined}>
                {optionLabel(o, lang)}
              </li>
            ) : null,
          )}
        </ul>
        {chosen && (
          <Group gap={4}>
            <Text size="sm" c="teal.9">
              {t('assessment.form.numberBand', { band: optionLabel(chosen, lang) })}
            </Text>
          </Group>
        )}
      </Stack>
    </fieldset>
  );
}
