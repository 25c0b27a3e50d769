import { useState, type FormEvent } from 'react';
import { Button, Group, Radio, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CURRICULA, type Course, type CourseDetail, type Curriculum, type Me, type TrainerRef } from '../../api/types';
import { ApiError } from '../../api/errors';
import { can, createCourse, listCenters, updateCourse, useResource, type Center } from '../../data';
import { errorMessage, formErrorFrom, noErrors, type FormErrorState } from '../../i18n/errors';
import { cleanInput } from '../../lib/digits';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { persianFilter } from './searchFilter';

const FIELDS = ['curriculum', 'title', 'description', 'trainer_id', 'center_id'] as const;

/** Who picks a center for a new course: a manager's courses are always their center's. */
function centerChoice(me: Me): 'all' | 'own' | null {
  if (me.user.role === 'hq_admin') return 'all';
  if (me.user.role === 'trainer') return me.user.center_id ? 'own' : 'all';
  return null;
}

export interface CourseFormProps {
  me: Me;
  /** Null for a new course. */
  course: Course | null;
  /** Trainers the course may name (from the course's page); none for a new course. */
  trainers?: readonly TrainerRef[];
  onCancel: () => void;
  onSaved: (detail: CourseDetail) => void;
  /** The course changed meanwhile: load it again. */
  onStale?: () => void;
}

/** A new course (curriculum, title, description, center), or a course's edit (also its trainer). */
export function CourseForm({ me, course, trainers = [], onCancel, onSaved, onStale }: CourseFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const [curriculum, setCurriculum] = useState<Curriculum>(course?.curriculum ?? 'pre_service');
  const [title, setTitle] = useState(course?.title ?? '');
  const [description, setDescription] = useState(course?.description ?? '');
  const [trainerId, setTrainerId] = useState<string | null>(course?.trainer_id ?? null);
  const [centerId, setCenterId] = useState<string>('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);

  const choice = course ? null : centerChoice(me);
  const centers = useResource(
    () => (choice && can(me, 'centers.read') ? listCenters() : Promise.resolve([] as Center[])),
    [choice],
  );
  const centerOptions = (centers.data ?? []).filter((c) => choice === 'all' || c.id === me.user.center_id);

  // A trainer no longer on the list (disabled since) stays choosable under their id's name.
  const trainerOptions = trainers.map((tr) => ({ value: tr.id, label: tr.display_name }));
  if (course?.trainer_id && !trainers.some((tr) => tr.id === course.trainer_id)) {
    trainerOptions.unshift({ value: course.trainer_id, label: course.trainer_name ?? t('training.noTrainer') });
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const cleanTitle = cleanInput(title);
    const fields: Record<string, string> = {};
    if (!cleanTitle) fields.title = t('common.required');
    setErrors({ fields, form: null });
    setStale(false);
    if (Object.keys(fields).length > 0) return;
    const body = { curriculum, title: cleanTitle, description: cleanInput(description) };
    setBusy(true);
    try {
      const saved = course
        ? // Every field is replaced on edit: the trainer is always sent (null takes them off).
          await updateCourse(course.id, { ...body, trainer_id: trainerId, version: course.version })
        : await createCourse({ ...body, ...(centerId ? { center_id: centerId } : {}) });
      onSaved(saved);
    } catch (err) {
      setErrors(formErrorFrom(err, FIELDS, t, lang));
      setStale(err instanceof ApiError && err.code === 'version_conflict');
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form}>
          {stale && onStale && (
            <Button size="compact-sm" variant="light" color="red" mt="xs" display="block" onClick={onStale}>
              {t('training.reloadLatest')}
            </Button>
          )}
        </FormAlert>
        <Radio.Group
          label={t('training.fields.curriculum')}
          required
          value={curriculum}
          onChange={(v) => setCurriculum(v as Curriculum)}
          error={errors.fields.curriculum}
        >
          <Group mt={4}>
            {CURRICULA.map((c) => (
              <Radio key={c} value={c} label={t(`training.curriculum.${c}`)} />
            ))}
          </Group>
        </Radio.Group>
        <TextInput
          label={t('training.fields.title')}
          required
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.fields.title}
          maxLength={160}
          autoComplete="off"
        />
        <Textarea
          label={t('training.fields.description')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={errors.fields.description}
          maxLength={2000}
          autosize
          minRows={2}
          maxRows={8}
        />
        {course ? (
          <Select
            label={t('training.fields.trainer_id')}
            placeholder={t('training.noTrainer')}
            data={trainerOptions}
            value={trainerId}
            onChange={setTrainerId}
            error={errors.fields.trainer_id}
            clearable
            searchable
            filter={persianFilter}
            comboboxProps={{ withinPortal: true }}
          />
        ) : (
          <Text size="sm" c="dimmed">
            {t('training.trainerLater')}
          </Text>
        )}
        {choice && (
          <Select
            label={t('training.fields.center_id')}
            data={[{ value: '', label: t('training.allCenters') }, ...centerOptions.map((c) => ({ value: c.id, label: c.name }))]}
            value={centerId}
            onChange={(v) => setCenterId(v ?? '')}
            error={errors.fields.center_id ?? (centers.error ? errorMessage(centers.error, t, lang) : undefined)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
        )}
        {!course && !choice && me.center && (
          <Text size="sm" c="dimmed">
            {t('training.ownCenter', { name: me.center.name })}
          </Text>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
