export { DEFAULT_CONSOLE_DIR, loadConsoleAssets, type ConsoleAsset, type ConsoleAssets } from './assets.js';
export { createConsoleFeed, type ConsoleFeed } from './console-feed.js';
export { createConsoleRecorder, RECORDER_DEFAULTS, type ConsoleRecorder } from './recorder.js';
export { consoleRoutes, type ConsoleDeps } from './routes.js';
export { ConsoleEvent, ConsoleSnapshot, QuerySummary, TrafficPoint } from './schemas.js';
