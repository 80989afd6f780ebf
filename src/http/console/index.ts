export { DEFAULT_CONSOLE_DIR, loadConsoleAssets, type ConsoleAsset, type ConsoleAssets } from './assets.js';
export { CONSOLE_FEED_DEFAULTS, createConsoleFeed, type ConsoleFeed } from './console-feed.js';
export { createConsoleRecorder, RECORDER_DEFAULTS, type ConsoleRecorder } from './recorder.js';
export { consoleRoutes, type ConsoleDeps } from './routes.js';
export { ConsoleEvent, ConsoleSnapshot, QuerySummary, TicketQueueView, TrafficPoint } from './schemas.js';
