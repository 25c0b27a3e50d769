// Small pieces of the resource directory, also shown on cases and tasks:
// a resource's kind, its domains, a phone number one can tap to call.
import { Anchor, Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Domain, ResourceKind } from '../../api/types';
import { toPersianDigits } from '../../lib/digits';
import { useLang } from '../../lib/useLang';

const KIND_COLOR: Record<ResourceKind, string> = {
  organization: 'blue',
  benefactor: 'grape',
  employer: 'teal',
  counselor: 'cyan',
  specialist: 'indigo',
  middle_circle: 'orange',
};

export function ResourceKindBadge({ kind }: { kind: ResourceKind }) {
  const { t } = useTranslation();
  return (
    <Badge color={KIND_COLOR[kind] ?? 'gray'} variant="light" data-kind={kind} style={{ flexShrink: 0 }}>
      {t(`casework.resources.kind.${kind}`, { defaultValue: kind })}
    </Badge>
  );
}

/** The domains as outlined badges, in the order the server keeps them. */
export function DomainBadges({ domains }: { domains: readonly Domain[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {domains.map((d) => (
        <Badge key={d} variant="outline" color="gray" c="gray.8" size="sm">
          {t(`assessment.domain.${d}`, { defaultValue: d })}
        </Badge>
      ))}
    </Group>
  );
}

/**
 * A phone number as a `tel:` link: on a phone one tap calls it. The digits
 * are the language's, kept left to right inside Persian text.
 */
export function PhoneLink({ phone, label }: { phone: string; label?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const digits = phone.replace(/[^\d+]/g, '');
  return (
    <Anchor href={`tel:${digits}`} aria-label={label ?? t('casework.call', { phone: lang === 'fa' ? toPersianDigits(phone) : phone })}>
      <bdi className="ltr">{lang === 'fa' ? toPersianDigits(phone) : phone}</bdi>
    </Anchor>
  );
}
