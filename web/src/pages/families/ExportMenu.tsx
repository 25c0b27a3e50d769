// "Export" on the families list: the center's registry as CSV or Excel,
// fetched with the session cookie and saved by the browser.
import { useState } from 'react';
import { Button, Menu, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EXPORT_FORMATS, exportFamilies, type ExportFormat } from '../../data';
import { errorMessage } from '../../i18n/errors';
import { saveBlob } from '../../lib/download';
import { notify } from '../../lib/notify';
import { useLang } from '../../lib/useLang';
import { FORMAT_NAMES } from './importReport';

export function ExportMenu() {
  const { t } = useTranslation();
  const lang = useLang();
  const [busy, setBusy] = useState(false);

  async function download(format: ExportFormat) {
    setBusy(true);
    try {
      const file = await exportFamilies(format);
      saveBlob(file.blob, file.filename);
    } catch (e) {
      notify({ color: 'red', title: t('export.failed'), message: errorMessage(e, t, lang) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Menu position="bottom-end" withinPortal width={280}>
        <Menu.Target>
          <Button variant="default" loading={busy}>
            {t('export.menu')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {EXPORT_FORMATS.map((f) => (
            <Menu.Item key={f} onClick={() => void download(f)}>
              {t(`export.${f}`, { name: FORMAT_NAMES[f] })}
            </Menu.Item>
          ))}
          <Menu.Divider />
          {/* Not an item: a line that says what an export leaves behind. */}
          <Text size="xs" c="dimmed" px="sm" py={4}>
            {t('export.logged')}
          </Text>
        </Menu.Dropdown>
      </Menu>
      <VisuallyHidden role="status">{busy ? t('export.busy') : ''}</VisuallyHidden>
    </>
  );
}
