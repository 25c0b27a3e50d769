import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource-variable/vazirmatn';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './global.css';
import { initI18n } from './i18n';
import { App } from './App';
import { onDeviceEvent } from './offline';
import { checkForUpdate, registerServiceWorker } from './pwa/register';

initI18n();

// The service worker only in builds: in `vite dev` it would cache modules under development.
if (import.meta.env.PROD) {
  void registerServiceWorker();
  // The server no longer speaks our sync protocol: the update is offered as soon as it is found.
  onDeviceEvent((e) => {
    if (e === 'update_required') checkForUpdate();
  });
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
