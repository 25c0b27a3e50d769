// Toasts: Mantine's notifications with a close button screen readers can name.
import { notifications, type NotificationData } from '@mantine/notifications';
import i18n from 'i18next';

export function notify(data: NotificationData): void {
  notifications.show({ ...data, closeButtonProps: { 'aria-label': i18n.t('common.close'), ...data.closeButtonProps } });
}
