// The device store and sync engine (docs/sync.md): what screens and the
// session use. Everything else in this folder is its inside.

// Lifecycle (the session calls these).
export { deviceLogin, deviceResume, offlineCandidate, unlockOffline, wipeDevice } from './attach';
export {
  usesOfflineStore,
  detachDevice,
  onDeviceEvent,
  configureDevice,
  resetDeviceConfig,
  type DeviceConfig,
  type DeviceEvent,
} from './runtime';
export type { KnownStore } from './device';

// Locking.
export { lockDevice } from './background';
export { unlockDevice, discardAndStartFresh, rewrapForNewPassword } from './unlock';
export { IDLE_LOCK_MS, coversScreen, type LockState } from './lock';

// Syncing and its status.
export { syncNow } from './background';
export { refreshStatus } from './runtime';
export { useSyncStatus, getSyncStatus, subscribeSyncStatus, type SyncStatus } from './status';
export type { SyncResult, SyncState } from './engine';

// Reading and writing records.
export { enqueueMutation } from './background';
export { openStore } from './runtime';
export type { MutationInput } from './outbox';
export {
  localFamily,
  localFamilies,
  localMembers,
  localAssessments,
  localProblems,
  dismissLocalProblem,
  localInstrument,
  localPending,
  localFamilySummaries,
  localDraft,
  saveLocalDraft,
  discardLocalDraft,
  finalizeLocalDraft,
  localAssistance,
  localDirectory,
  localAgenda,
  localCalendar,
  localToday,
  type LocalFamilySummary,
} from './local';
export type { LocalAssistance, LocalAuthor, LocalAgenda, LocalCalendar } from './assistance';
export type { LocalDirectory } from './directory';
export type { LocalDraft, DraftAnswers } from './drafts';
export type { LocalRecord, LocalAssessment, ReadOptions, OpenStore } from './records';
export type { Problem, Refusal } from './problems';
export { storageInfo, type StorageInfo } from './db';

// Lower level, for tests and tools: a store opened directly, without the runtime.
export { openDeviceStore, createDeviceStore, type OpenedStore } from './store';
export { enqueue } from './outbox';
export { readFamily, readFamilies, readMembers, readAssessments } from './records';
export { readAssistance, readAgenda, readCalendar, assembleAssistance } from './assistance';
export { readDirectory, refreshDirectory } from './directory';
export { readDraft, writeDraft, deleteDraft, appendDraft } from './drafts';
export { runSync } from './engine';
export { deleteDeviceDb as wipeDeviceStore } from './db';
export { uuidv7 } from './uuidv7';

// Errors.
export { OfflineError, isOfflineError, type OfflineErrorCode } from './errors';
export { WrongPasswordError } from './crypto';

// The wire contract.
export * from './protocol';
